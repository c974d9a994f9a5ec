import Link from "next/link";
import type { listAuditEntries } from "@/lib/audit/audit-log";
import type { Translate } from "@/lib/i18n/messages";

type Audit = Awaited<ReturnType<typeof listAuditEntries>>;

export function AuditTable({ audit, page, t, locale }: { audit: Audit; page: number; t: Translate; locale: string }) {
  const times = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" });
  return (
    <section aria-label={t("system.tab.audit")}>
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
      <nav className="mt-4 flex items-center gap-3 text-sm" aria-label={t("system.tab.audit")}>
        {page > 1 && <Link className="btn-secondary" href={`/admin/system?tab=audit&page=${page - 1}`}>{t("common.previous")}</Link>}
        <span>{t("common.pageOf", { page, pages: audit.pages })}</span>
        {page < audit.pages && <Link className="btn-secondary" href={`/admin/system?tab=audit&page=${page + 1}`}>{t("common.next")}</Link>}
      </nav>
    </section>
  );
}
