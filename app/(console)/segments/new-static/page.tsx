import type { Metadata } from "next";
import Link from "next/link";
import { StaticSegmentForm } from "@/components/segments/StaticSegmentForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePagePermission } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { catalogEntries } from "@/lib/profiles/attribute-catalog";
import { saveStaticSegmentAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("segments.newStatic") };
}

export default async function NewStaticSegmentPage() {
  await requirePagePermission("segments:edit");
  const [t, catalog] = await Promise.all([getTranslator(), catalogEntries()]);
  const textAttributes = catalog.filter((entry) => entry.type === "TEXT").map((entry) => entry.name);
  return (
    <>
      <PageHeader title={t("segments.newStatic")} actions={<Link href="/segments" className="btn-secondary">{t("segments.back")}</Link>} />
      <StaticSegmentForm action={saveStaticSegmentAction} textAttributes={textAttributes} />
    </>
  );
}
