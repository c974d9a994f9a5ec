import type { Metadata } from "next";
import { ComingNext } from "@/components/ui/ComingNext";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePagePermission } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("segments.title") };
}

export default async function SegmentsPage() {
  await requirePagePermission("segments:view");
  const t = await getTranslator();
  return (
    <>
      <PageHeader title={t("segments.title")} />
      <ComingNext label={t("common.comingSoon")}>{t("segments.pending")}</ComingNext>
    </>
  );
}
