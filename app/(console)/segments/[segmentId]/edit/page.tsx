import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DynamicSegmentForm } from "@/components/segments/DynamicSegmentForm";
import { StaticSegmentForm } from "@/components/segments/StaticSegmentForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePagePermission } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { catalogEntries } from "@/lib/profiles/attribute-catalog";
import { emptyRules } from "@/lib/segments/rules";
import { getSegment, storedRules } from "@/lib/segments/segments";
import { saveDynamicSegmentAction, saveStaticSegmentAction } from "../../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("segments.edit") };
}

export default async function EditSegmentPage({ params }: { params: Promise<{ segmentId: string }> }) {
  await requirePagePermission("segments:edit");
  const id = z.uuid().safeParse((await params).segmentId);
  const segment = id.success ? await getSegment(id.data) : null;
  if (!segment) notFound();
  const [t, catalog] = await Promise.all([getTranslator(), catalogEntries()]);
  const base = { id: segment.id, name: segment.name, description: segment.description ?? "" };
  return (
    <>
      <PageHeader title={t("segments.editTitle", { name: segment.name })} actions={<Link href={`/segments/${segment.id}`} className="btn-secondary">{t("common.cancel")}</Link>} />
      {segment.kind === "DYNAMIC" ? (
        <DynamicSegmentForm action={saveDynamicSegmentAction} catalog={catalog} segment={{ ...base, rules: storedRules(segment.rules) ?? emptyRules() }} />
      ) : (
        <StaticSegmentForm action={saveStaticSegmentAction} textAttributes={catalog.filter((entry) => entry.type === "TEXT").map((entry) => entry.name)}
          segment={{ ...base, matchBy: segment.matchBy ?? "customer_id" }} />
      )}
    </>
  );
}
