"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useActionState, useEffect } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ActionMessage } from "@/components/ui/ActionMessage";
import { IDLE, type FormAction } from "@/lib/actions/action-state";

export function RefreshNowButton({ action }: { action: FormAction }) {
  const { t } = useI18n();
  const [state, formAction, pending] = useActionState(action, IDLE);
  const queries = useQueryClient();
  // A new refresh is queued: fetch the history again, which starts its polling.
  useEffect(() => {
    if (state.status === "ok") void queries.invalidateQueries({ queryKey: ["system-refreshes"] });
  }, [state, queries]);
  return (
    <form action={formAction} className="flex items-center gap-3">
      <button type="submit" className="btn-primary" disabled={pending}>{t("refresh.now")}</button>
      <ActionMessage state={state} testId="refresh-message" />
    </form>
  );
}
