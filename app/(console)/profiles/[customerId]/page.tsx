import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePagePermission } from "@/lib/auth/session";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import { catalogEntries } from "@/lib/profiles/attribute-catalog";
import { getProfile } from "@/lib/profiles/profiles";
import { segmentsOfProfile } from "@/lib/segments/preview";

type Props = { params: Promise<{ customerId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await getTranslator())("profiles.detail.title", { id: decodeURIComponent((await params).customerId).slice(0, 200) }) };
}

export default async function ProfilePage({ params }: Props) {
  await requirePagePermission("profiles:view");
  const customerId = decodeURIComponent((await params).customerId);
  const profile = customerId.length <= 200 ? await getProfile(customerId) : null;
  if (!profile) notFound();
  const [t, locale, catalog, segments] = await Promise.all([getTranslator(), getLocale(), catalogEntries(), segmentsOfProfile(profile.id)]);
  const types = new Map(catalog.map((entry) => [entry.name, entry.type]));
  const attributes = Object.entries((profile.attributes ?? {}) as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <PageHeader
        title={t("profiles.detail.title", { id: profile.customerId })}
        description={t("profiles.detail.created", { time: dates.format(profile.createdAt), updated: dates.format(profile.updatedAt) })}
        actions={<Link href="/profiles" className="btn-secondary">{t("profiles.back")}</Link>}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <section className="lg:col-span-2" aria-labelledby="attributes-title">
          <h2 id="attributes-title" className="mb-3 text-lg font-semibold">{t("profiles.detail.attributes")}</h2>
          <div className="card overflow-x-auto p-0">
            <table className="data-table" data-testid="profile-attributes">
              <thead>
                <tr>
                  <th scope="col">{t("profiles.attributeName")}</th>
                  <th scope="col">{t("profiles.attributeType")}</th>
                  <th scope="col">{t("profiles.detail.value")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {attributes.map(([name, value]) => {
                  const type = types.get(name);
                  return (
                    <tr key={name}>
                      <td className="font-mono">{name}</td>
                      <td>{type ? t(`attributeType.${type}`) : <em>{t("profiles.detail.notInCatalog")}</em>}</td>
                      <td className="whitespace-pre-wrap break-all">{value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
        <section aria-labelledby="segments-title">
          <h2 id="segments-title" className="mb-3 text-lg font-semibold">{t("profiles.detail.segments")}</h2>
          <div className="card" data-testid="profile-segments">
            {segments.length === 0 ? (
              <p className="text-sm">{t("profiles.detail.noSegments")}</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {segments.map((segment) => (
                  <li key={segment.id}>
                    <Link href={`/segments/${segment.id}`} className="text-brand-700 underline">{segment.name}</Link>{" "}
                    <span className="text-slate-600">({t(`segments.kind.${segment.kind}`)})</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>
      </div>
    </>
  );
}
