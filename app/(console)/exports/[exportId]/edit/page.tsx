import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ExportForm } from "@/components/exports/ExportForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePagePermission } from "@/lib/auth/session";
import { findExportById } from "@/lib/export-engine/export-views";
import { exportFormOptions } from "@/lib/export-engine/export-form-options";
import { getTranslator } from "@/lib/i18n/server";
import { ownScheduleOf } from "@/lib/schedule/export-schedule";
import { saveExportAction } from "../../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("exports.edit") };
}

export default async function EditExportPage({ params }: { params: Promise<{ exportId: string }> }) {
  const user = await requirePagePermission("exports:edit");
  const id = z.uuid().safeParse((await params).exportId);
  const exp = id.success ? await findExportById(id.data) : null;
  if (!exp) notFound();
  const [t, options] = await Promise.all([getTranslator(), exportFormOptions(user.role)]);
  const initial = {
    exportId: exp.id,
    connectionId: exp.connectionId,
    name: exp.name,
    emailAttribute: exp.emailAttribute,
    segmentIds: exp.lists.map((l) => l.segmentId),
    dataFields: (exp.dataFields as { attribute: string; field: string }[] | null) ?? [],
    addOnly: exp.mode === "ADD_ONLY",
    scheduleKind: exp.scheduleKind,
    schedule: ownScheduleOf(exp.schedule),
  };
  return (
    <>
      <PageHeader title={t("exports.edit.title", { name: exp.name })} actions={<Link href={`/exports/${exp.id}`} className="btn-secondary">{t("common.cancel")}</Link>} />
      <ExportForm action={saveExportAction} {...options} initial={initial} />
    </>
  );
}
