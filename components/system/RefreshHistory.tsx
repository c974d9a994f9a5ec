"use client";
// Admin › System › Status: the refresh history, polled only while a refresh is queued or running.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useI18n } from "@/components/i18n/I18nProvider";
import { isMessageKey } from "@/lib/i18n/messages";
import type { RefreshView } from "@/lib/schedule/refresh-view";

const RUN_STATUSES = ["QUEUED", "RUNNING", "NEEDS_CONFIRMATION", "SUCCEEDED", "SUCCEEDED_WITH_WARNINGS", "FAILED", "CANCELED", "SKIPPED"] as const;
const isRunStatus = (status: string): status is (typeof RUN_STATUSES)[number] => (RUN_STATUSES as readonly string[]).includes(status);

type History = { refreshes: RefreshView[]; pages: number };

function formatDuration(ms: number, locale: string) {
  const seconds = Math.round(ms / 1000);
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  return seconds < 60 ? `${format.format(seconds)} s` : `${format.format(Math.floor(seconds / 60))} min ${format.format(seconds % 60)} s`;
}

export function RefreshHistory({ initial }: { initial: History }) {
  const { t, locale } = useI18n();
  const { data } = useQuery({
    queryKey: ["system-refreshes"],
    queryFn: async (): Promise<History> => {
      const response = await fetch("/api/system/refreshes", { cache: "no-store" });
      if (!response.ok) throw new Error(`refresh history: ${response.status}`);
      return response.json();
    },
    initialData: initial,
    // Also while an export run a refresh started is still under way (the refresh ends first).
    refetchInterval: (query) =>
      query.state.data?.refreshes.some((refresh) => refresh.status === "QUEUED" || refresh.status === "RUNNING" || refresh.runs.some((run) => run.status === "QUEUED" || run.status === "RUNNING"))
        ? 2000
        : false,
  });
  const times = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  if (data.refreshes.length === 0) return <p className="card text-sm">{t("refresh.empty")}</p>;
  return (
    <div className="card overflow-x-auto p-0">
      <table className="data-table" data-testid="refresh-history">
        <thead>
          <tr>
            <th scope="col">{t("refresh.trigger")}</th>
            <th scope="col">{t("refresh.start")}</th>
            <th scope="col">{t("refresh.duration")}</th>
            <th scope="col">{t("refresh.status")}</th>
            <th scope="col">{t("refresh.summary")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data.refreshes.map((refresh) => {
            const steps = Object.keys(refresh.summary).filter((key) => key !== "warnings");
            return (
              <tr key={refresh.id} data-testid="refresh-row">
                <td>
                  {refresh.trigger === "SCHEDULED"
                    ? t("refresh.trigger.SCHEDULED", { time: refresh.scheduledFor ? times.format(new Date(refresh.scheduledFor)) : "" })
                    : t("refresh.trigger.MANUAL", { name: refresh.createdBy ?? "—" })}
                </td>
                <td>{refresh.startedAt ? times.format(new Date(refresh.startedAt)) : "—"}</td>
                <td>{refresh.startedAt && refresh.finishedAt ? formatDuration(Date.parse(refresh.finishedAt) - Date.parse(refresh.startedAt), locale) : "—"}</td>
                <td data-testid="refresh-status">
                  {t(`jobStatus.${refresh.status}`)}
                  {refresh.errorKey && isMessageKey(refresh.errorKey) && <span className="block text-xs text-red-700">{t(refresh.errorKey)}</span>}
                </td>
                <td className="text-xs" data-testid="refresh-summary">
                  {steps.length === 0 ? t("refresh.noSteps") : (
                    <ol className="list-decimal space-y-1 pl-4">
                      {refresh.steps.map((step) => (
                        <li key={step} data-testid={`refresh-step-${step}`}>
                          {step === "segments" ? t("refresh.segmentsDone", { count: Number((refresh.summary.segments as { refreshed?: number })?.refreshed ?? 0) })
                            : step === "exports" ? (
                              <>
                                {t("refresh.runs")}:{" "}
                                {refresh.runs.length === 0 ? t("refresh.noRuns") : (
                                  <ul className="inline">
                                    {refresh.runs.map((run, index) => (
                                      <li key={run.runId} className="inline" data-testid="refresh-run">
                                        {index > 0 && ", "}
                                        <Link href={`/exports/${run.exportId}`} className="text-brand-700 underline">
                                          {t("refresh.runLine", { name: run.exportName, status: isRunStatus(run.status) ? t(`exports.status.${run.status}`) : run.status })}
                                        </Link>
                                      </li>
                                    ))}
                                  </ul>
                                )}
                              </>
                            )
                            : <span className="font-mono">{`${step}: ${JSON.stringify(refresh.summary[step])}`}</span>}
                        </li>
                      ))}
                    </ol>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
