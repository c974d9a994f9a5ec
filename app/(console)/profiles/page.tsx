import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePagePermission } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { listAttributes } from "@/lib/profiles/attribute-catalog";
import { countProfiles, listProfiles } from "@/lib/profiles/profiles";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("profiles.title") };
}

function cursor(value: string | string[] | undefined): bigint | null {
  return typeof value === "string" && /^\d{1,18}$/.test(value) ? BigInt(value) : null;
}

export default async function ProfilesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission("profiles:view");
  const t = await getTranslator();
  const params = await searchParams;
  const [page, total, attributes] = await Promise.all([
    listProfiles({ after: cursor(params.after), before: cursor(params.before) }),
    countProfiles(),
    listAttributes(),
  ]);
  const text = (value: unknown) => (value === undefined || value === null ? "" : String(value));
  const first = page.profiles[0];
  const last = page.profiles.at(-1);
  return (
    <>
      <PageHeader title={t("profiles.title")} description={t("profiles.count", { count: total })} />
      {page.profiles.length === 0 ? (
        <p className="card text-sm">{t("profiles.empty")}</p>
      ) : (
        <div className="card overflow-x-auto p-0">
          <table className="data-table" data-testid="profiles-table">
            <thead>
              <tr>
                <th scope="col">{t("profiles.customerId")}</th>
                <th scope="col">{t("profiles.name")}</th>
                <th scope="col">{t("profiles.email")}</th>
                <th scope="col">{t("profiles.country")}</th>
                <th scope="col">{t("profiles.tier")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.profiles.map((profile) => (
                <tr key={profile.id}>
                  <td className="font-mono">{profile.customerId}</td>
                  <td>{`${text(profile.attributes.first_name)} ${text(profile.attributes.last_name)}`.trim()}</td>
                  <td>{text(profile.attributes.email)}</td>
                  <td>{text(profile.attributes.country)}</td>
                  <td>{text(profile.attributes.loyalty_tier)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="mt-4 flex gap-2" aria-label={t("profiles.title")}>
        {page.hasPrevious && first && <Link className="btn-secondary" href={`/profiles?before=${first.id}`}>{t("common.previous")}</Link>}
        {page.hasNext && last && <Link className="btn-secondary" href={`/profiles?after=${last.id}`}>{t("common.next")}</Link>}
      </nav>
      <section className="mt-8" aria-labelledby="attributes-title">
        <h2 id="attributes-title" className="mb-3 text-lg font-semibold">{t("profiles.attributes")}</h2>
        <div className="card overflow-x-auto p-0">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("profiles.attributeName")}</th>
                <th scope="col">{t("profiles.attributeType")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {attributes.map((attribute) => (
                <tr key={attribute.name}>
                  <td className="font-mono">{attribute.name}</td>
                  <td>{t(`attributeType.${attribute.type}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
