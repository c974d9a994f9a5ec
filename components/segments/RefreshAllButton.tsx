"use client";
// Refresh every dynamic segment now (what the scheduled system refresh does before the exports).
import { useActionState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ActionMessage } from "@/components/ui/ActionMessage";
import { IDLE, type FormAction } from "@/lib/actions/action-state";

export function RefreshAllButton({ action }: { action: FormAction }) {
  const { t } = useI18n();
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <button type="submit" className="btn-secondary" disabled={pending}>{t("segments.refreshAll")}</button>
      <ActionMessage state={state} testId="refresh-all-message" />
    </form>
  );
}
