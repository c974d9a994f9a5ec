import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConnectionForm } from "@/components/connections/ConnectionForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePagePermission } from "@/lib/auth/session";
import { findConnection } from "@/lib/connections/connections";
import { defaultSandboxUrl } from "@/lib/connections/endpoints";
import { isUuid, RATE_DEFAULTS, REGIONS, SHARING } from "@/lib/connections/schemas";
import { getTranslator } from "@/lib/i18n/server";
import { rotateKeyAction, updateSettingsAction } from "../../actions";

type Props = { params: Promise<{ connectionId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("connections.edit") };
}

// Edit: name, sharing and the export engine's sending settings; and key rotation, where the
// new key must pass Connect before it replaces the stored one.
export default async function EditConnectionPage({ params }: Props) {
  await requirePagePermission("connections:manage");
  const { connectionId } = await params;
  if (!isUuid(connectionId)) notFound();
  const connection = await findConnection(connectionId);
  if (!connection) notFound();
  const t = await getTranslator();
  const id = { kind: "hidden", name: "connectionId", value: connection.id } as const;
  const number = (name: keyof typeof RATE_DEFAULTS, label: string) => ({
    kind: "text" as const, name, label, numeric: true, defaultValue: String(connection[name]),
    hint: t("connections.edit.rateHint", { value: RATE_DEFAULTS[name] }),
  });
  return (
    <>
      <PageHeader title={t("connections.edit.title", { name: connection.displayName })} />
      <div className="max-w-2xl space-y-6">
        <section className="card" aria-labelledby="settings-title">
          <h2 id="settings-title" className="mb-4 text-lg font-semibold">{t("connections.edit.settings")}</h2>
          <ConnectionForm id="settings" action={updateSettingsAction} submitLabel={t("common.save")} fields={[
            id,
            { kind: "text", name: "displayName", label: t("connections.wizard.nameLabel"), hint: t("connections.wizard.nameHint"), defaultValue: connection.displayName, autoComplete: "off" },
            { kind: "radio", name: "sharing", legend: t("connections.wizard.sharingLegend"), defaultValue: connection.sharing,
              options: SHARING.map((value) => ({ value, label: t(`connections.sharing.${value}`), hint: t(`connections.wizard.sharingHint.${value}`) })) },
            number("requestsPerSecond", t("connections.edit.requestsPerSecond")),
            number("concurrency", t("connections.edit.concurrency")),
            number("batchSize", t("connections.edit.batchSize")),
          ]} />
        </section>
        <section className="card" aria-labelledby="rotate-title">
          <h2 id="rotate-title" className="mb-2 text-lg font-semibold">{t("connections.rotate.title")}</h2>
          <p className="mb-4 text-sm">{t("connections.rotate.body", { last4: connection.apiKeyLast4 })}</p>
          <ConnectionForm id="rotate" action={rotateKeyAction} submitLabel={t("connections.rotate.submit")} pendingLabel={t("connections.wizard.connecting")} fields={[
            id,
            { kind: "text", name: "apiKey", type: "password", label: t("connections.wizard.keyLabel"), hint: t("connections.wizard.keyHint") },
            { kind: "radio", name: "region", legend: t("connections.wizard.regionLegend"), defaultValue: connection.region,
              options: REGIONS.map((value) => ({ value, label: t(`connections.regionLong.${value}`) })) },
            { kind: "text", name: "baseUrl", type: "url", label: t("connections.wizard.baseUrlLabel"),
              hint: t("connections.wizard.baseUrlHint", { url: defaultSandboxUrl() }), defaultValue: connection.baseUrl ?? defaultSandboxUrl() },
          ]} />
          <p className="mt-3 text-xs text-slate-600">{t("connections.wizard.readOnlyNote")}</p>
        </section>
        <Link href={`/admin/connections/${connection.id}`} className="text-sm text-brand-700 underline">{connection.displayName}</Link>
      </div>
    </>
  );
}
