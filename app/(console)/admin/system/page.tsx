import type { Metadata } from "next";
import Link from "next/link";
import { ComingNext } from "@/components/ui/ComingNext";
import { PageHeader } from "@/components/ui/PageHeader";
import { listAuditEntries } from "@/lib/audit/audit-log";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getLocale, getTranslator } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("system.title") };
}

export default async function SystemPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requirePagePermission("system:view");
  const [t, locale] = await Promise.all([getTranslator(), getLocale()]);
  const page = Math.max(1, Number((await searchParams).page) || 1);
  const audit = can(user.role, "audit:view") ? await listAuditEntries(page) : null;
  const times = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" });
  return (
    <>
      <PageHeader title={t("system.title")} />
      <ComingNext label={t("common.comingSoon")}>{t("system.scheduleSoon")}</ComingNext>
      {audit && (
        <section className="mt-8" aria-labelledby="audit-title">
          <h2 id="audit-title" className="mb-3 text-lg font-semibold">{t("system.audit")}</h2>
          {audit.entries.length === 0 ? (
            <p className="card text-sm">{t("audit.empty")}</p>
          ) : (
            <div className="card overflow-x-auto p-0">
              <table className="data-table" data-testid="audit-table">
                <thead>
                  <tr>
                    <th scope="col">{t("audit.time")}</th>
                    <th scope="col">{t("audit.actor")}</th>
                    <th scope="col">{t("audit.action")}</th>
                    <th scope="col">{t("audit.target")}</th>
                    <th scope="col">{t("audit.details")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {audit.entries.map((entry) => (
                    <tr key={entry.id.toString()}>
                      <td className="whitespace-nowrap">{times.format(entry.createdAt)}</td>
                      <td>{entry.actorEmail ?? t("audit.system")}</td>
                      <td className="font-mono">{entry.action}</td>
                      <td>{entry.targetType}</td>
                      <td className="max-w-md truncate font-mono text-xs">{JSON.stringify(entry.details)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav className="mt-4 flex items-center gap-3 text-sm" aria-label={t("system.audit")}>
            {page > 1 && <Link className="btn-secondary" href={`/admin/system?page=${page - 1}`}>{t("common.previous")}</Link>}
            <span>{t("common.pageOf", { page, pages: audit.pages })}</span>
            {page < audit.pages && <Link className="btn-secondary" href={`/admin/system?page=${page + 1}`}>{t("common.next")}</Link>}
          </nav>
        </section>
      )}
    </>
  );
}
