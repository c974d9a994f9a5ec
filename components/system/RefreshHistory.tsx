"use client";
// Admin › System › Status: the refresh history, polled only while a refresh is queued or running.
import { useQuery } from "@tanstack/react-query";
import { useI18n } from "@/components/i18n/I18nProvider";
import { isMessageKey } from "@/lib/i18n/messages";
import type { RefreshView } from "@/lib/schedule/refresh-view";

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
    refetchInterval: (query) => (query.state.data?.refreshes.some((refresh) => refresh.status === "QUEUED" || refresh.status === "RUNNING") ? 2000 : false),
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
                <td className="font-mono text-xs">{steps.length ? steps.map((step) => `${step}: ${JSON.stringify(refresh.summary[step])}`).join("; ") : t("refresh.noSteps")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
