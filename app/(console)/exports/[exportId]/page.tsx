import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ActiveRun } from "@/components/exports/ActiveRun";
import { DryRunPanel } from "@/components/exports/DryRunPanel";
import { RunActionButton } from "@/components/exports/RunActionButton";
import { RunChart } from "@/components/exports/RunChart";
import { PageHeader } from "@/components/ui/PageHeader";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { ACTIVE_RUN_STATUSES, rejectedTotal } from "@/lib/export-engine";
import { findExportById, runHistory } from "@/lib/export-engine/export-views";
import { runView } from "@/lib/export-engine/run-view";
import { ownScheduleOf } from "@/lib/schedule/export-schedule";
import { nextSlot } from "@/lib/schedule/due-slots";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import { runErrorText } from "@/lib/export-engine/run-errors";
import { cancelRunAction, confirmRunAction, runExportAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("exports.title") };
}

function duration(start: Date | null, end: Date | null, locale: string) {
  if (!start || !end) return "—";
  const seconds = Math.round((end.getTime() - start.getTime()) / 1000);
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  return seconds < 60 ? `${format.format(seconds)} s` : `${format.format(Math.floor(seconds / 60))} min ${format.format(seconds % 60)} s`;
}

export default async function ExportPage({ params }: { params: Promise<{ exportId: string }> }) {
  const user = await requirePagePermission("exports:view");
  const id = z.uuid().safeParse((await params).exportId);
  const exp = id.success ? await findExportById(id.data) : null;
  if (!exp) notFound();
  const [t, locale, runs] = await Promise.all([getTranslator(), getLocale(), runHistory(exp.id)]);
  const editor = can(user.role, "exports:edit");
  const runner = can(user.role, "exports:run");
  const active = runs.find((run) => ACTIVE_RUN_STATUSES.includes(run.status));
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" });
  const numbers = new Intl.NumberFormat(locale);
  const dataFields = (exp.dataFields as { attribute: string; field: string }[] | null) ?? [];
  const chart = runs
    .filter((run) => !ACTIVE_RUN_STATUSES.includes(run.status) && run.status !== "SKIPPED")
    .slice(0, 12)
    .reverse()
    .map((run) => ({
      id: run.id, at: run.startedAt ?? run.createdAt, status: run.status,
      added: run.lists.reduce((sum, l) => sum + l.added, 0),
      removed: run.lists.reduce((sum, l) => sum + l.removed, 0),
      rejected: run.lists.reduce((sum, l) => sum + rejectedTotal(l), 0),
    }));
  const own = exp.scheduleKind === "OWN" ? ownScheduleOf(exp.schedule) : null;
  const next = own ? nextSlot(own, new Date()) : null;
  const weekdays = own?.frequency === "WEEKLY" ? own.weekdays.map((day) => t(`schedule.weekday.${day}` as "schedule.weekday.0")).join(", ") : null;
  return (
    <>
      <PageHeader
        title={exp.name}
        actions={(editor || runner) && (
          <div className="flex flex-wrap items-start gap-2">
            {editor && <Link href={`/exports/${exp.id}/edit`} className="btn-secondary">{t("exports.edit")}</Link>}
            {runner && exp.connectionId && !active && <RunActionButton action={runExportAction} field="exportId" id={exp.id} label="exports.runNow" variant="primary" testId="run-now" />}
            {runner && !exp.connectionId && (
              <span className="inline-flex flex-wrap items-center gap-2">
                <button type="button" className="btn-primary disabled:cursor-not-allowed disabled:opacity-60" disabled aria-describedby="run-now-reason" data-testid="run-now">{t("exports.runNow")}</button>
                <span id="run-now-reason" className="text-xs text-slate-700">{t("exports.runNow.detachedReason")}</span>
              </span>
            )}
          </div>
        )}
      />
      <div className="space-y-6">
        {active && <ActiveRun initial={await runView(active.id)} canRun={runner} cancelAction={cancelRunAction} confirmAction={confirmRunAction} />}
        <section className="card space-y-3" aria-labelledby="export-settings-title">
          <h2 id="export-settings-title" className="text-lg font-semibold">{t("exports.settings")}</h2>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium">{t("exports.connection")}</dt>
            <dd data-testid="export-connection">{exp.connection?.displayName ?? t("exports.noConnection")}</dd>
            <dt className="font-medium">{t("exports.settings.email")}</dt>
            <dd>{exp.emailAttribute}</dd>
            <dt className="font-medium">{t("exports.settings.dataFields")}</dt>
            <dd>{dataFields.length ? dataFields.map((f) => `${f.attribute} → ${f.field}`).join(", ") : t("exports.dataFieldsNone")}</dd>
            <dt className="font-medium">{t("exports.mode")}</dt>
            <dd>{t(`exports.mode.${exp.mode}`)}</dd>
            <dt className="font-medium">{t("exports.schedule")}</dt>
            <dd data-testid="export-schedule">
              {t(`exports.schedule.${exp.scheduleKind}`)}
              {own && (
                <span className="block text-xs text-slate-700">
                  {t(weekdays ? "exports.ownSchedule.weekly" : "exports.ownSchedule.daily", { days: weekdays ?? "", times: own.times.join(", "), zone: own.timeZone })}
                  {" · "}
                  {next
                    ? t("exports.ownSchedule.next", { time: new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: own.timeZone }).format(next) })
                    : t("exports.ownSchedule.off")}
                </span>
              )}
            </dd>
          </dl>
          <h3 className="font-semibold">{t("exports.lists")}</h3>
          <table className="data-table" data-testid="export-lists">
            <thead>
              <tr>
                <th scope="col">{t("exports.list.segment")}</th>
                <th scope="col">{t("exports.list.name")}</th>
                <th scope="col">{t("exports.list.id")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {exp.lists.map((list) => (
                <tr key={list.id}>
                  <td>{list.segment.name}</td>
                  <td>
                    {list.listName}
                    {list.segment.name !== list.listName && <p className="text-xs text-amber-800" data-testid="list-renamed">{t("exports.list.renamed", { name: list.segment.name })}</p>}
                  </td>
                  <td className="tabular-nums">{list.iterableListId ?? <span className="text-slate-600">{t("exports.list.notCreated")}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {runner && exp.connectionId && <DryRunPanel exportId={exp.id} />}
        <section className="space-y-3" aria-labelledby="export-history-title">
          <h2 id="export-history-title" className="text-lg font-semibold">{t("exports.history")}</h2>
          <RunChart runs={chart} t={t} locale={locale} />
          {runs.length === 0 ? (
            <p className="card text-sm" data-testid="export-history-empty">{t("exports.history.empty")}</p>
          ) : (
            <div className="card overflow-x-auto p-0">
              <table className="data-table" data-testid="export-history">
                <thead>
                  <tr>
                    <th scope="col">{t("exports.history.trigger")}</th>
                    <th scope="col">{t("exports.history.who")}</th>
                    <th scope="col">{t("exports.history.start")}</th>
                    <th scope="col">{t("exports.history.duration")}</th>
                    <th scope="col">{t("exports.history.status")}</th>
                    <th scope="col">{t("exports.history.counts")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {runs.map((run) => {
                    const rejected = run.lists.reduce((sum, l) => sum + rejectedTotal(l), 0);
                    return (
                      <tr key={run.id} data-testid="run-row">
                        <td>{t(`exports.trigger.${run.trigger}`)}</td>
                        <td>{run.requestedByName ?? t("exports.history.system")}</td>
                        <td>{dates.format(run.startedAt ?? run.createdAt)}</td>
                        <td>{duration(run.startedAt, run.finishedAt, locale)}</td>
                        <td data-testid="run-status">
                          {t(`exports.status.${run.status}`)}
                          {run.errorKey && <span className="block text-xs text-red-700" data-testid="run-error">{runErrorText(run, locale)}</span>}
                        </td>
                        <td className="text-xs" data-testid="run-counts">
                          <ul>
                            {run.lists.map((l) => (
                              <li key={l.exportListId}>
                                {t("exports.history.countsLine", {
                                  list: l.listName, members: numbers.format(l.members), added: numbers.format(l.added),
                                  updated: numbers.format(l.updated), removed: numbers.format(l.removed), unchanged: numbers.format(l.unchanged),
                                })}
                                {rejectedTotal(l) > 0 && `, ${t("exports.history.rejected", { rejected: numbers.format(rejectedTotal(l)) })}`}
                              </li>
                            ))}
                          </ul>
                          {rejected > 0 && <a href={`/api/exports/runs/${run.id}/rejected`} className="text-brand-700 underline" download data-testid="rejected-csv">{t("exports.rejectedCsv")}</a>}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
