import type { Metadata } from "next";
import Link from "next/link";
import { ExportListFeedback } from "@/components/exports/ExportListFeedback";
import { ExportRowActions } from "@/components/exports/ExportRowActions";
import { PageHeader } from "@/components/ui/PageHeader";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { listUsableConnections } from "@/lib/connections/export-readiness";
import { EXPORT_SEARCH_MAX, searchExportRows } from "@/lib/export-engine/export-list";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import { detachExportAction, duplicateExportAction, removeExportAction, runExportAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("exports.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ExportsPage({ searchParams }: Props) {
  const user = await requirePagePermission("exports:view");
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, EXPORT_SEARCH_MAX) ?? "";
  const [t, locale, rows, usable] = await Promise.all([getTranslator(), getLocale(), searchExportRows(q), listUsableConnections(user.role)]);
  const editor = can(user.role, "exports:edit");
  const runner = can(user.role, "exports:run");
  // Contributors act only on exports whose connection is shared with them (or that have none);
  // the actions check the same rule on the server.
  const usableIds = new Set(usable.map((c) => c.id));
  const operable = (connectionId: string | null) => connectionId === null || usableIds.has(connectionId);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const actions = { run: runExportAction, duplicate: duplicateExportAction, detach: detachExportAction, remove: removeExportAction };
  return (
    <>
      <PageHeader
        title={t("exports.title")}
        description={t("exports.intro")}
        actions={editor && <Link href="/exports/new" className="btn-primary">{t("exports.add")}</Link>}
      />
      <form role="search" method="get" action="/exports" className="mb-4 flex flex-wrap items-end gap-2" aria-label={t("exports.search.label")}>
        <div className="min-w-64 flex-1 sm:max-w-md">
          <label htmlFor="exports-search" className="field-label">{t("exports.search.label")}</label>
          <input id="exports-search" name="q" type="search" className="field-input" defaultValue={q} maxLength={EXPORT_SEARCH_MAX} aria-describedby="exports-search-hint" />
          <p id="exports-search-hint" className="mt-1 text-xs text-slate-600">{t("exports.search.hint")}</p>
        </div>
        <button type="submit" className="btn-secondary mb-5">{t("exports.search.submit")}</button>
        {q && <Link href="/exports" className="mb-5 text-sm text-brand-700 underline">{t("exports.search.clear")}</Link>}
      </form>
      <ExportListFeedback>
        {q && rows.length > 0 && <p className="mb-2 text-sm" data-testid="exports-search-count">{t("exports.search.count", { q, count: rows.length })}</p>}
        {rows.length === 0 ? (
          <p className="card text-sm" data-testid="exports-empty">{q ? t("exports.search.none", { q }) : t("exports.empty")}</p>
        ) : (
          <div className="card overflow-x-auto p-0">
            <table className="data-table" data-testid="exports-table">
              <thead>
                <tr>
                  <th scope="col">{t("exports.name")}</th>
                  <th scope="col">{t("exports.connection")}</th>
                  <th scope="col">{t("exports.segments")}</th>
                  <th scope="col">{t("exports.lastRunStatus")}</th>
                  <th scope="col">{t("exports.lastRunAt")}</th>
                  <th scope="col">{t("exports.schedule")}</th>
                  <th scope="col">{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((row) => (
                  <tr key={row.id} data-testid={`export-row-${row.name}`}>
                    <td><Link href={`/exports/${row.id}`} className="font-medium text-brand-700 underline">{row.name}</Link></td>
                    <td data-testid="export-row-connection">{row.connectionName ?? <span className="text-slate-600">{t("exports.noConnection")}</span>}</td>
                    <td>{row.segments.join(", ")}</td>
                    <td>{row.lastRun ? t(`exports.status.${row.lastRun.status}`) : t("exports.neverRun")}</td>
                    <td>{row.lastRun ? dates.format(row.lastRun.at) : "—"}</td>
                    <td>{t(`exports.schedule.${row.scheduleKind}`)}</td>
                    <td>
                      <ExportRowActions row={{ id: row.id, name: row.name, connectionName: row.connectionName }} canEdit={editor && operable(row.connectionId)} canRun={runner && operable(row.connectionId)} actions={actions} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ExportListFeedback>
    </>
  );
}
