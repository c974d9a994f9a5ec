import type { Metadata } from "next";
import Link from "next/link";
import { DynamicSegmentForm } from "@/components/segments/DynamicSegmentForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePagePermission } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { catalogEntries } from "@/lib/profiles/attribute-catalog";
import { saveDynamicSegmentAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("segments.new") };
}

export default async function NewSegmentPage() {
  await requirePagePermission("segments:edit");
  const [t, catalog] = await Promise.all([getTranslator(), catalogEntries()]);
  return (
    <>
      <PageHeader title={t("segments.new")} actions={<Link href="/segments" className="btn-secondary">{t("segments.back")}</Link>} />
      <DynamicSegmentForm action={saveDynamicSegmentAction} catalog={catalog} />
    </>
  );
}
