"use client";
// The export's active run: a live progress bar with ETA (react-query polls only while the run is
// queued or running) and Cancel; Confirm / Cancel when the removal guardrail stopped it. When the
// run ends the page is refreshed so the history shows its counts.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import type { FormAction } from "@/lib/actions/action-state";
import type { RunView } from "@/lib/export-engine/run-view";
import { RunActionButton } from "./RunActionButton";

const ACTIVE = ["QUEUED", "RUNNING"];

type Props = { initial: RunView; canRun: boolean; cancelAction: FormAction; confirmAction: FormAction };

export function ActiveRun({ initial, canRun, cancelAction, confirmAction }: Props) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data: run } = useQuery({
    queryKey: ["export-run", initial.id],
    queryFn: async (): Promise<RunView> => {
      const response = await fetch(`/api/exports/runs/${initial.id}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`export run: ${response.status}`);
      return response.json();
    },
    initialData: initial,
    refetchInterval: (query) => (ACTIVE.includes(query.state.data?.status ?? "") ? 1000 : false),
  });
  // A fresh server render (after Confirm, the run is queued again) replaces what polling cached:
  // the cached "needs confirmation" would otherwise stop the polling for good.
  useEffect(() => {
    queryClient.setQueryData(["export-run", initial.id], initial);
  }, [initial, queryClient]);
  const previous = useRef(run.status);
  useEffect(() => {
    if (ACTIVE.includes(previous.current) && !ACTIVE.includes(run.status)) router.refresh();
    previous.current = run.status;
  }, [run.status, router]);

  const numbers = new Intl.NumberFormat(locale);
  const percent = run.rowsPlanned > 0 ? Math.min(100, Math.round((run.rowsDone / run.rowsPlanned) * 100)) : 0;
  return (
    <section className="card space-y-3" aria-labelledby="active-run-title" data-testid="active-run">
      <h2 id="active-run-title" className="text-lg font-semibold">{t("exports.activeRun")}</h2>
      <p className="text-sm" data-testid="active-run-status">{t(`exports.status.${run.status}` as "exports.status.RUNNING")}</p>
      {run.status === "NEEDS_CONFIRMATION" ? (
        <>
          <p className="text-sm text-amber-800">{t("exports.run.needsConfirmation")}</p>
          {canRun && (
            <div className="flex flex-wrap gap-2">
              <RunActionButton action={confirmAction} field="runId" id={run.id} label="exports.run.confirm" variant="primary" testId="confirm-run" />
              <RunActionButton action={cancelAction} field="runId" id={run.id} label="exports.run.cancel" testId="cancel-run" />
            </div>
          )}
        </>
      ) : ACTIVE.includes(run.status) ? (
        <>
          <div>
            <progress className="h-3 w-full" max={100} value={percent} aria-labelledby="active-run-title" aria-describedby="active-run-detail" />
            <p id="active-run-detail" className="text-xs text-slate-700">
              {t("exports.progress", { done: numbers.format(run.rowsDone), planned: numbers.format(run.rowsPlanned), percent })}
              {run.etaSeconds !== null && ` · ${t("exports.eta", { seconds: numbers.format(Math.ceil(run.etaSeconds)) })}`}
            </p>
            <p className="text-xs text-slate-700" data-testid="active-run-rate">
              {run.rowsPerSecond === null ? t("exports.rate.none") : t("exports.rate", { rate: numbers.format(Math.round(run.rowsPerSecond)) })}
              {" · "}
              {t("exports.retries", { retries: numbers.format(run.retries) })}
            </p>
          </div>
          {canRun && <RunActionButton action={cancelAction} field="runId" id={run.id} label="exports.run.cancel" testId="cancel-run" />}
        </>
      ) : null}
    </section>
  );
}
