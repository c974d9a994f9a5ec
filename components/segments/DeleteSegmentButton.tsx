"use client";
// Delete, after a confirmation; the server refuses it (naming the exports) while an export uses it.
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ActionMessage } from "@/components/ui/ActionMessage";
import { IDLE, type FormAction } from "@/lib/actions/action-state";

export function DeleteSegmentButton({ segment, action }: { segment: { id: string; name: string }; action: FormAction }) {
  const { t } = useI18n();
  const router = useRouter();
  const [state, formAction, pending] = useActionState(action, IDLE);
  useEffect(() => {
    if (state.status === "ok") router.push("/segments");
  }, [state, router]);
  return (
    <div className="space-y-2">
      <form action={formAction} onSubmit={(event) => {
        if (!window.confirm(t("segments.confirmDelete", { name: segment.name }))) event.preventDefault();
      }}>
        <input type="hidden" name="segmentId" value={segment.id} />
        <button type="submit" className="btn-danger" disabled={pending}>{t("segments.delete")}</button>
      </form>
      {state.status === "error" && <ActionMessage state={state} testId="delete-message" />}
    </div>
  );
}
