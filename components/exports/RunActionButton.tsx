"use client";
// One button bound to a run action (Run now, Cancel run, Confirm): a hidden id, the outcome
// shown beside it.
import { useActionState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ActionMessage } from "@/components/ui/ActionMessage";
import { IDLE, type FormAction } from "@/lib/actions/action-state";
import type { MessageKey } from "@/lib/i18n/messages";

type Props = {
  action: FormAction;
  field: "exportId" | "runId";
  id: string;
  label: MessageKey;
  /** Distinguishes rows of a list for assistive technology ("Run now, Weekly newsletter"). */
  accessibleName?: string;
  variant?: "primary" | "secondary" | "link";
  testId?: string;
};

export function RunActionButton({ action, field, id, label, accessibleName, variant = "secondary", testId }: Props) {
  const { t } = useI18n();
  const [state, formAction, pending] = useActionState(action, IDLE);
  const styles = variant === "link" ? "text-brand-700 underline disabled:opacity-50" : variant === "primary" ? "btn-primary" : "btn-secondary";
  return (
    <form action={formAction} className="inline-flex flex-wrap items-center gap-2">
      <input type="hidden" name={field} value={id} />
      <button type="submit" className={styles} disabled={pending} aria-label={accessibleName ? `${t(label)}, ${accessibleName}` : undefined} data-testid={testId}>
        {t(label)}
      </button>
      <ActionMessage state={state} testId={testId ? `${testId}-message` : undefined} />
    </form>
  );
}
