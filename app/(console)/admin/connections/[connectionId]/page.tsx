import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConnectionForm } from "@/components/connections/ConnectionForm";
import { ConnectionStatusText } from "@/components/connections/ConnectionStatusText";
import { FormMessage } from "@/components/ui/FormMessage";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePagePermission } from "@/lib/auth/session";
import { findConnection } from "@/lib/connections/connections";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import { checkNowAction, takeOverAction } from "../actions";
import { isUuid } from "@/lib/connections/schemas";

type Props = { params: Promise<{ connectionId: string }>; searchParams: Promise<{ created?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requirePagePermission("connections:manage");
  const { connectionId } = await params;
  const connection = isUuid(connectionId) ? await findConnection(connectionId) : null;
  return { title: connection?.displayName ?? (await getTranslator())("connections.title") };
}

export default async function ConnectionPage({ params, searchParams }: Props) {
  const me = await requirePagePermission("connections:manage");
  const { connectionId } = await params;
  if (!isUuid(connectionId)) notFound();
  const connection = await findConnection(connectionId);
  if (!connection) notFound();
  const [t, locale, { created }] = await Promise.all([getTranslator(), getLocale(), searchParams]);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const exportUser = connection.exportUser;
  const needsExportUser = connection.status === "needsExportUser";
  const id = { kind: "hidden", name: "connectionId", value: connection.id } as const;
  return (
    <>
      <PageHeader
        title={connection.displayName}
        description={t(`connections.type.${connection.type}`)}
        actions={
          <div className="flex gap-2">
            <Link href={`/admin/connections/${connection.id}/edit`} className="btn-secondary">{t("connections.edit")}</Link>
            <Link href={`/admin/connections/${connection.id}/remove`} className="btn-danger">{t("connections.remove")}</Link>
          </div>
        }
      />
      <div className="max-w-3xl space-y-6">
        {created === "1" && <FormMessage tone="success" testId="connection-created">{t("connections.created", { name: connection.displayName })}</FormMessage>}
        <section className="card" aria-labelledby="details-title">
          <h2 id="details-title" className="mb-3 text-lg font-semibold">{t("connections.details")}</h2>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm" data-testid="connection-details">
            <dt className="font-medium">{t("connections.col.status")}</dt>
            <dd><ConnectionStatusText t={t} locale={locale} connection={connection} /></dd>
            <dt className="font-medium">{t("connections.col.sharing")}</dt><dd>{t(`connections.sharing.${connection.sharing}`)}</dd>
            <dt className="font-medium">{t("connections.col.region")}</dt><dd>{t(`connections.region.${connection.region}`)}</dd>
            {connection.baseUrl && <><dt className="font-medium">{t("connections.detail.baseUrl")}</dt><dd>{connection.baseUrl}</dd></>}
            <dt className="font-medium">{t("connections.detail.key")}</dt><dd data-testid="key-last4">{t("connections.keyEndsWith", { last4: connection.apiKeyLast4 })}</dd>
            <dt className="font-medium">{t("connections.detail.rate")}</dt>
            <dd>{t("connections.detail.rateValue", { rate: connection.requestsPerSecond, concurrency: connection.concurrency, batch: connection.batchSize })}</dd>
            <dt className="font-medium">{t("connections.col.exports")}</dt><dd>{connection.exportCount}</dd>
            <dt className="font-medium">{t("connections.detail.privacy")}</dt>
            <dd>{t("connections.detail.privacyValue", { name: connection.privacyAcceptedBy?.name ?? "—", date: dates.format(connection.privacyAcceptedAt), version: connection.privacyNoticeVersion })}</dd>
            <dt className="font-medium">{t("connections.col.created")}</dt>
            <dd>{t("connections.createdBy", { name: connection.createdBy?.name ?? "—", date: dates.format(connection.createdAt) })}</dd>
          </dl>
          <ConnectionForm id="check" action={checkNowAction} refresh className="mt-4 space-y-2" submitLabel={t("connections.checkNow")} pendingLabel={t("connections.checking")} fields={[id]} />
        </section>
        <section className="card" aria-labelledby="export-user-title" data-testid="export-user-section">
          <h2 id="export-user-title" className="mb-3 text-lg font-semibold">{t("connections.exportUser.title")}</h2>
          {needsExportUser && <FormMessage tone="error" testId="needs-export-user">{t("connections.exportUser.needed")}</FormMessage>}
          {exportUser && !needsExportUser && connection.exportUserSince && (
            <p className="text-sm" data-testid="export-user">{t("connections.exportUser.current", { name: exportUser.name, email: exportUser.email, date: dates.format(connection.exportUserSince) })}</p>
          )}
          {exportUser && needsExportUser && <p className="mt-2 text-sm">{t("connections.exportUserInactive", { name: exportUser.name })}</p>}
          {(needsExportUser || exportUser?.id !== me.id) && (
            <div className="mt-4 border-t border-slate-200 pt-4">
              <h3 className="font-semibold">{t("connections.takeOver.title")}</h3>
              <p className="mb-3 text-sm">{t("connections.takeOver.body")}</p>
              <ConnectionForm id="take-over" action={takeOverAction} refresh submitLabel={t("connections.takeOver.submit")} fields={[
                id,
                { kind: "text", name: "password", type: "password", label: t("connections.password"), autoComplete: "current-password" },
              ]} />
            </div>
          )}
        </section>
        <Link href="/admin/connections" className="text-sm text-brand-700 underline">{t("connections.backToList")}</Link>
      </div>
    </>
  );
}
