"use client";
// An import's progress, polled only while it is queued or running; then its outcome, the first
// rows left out and the link to download all of them.
import { useQuery } from "@tanstack/react-query";
import { useI18n } from "@/components/i18n/I18nProvider";
import { isMessageKey } from "@/lib/i18n/messages";
import type { ImportStatus } from "@/lib/profiles/import/imports";

const ACTIVE = new Set(["QUEUED", "RUNNING"]);

export function ImportProgress({ initial }: { initial: ImportStatus }) {
  const { t } = useI18n();
  const { data: job } = useQuery({
    queryKey: ["import", initial.id],
    queryFn: async () => (await (await fetch(`/api/profiles/imports/${initial.id}`, { cache: "no-store" })).json()) as ImportStatus,
    initialData: initial,
    refetchInterval: (query) => (query.state.data && ACTIVE.has(query.state.data.status) ? 1000 : false),
  });
  const active = ACTIVE.has(job.status);
  const ratio = job.progress.total ? Math.min(1, (job.progress.done ?? 0) / job.progress.total) : 0;
  const reason = job.errorKey && isMessageKey(job.errorKey) ? t(job.errorKey, job.errorParams ?? undefined) : t("errors.generic");
  const result = job.result;
  return (
    <div className="space-y-4">
      <div className="card space-y-2" aria-live="polite" data-testid="import-status">
        <p className="font-medium">{job.status === "FAILED" ? t("profiles.import.job.FAILED", { reason }) : t(`profiles.import.job.${job.status as "QUEUED"}`)}</p>
        {active && (
          <div className="flex items-center gap-3">
            <progress className="h-3 w-80" aria-label={t("profiles.import.progress")} max={1} value={ratio} />
            <span className="text-sm tabular-nums">{Math.round(ratio * 100)} %</span>
          </div>
        )}
        {result && (
          <p data-testid="import-result">{t("profiles.import.result", { inserted: result.inserted, updated: result.updated, rejected: result.rejected })}</p>
        )}
      </div>
      {result && result.rejected > 0 && (
        <section className="card space-y-3" aria-labelledby="import-errors-title">
          <h2 id="import-errors-title" className="text-lg font-semibold">{t("profiles.import.errors")}</h2>
          <a className="btn-secondary" href={`/api/profiles/imports/${job.id}/errors`} download data-testid="import-errors-download">{t("profiles.import.errorsDownload")}</a>
          <table className="data-table" data-testid="import-errors">
            <thead><tr><th scope="col">{t("profiles.import.line")}</th><th scope="col">{t("profiles.customerId")}</th><th scope="col">{t("profiles.import.problem")}</th></tr></thead>
            <tbody className="divide-y divide-slate-100">
              {result.errorsSample.map((error) => {
                const key = `profiles.import.error.${error.code}`;
                return (
                  <tr key={`${error.line}-${error.code}`}>
                    <td className="tabular-nums">{error.line}</td>
                    <td className="font-mono">{error.customerId}</td>
                    <td>{isMessageKey(key) ? t(key, error.params) : error.code}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {result.rejected > result.errorsSample.length && <p className="text-sm">{t("profiles.import.errorsMore", { shown: result.errorsSample.length, count: result.rejected })}</p>}
        </section>
      )}
    </div>
  );
}
