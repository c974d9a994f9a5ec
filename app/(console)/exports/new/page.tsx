import type { Metadata } from "next";
import Link from "next/link";
import { ExportForm } from "@/components/exports/ExportForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePagePermission } from "@/lib/auth/session";
import { exportFormOptions } from "@/lib/export-engine/export-form-options";
import { getTranslator } from "@/lib/i18n/server";
import { saveExportAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("exports.new.title") };
}

export default async function NewExportPage() {
  const user = await requirePagePermission("exports:edit");
  const [t, options] = await Promise.all([getTranslator(), exportFormOptions(user.role)]);
  return (
    <>
      <PageHeader title={t("exports.new.title")} actions={<Link href="/exports" className="btn-secondary">{t("common.cancel")}</Link>} />
      <ExportForm action={saveExportAction} {...options} />
    </>
  );
}
