import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConnectionForm } from "@/components/connections/ConnectionForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePagePermission } from "@/lib/auth/session";
import { exportsUsingConnection } from "@/lib/connections/connection-usage";
import { findConnection } from "@/lib/connections/connections";
import { isUuid } from "@/lib/connections/schemas";
import { getTranslator } from "@/lib/i18n/server";
import { removeAction } from "../../actions";

type Props = { params: Promise<{ connectionId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("connections.remove") };
}

// The confirmation is a page of its own (not a browser dialog): it says what removing does
// and works the same with the keyboard alone.
export default async function RemoveConnectionPage({ params }: Props) {
  await requirePagePermission("connections:manage");
  const { connectionId } = await params;
  if (!isUuid(connectionId)) notFound();
  const connection = await findConnection(connectionId);
  if (!connection) notFound();
  const [t, exports] = await Promise.all([getTranslator(), exportsUsingConnection(connection.id)]);
  return (
    <>
      <PageHeader title={t("connections.remove.title", { name: connection.displayName })} />
      <div className="card max-w-2xl space-y-4">
        <p className="text-sm">{t("connections.remove.body")}</p>
        {exports.length === 0 ? (
          <p className="text-sm" data-testid="remove-no-exports">{t("connections.remove.noExports")}</p>
        ) : (
          <section aria-labelledby="remove-exports-title" className="space-y-2">
            <h2 id="remove-exports-title" className="text-sm font-semibold">{t("connections.remove.exportsTitle", { count: exports.length })}</h2>
            <ul className="list-disc pl-5 text-sm" data-testid="remove-exports">
              {exports.map((exp) => <li key={exp.id}><Link href={`/exports/${exp.id}`} className="text-brand-700 underline">{exp.name}</Link></li>)}
            </ul>
          </section>
        )}
        {/* No default: what happens to the exports is a decision the admin makes, never a default. */}
        <ConnectionForm id="remove" action={removeAction} danger submitLabel={t("connections.remove.submit")}
          fields={[
            { kind: "hidden", name: "connectionId", value: connection.id },
            ...(exports.length === 0 ? [] : [{
              kind: "radio" as const, name: "exports", legend: t("connections.remove.exportsLegend"),
              options: [
                { value: "detach", label: t("connections.remove.detach"), hint: t("connections.remove.detachHint") },
                { value: "remove", label: t("connections.remove.removeExports"), hint: t("connections.remove.removeExportsHint") },
              ],
            }]),
          ]}
          extra={<Link href={`/admin/connections/${connection.id}`} className="btn-secondary">{t("common.cancel")}</Link>} />
      </div>
    </>
  );
}
