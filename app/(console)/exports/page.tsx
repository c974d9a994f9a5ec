import type { Metadata } from "next";
import Link from "next/link";
import { RunActionButton } from "@/components/exports/RunActionButton";
import { PageHeader } from "@/components/ui/PageHeader";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { listExportRows } from "@/lib/export-engine/export-views";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import { runExportAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("exports.title") };
}

export default async function ExportsPage() {
  const user = await requirePagePermission("exports:view");
  const [t, locale, rows] = await Promise.all([getTranslator(), getLocale(), listExportRows()]);
  const editor = can(user.role, "exports:edit");
  const runner = can(user.role, "exports:run");
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <PageHeader
        title={t("exports.title")}
        description={t("exports.intro")}
        actions={editor && <Link href="/exports/new" className="btn-primary">{t("exports.add")}</Link>}
      />
      {rows.length === 0 ? (
        <p className="card text-sm">{t("exports.empty")}</p>
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
                  <td>{row.connectionName ?? <span className="text-slate-600">{t("exports.noConnection")}</span>}</td>
                  <td>{row.segments.join(", ")}</td>
                  <td>{row.lastRun ? t(`exports.status.${row.lastRun.status}`) : t("exports.neverRun")}</td>
                  <td>{row.lastRun ? dates.format(row.lastRun.at) : "—"}</td>
                  <td>{t(`exports.schedule.${row.scheduleKind}`)}</td>
                  <td className="space-x-3 whitespace-nowrap">
                    {editor && <Link href={`/exports/${row.id}/edit`} className="text-brand-700 underline" aria-label={`${t("exports.edit")}, ${row.name}`}>{t("exports.edit")}</Link>}
                    {runner && row.connectionName && (
                      <RunActionButton action={runExportAction} field="exportId" id={row.id} label="exports.runNow" accessibleName={row.name} variant="link" testId={`run-now-${row.name}`} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
