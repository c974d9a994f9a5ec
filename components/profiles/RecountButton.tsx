"use client";
// Asks the job to count the attribute values again; while it runs the page refreshes itself
// every few seconds (router.refresh re-renders the server page with the new figures).
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ActionMessage } from "@/components/ui/ActionMessage";
import { IDLE, type FormAction } from "@/lib/actions/action-state";

export function RecountButton({ action, running }: { action: FormAction; running: boolean }) {
  const { t } = useI18n();
  const router = useRouter();
  const [state, formAction, pending] = useActionState(action, IDLE);
  // After asking, refresh for a while even if the job already ended before the first look.
  const [askedAt, setAskedAt] = useState(0);
  useEffect(() => {
    if (state.status === "ok") setAskedAt(Date.now());
  }, [state]);
  useEffect(() => {
    if (!running && askedAt === 0) return;
    const timer = setInterval(() => {
      if (!running && Date.now() - askedAt > 20_000) setAskedAt(0);
      router.refresh();
    }, 2000);
    return () => clearInterval(timer);
  }, [running, askedAt, router]);
  return (
    <form action={formAction} className="flex items-center gap-3">
      <button type="submit" className="btn-secondary" disabled={pending || running}>{running ? t("profiles.catalog.counting") : t("profiles.catalog.recount")}</button>
      {state.status === "error" && <ActionMessage state={state} />}
    </form>
  );
}
