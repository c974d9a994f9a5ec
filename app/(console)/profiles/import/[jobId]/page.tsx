import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ImportProgress } from "@/components/profiles/ImportProgress";
import { PageHeader } from "@/components/ui/PageHeader";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { getImport } from "@/lib/profiles/import/imports";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("profiles.import.title") };
}

export default async function ImportStatusPage({ params }: { params: Promise<{ jobId: string }> }) {
  const user = await requirePagePermission("profiles:view");
  const id = z.uuid().safeParse((await params).jobId);
  const job = id.success ? await getImport(id.data) : null;
  if (!job) notFound();
  const t = await getTranslator();
  return (
    <>
      <PageHeader title={`${t("profiles.import.title")}: ${job.fileName}`}
        actions={<div className="flex gap-2">
          {can(user.role, "profiles:import") && <Link href="/profiles/import" className="btn-secondary">{t("profiles.import.another")}</Link>}
          <Link href="/profiles" className="btn-secondary">{t("profiles.back")}</Link>
        </div>} />
      <ImportProgress initial={job} />
    </>
  );
}
