"use client";
// The segment's refresh: the button (editors only; the server checks again) and the job's
// progress, polled only while the job is queued or running. When it ends the page reloads its
// server data (member count, members).
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ActionMessage } from "@/components/ui/ActionMessage";
import { IDLE, type FormAction } from "@/lib/actions/action-state";
import { isMessageKey } from "@/lib/i18n/messages";
import type { RefreshStatus } from "@/lib/segments/refresh-status";

const ACTIVE = new Set(["QUEUED", "RUNNING"]);

export function RefreshPanel({ segmentId, initial, refresh }: { segmentId: string; initial: RefreshStatus; refresh?: FormAction }) {
  const { t } = useI18n();
  const router = useRouter();
  const [state, formAction, pending] = useActionState(refresh ?? (async () => IDLE), IDLE);
  const status = useQuery({
    queryKey: ["segment-status", segmentId],
    queryFn: async () => (await (await fetch(`/api/segments/${segmentId}/status`, { cache: "no-store" })).json()) as RefreshStatus,
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.job && ACTIVE.has(query.state.data.job.status) ? 1000 : false),
  });
  const job = status.data?.job;
  const active = Boolean(job && ACTIVE.has(job.status));
  const wasActive = useRef(active);
  useEffect(() => {
    if (state.status === "ok") void status.refetch();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
  useEffect(() => {
    if (wasActive.current && !active) router.refresh();
    wasActive.current = active;
  }, [active, router]);

  const done = job?.progress.done ?? 0;
  const total = job?.progress.total ?? 0;
  const reason = job?.errorKey && isMessageKey(job.errorKey) ? t(job.errorKey) : t("errors.generic");
  return (
    <div className="space-y-2" data-testid="refresh-panel">
      {refresh && (
        <form action={formAction}>
          <input type="hidden" name="segmentId" value={segmentId} />
          <button type="submit" className="btn-primary" disabled={pending || active}>{t("segments.refresh")}</button>
        </form>
      )}
      {state.status === "error" && <ActionMessage state={state} testId="refresh-message" />}
      {job && (active || state.status === "ok") && (
        <div aria-live="polite" data-testid="refresh-status" className="text-sm">
          <p>{job.status === "FAILED" ? t("segments.job.FAILED", { reason }) : t(`segments.job.${job.status as "QUEUED"}`)}</p>
          {active && (
            <progress className="mt-1 h-2 w-48" aria-label={t("segments.progress")} max={total || 1} value={total ? done : undefined} />
          )}
        </div>
      )}
    </div>
  );
}
