import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConnectionForm } from "@/components/connections/ConnectionForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePagePermission } from "@/lib/auth/session";
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
  const t = await getTranslator();
  return (
    <>
      <PageHeader title={t("connections.remove.title", { name: connection.displayName })} />
      <div className="card max-w-2xl space-y-4">
        <p className="text-sm">{t("connections.remove.body")}</p>
        <p className="text-sm">{t("connections.remove.exports", { count: connection.exportCount })}</p>
        <ConnectionForm id="remove" action={removeAction} danger submitLabel={t("connections.remove.submit")}
          fields={[{ kind: "hidden", name: "connectionId", value: connection.id }]}
          extra={<Link href={`/admin/connections/${connection.id}`} className="btn-secondary">{t("common.cancel")}</Link>} />
      </div>
    </>
  );
}
