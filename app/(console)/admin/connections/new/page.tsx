import type { Metadata } from "next";
import Link from "next/link";
import { ConnectionForm } from "@/components/connections/ConnectionForm";
import { WizardSteps } from "@/components/connections/WizardSteps";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePagePermission } from "@/lib/auth/session";
import { CONNECTION_TYPES } from "@/lib/connections/schemas";
import { getTranslator } from "@/lib/i18n/server";
import { startDraftAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("connections.wizard.title") };
}

// Step 1: the type picker. Only Iterable exists; the list is what a second type would extend.
export default async function NewConnectionPage() {
  await requirePagePermission("connections:manage");
  const t = await getTranslator();
  return (
    <>
      <PageHeader title={t("connections.wizard.title")} description={t("connections.wizard.intro")} />
      <WizardSteps t={t} current={["type"]} completed={0} />
      <div className="card max-w-2xl">
        <ConnectionForm
          id="type"
          action={startDraftAction}
          submitLabel={t("connections.wizard.next")}
          fields={[
            {
              kind: "radio",
              name: "type",
              legend: t("connections.wizard.typeLegend"),
              defaultValue: "ITERABLE",
              options: CONNECTION_TYPES.map((type) => ({ value: type, label: t(`connections.type.${type}`), hint: t(`connections.wizard.typeHint.${type}`) })),
            },
          ]}
          extra={<Link href="/admin/connections" className="btn-secondary">{t("common.cancel")}</Link>}
        />
      </div>
    </>
  );
}
