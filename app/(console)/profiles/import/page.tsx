import type { Metadata } from "next";
import Link from "next/link";
import { ImportWizard } from "@/components/profiles/ImportWizard";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePagePermission } from "@/lib/auth/session";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import { listImports } from "@/lib/profiles/import/imports";
import { startImportAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("profiles.import.title") };
}

export default async function ImportPage() {
  await requirePagePermission("profiles:import");
  const [t, locale, imports] = await Promise.all([getTranslator(), getLocale(), listImports()]);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <PageHeader title={t("profiles.import.title")} actions={<Link href="/profiles" className="btn-secondary">{t("profiles.back")}</Link>} />
      <ImportWizard action={startImportAction} />
      {imports.length > 0 && (
        <section className="mt-8" aria-labelledby="recent-imports">
          <h2 id="recent-imports" className="mb-3 text-lg font-semibold">{t("profiles.import.recent")}</h2>
          <div className="card overflow-x-auto p-0">
            <table className="data-table">
              <thead>
                <tr><th scope="col">{t("profiles.import.file")}</th><th scope="col">{t("profiles.import.when")}</th><th scope="col">{t("profiles.import.status")}</th><th scope="col">{t("profiles.import.details")}</th></tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {imports.map((job) => (
                  <tr key={job.id}>
                    <td>{job.fileName}</td>
                    <td>{dates.format(new Date(job.createdAt))}</td>
                    <td>{job.status === "FAILED" ? t("profiles.import.job.FAILED", { reason: "" }).replace(/[:：]\s*$/, "") : t(`profiles.import.job.${job.status as "QUEUED"}`)}</td>
                    <td>
                      <Link className="text-brand-700 underline" href={`/profiles/import/${job.id}`}>
                        {job.result ? t("profiles.import.result", { inserted: job.result.inserted, updated: job.result.updated, rejected: job.result.rejected }) : t("profiles.import.details")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
