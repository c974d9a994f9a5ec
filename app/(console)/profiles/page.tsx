import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { countProfiles, listProfiles } from "@/lib/profiles/profiles";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("profiles.title") };
}

function cursor(value: string | string[] | undefined): bigint | null {
  return typeof value === "string" && /^\d{1,18}$/.test(value) ? BigInt(value) : null;
}

export default async function ProfilesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission("profiles:view");
  const t = await getTranslator();
  const params = await searchParams;
  const query = typeof params.q === "string" ? params.q.slice(0, 300) : "";
  const [page, total] = await Promise.all([
    listProfiles({ after: cursor(params.after), before: cursor(params.before), query }),
    countProfiles(),
  ]);
  const text = (value: unknown) => (value === undefined || value === null ? "" : String(value));
  const first = page.profiles[0];
  const last = page.profiles.at(-1);
  const search = query ? `&q=${encodeURIComponent(query)}` : "";
  return (
    <>
      <PageHeader
        title={t("profiles.title")}
        description={t("profiles.count", { count: total })}
        actions={
          <div className="flex flex-wrap gap-2">
            <Link href="/profiles/attributes" className="btn-secondary">{t("profiles.attributes")}</Link>
            {can(user.role, "profiles:import") && <Link href="/profiles/import" className="btn-primary">{t("profiles.importLink")}</Link>}
          </div>
        }
      />
      <form method="get" action="/profiles" className="mb-4 flex flex-wrap items-end gap-2" role="search">
        <div className="min-w-72 flex-1">
          <label htmlFor="profile-search" className="field-label">{t("profiles.searchLabel")}</label>
          <input id="profile-search" name="q" type="search" defaultValue={query} className="field-input" />
        </div>
        <button type="submit" className="btn-primary">{t("profiles.search")}</button>
        {query && <Link href="/profiles" className="btn-secondary">{t("profiles.clearSearch")}</Link>}
      </form>
      {page.profiles.length === 0 ? (
        <p className="card text-sm" data-testid="profiles-empty">{query ? t("profiles.noMatch", { query }) : t("profiles.empty")}</p>
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
                  <td className="font-mono"><Link className="text-brand-700 underline" href={`/profiles/${encodeURIComponent(profile.customerId)}`}>{profile.customerId}</Link></td>
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
        {page.hasPrevious && first && <Link className="btn-secondary" href={`/profiles?before=${first.id}${search}`}>{t("common.previous")}</Link>}
        {page.hasNext && last && <Link className="btn-secondary" href={`/profiles?after=${last.id}${search}`}>{t("common.next")}</Link>}
      </nav>
    </>
  );
}
