import type { Metadata } from "next";
import Link from "next/link";
import { ConnectionForm } from "@/components/connections/ConnectionForm";
import { ConnectionStatusText } from "@/components/connections/ConnectionStatusText";
import { FormMessage } from "@/components/ui/FormMessage";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePagePermission } from "@/lib/auth/session";
import { listConnections } from "@/lib/connections/connections";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import { checkNowAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("connections.title") };
}

type Props = { searchParams: Promise<{ removed?: string }> };

export default async function ConnectionsPage({ searchParams }: Props) {
  await requirePagePermission("connections:manage");
  const [t, locale, connections, { removed }] = await Promise.all([getTranslator(), getLocale(), listConnections(), searchParams]);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  return (
    <>
      <PageHeader title={t("connections.title")} actions={<Link href="/admin/connections/new" className="btn-primary">{t("connections.add")}</Link>} />
      {removed === "1" && <div className="mb-4 max-w-2xl"><FormMessage tone="success" testId="connection-removed">{t("connections.removed")}</FormMessage></div>}
      {connections.length === 0 ? (
        <p className="card max-w-2xl text-sm" data-testid="connections-empty">{t("connections.empty")}</p>
      ) : (
        <div className="card overflow-x-auto p-0">
          <table className="data-table" data-testid="connections-table">
            <thead>
              <tr>
                <th scope="col">{t("connections.col.name")}</th>
                <th scope="col">{t("connections.col.type")}</th>
                <th scope="col">{t("connections.col.sharing")}</th>
                <th scope="col">{t("connections.col.region")}</th>
                <th scope="col">{t("connections.col.status")}</th>
                <th scope="col">{t("connections.col.exportUser")}</th>
                <th scope="col">{t("connections.col.exports")}</th>
                <th scope="col">{t("connections.col.created")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {connections.map((connection) => (
                <tr key={connection.id} data-testid={`connection-row-${connection.displayName}`}>
                  <th scope="row" className="font-medium">
                    <Link href={`/admin/connections/${connection.id}`} className="text-brand-700 underline">{connection.displayName}</Link>
                  </th>
                  <td>{t(`connections.type.${connection.type}`)}</td>
                  <td>{t(`connections.sharing.${connection.sharing}`)}</td>
                  <td>{t(`connections.region.${connection.region}`)}</td>
                  <td><ConnectionStatusText t={t} locale={locale} connection={connection} /></td>
                  <td>
                    {connection.exportUser
                      ? connection.status === "needsExportUser"
                        ? t("connections.exportUserInactive", { name: connection.exportUser.name })
                        : connection.exportUser.name
                      : t("connections.noExportUser")}
                  </td>
                  <td>{connection.exportCount}</td>
                  <td>{t("connections.createdBy", { name: connection.createdBy?.name ?? "—", date: dates.format(connection.createdAt) })}</td>
                  <td>
                    <div className="flex flex-wrap items-start gap-2" role="group" aria-label={t("connections.actionsFor", { name: connection.displayName })}>
                      <ConnectionForm id={`check-${connection.id}`} action={checkNowAction} refresh className="space-y-2"
                        submitLabel={t("connections.checkNow")} pendingLabel={t("connections.checking")}
                        fields={[{ kind: "hidden", name: "connectionId", value: connection.id }]} />
                      <Link href={`/admin/connections/${connection.id}/edit`} className="btn-secondary">{t("connections.edit")}</Link>
                      <Link href={`/admin/connections/${connection.id}/remove`} className="btn-danger">{t("connections.remove")}</Link>
                    </div>
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
