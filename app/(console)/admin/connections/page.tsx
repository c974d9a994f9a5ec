import type { Metadata } from "next";
import { ComingNext } from "@/components/ui/ComingNext";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePagePermission } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("connections.title") };
}

export default async function ConnectionsPage() {
  await requirePagePermission("connections:view");
  const t = await getTranslator();
  return (
    <>
      <PageHeader title={t("connections.title")} />
      <ComingNext label={t("common.comingSoon")}>{t("connections.pending")}</ComingNext>
    </>
  );
}
