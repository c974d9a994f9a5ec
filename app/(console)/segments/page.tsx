import type { Metadata } from "next";
import Link from "next/link";
import { RefreshAllButton } from "@/components/segments/RefreshAllButton";
import { PageHeader } from "@/components/ui/PageHeader";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import { listSegments } from "@/lib/segments/segments";
import { refreshAllSegmentsAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("segments.title") };
}

export default async function SegmentsPage() {
  const user = await requirePagePermission("segments:view");
  const [t, locale, segments] = await Promise.all([getTranslator(), getLocale(), listSegments()]);
  const editor = can(user.role, "segments:edit");
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <PageHeader
        title={t("segments.title")}
        description={t("segments.intro")}
        actions={editor && (
          <div className="flex flex-wrap gap-2">
            <Link href="/segments/new" className="btn-primary">{t("segments.new")}</Link>
            <Link href="/segments/new-static" className="btn-secondary">{t("segments.newStatic")}</Link>
          </div>
        )}
      />
      {segments.length === 0 ? (
        <p className="card text-sm">{t("segments.empty")}</p>
      ) : (
        <div className="card overflow-x-auto p-0">
          <table className="data-table" data-testid="segments-table">
            <thead>
              <tr>
                <th scope="col">{t("segments.name")}</th>
                <th scope="col">{t("segments.kind")}</th>
                <th scope="col" className="text-right">{t("segments.members")}</th>
                <th scope="col">{t("segments.lastRefresh")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {segments.map((segment) => {
                const stale = !segment.lastRefreshedAt || segment.definedAt > segment.lastRefreshedAt;
                return (
                  <tr key={segment.id} data-testid={`segment-row-${segment.name}`}>
                    <td>
                      <Link href={`/segments/${segment.id}`} className="font-medium text-brand-700 underline">{segment.name}</Link>
                      {segment.description && <p className="text-xs text-slate-600">{segment.description}</p>}
                    </td>
                    <td>{t(`segments.kind.${segment.kind}`)}</td>
                    <td className="text-right tabular-nums">{segment.memberCount.toLocaleString(locale)}</td>
                    <td>
                      {segment.lastRefreshedAt ? dates.format(segment.lastRefreshedAt) : t("segments.never")}
                      {stale && segment.lastRefreshedAt && <p className="text-xs text-amber-800">{t("segments.stale")}</p>}
                    </td>
                    <td className="space-x-3">
                      <Link href={`/segments/${segment.id}`} className="text-brand-700 underline">{t("segments.view")}</Link>
                      {editor && <Link href={`/segments/${segment.id}/edit`} className="text-brand-700 underline">{t("segments.edit")}</Link>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {editor && segments.some((segment) => segment.kind === "DYNAMIC") && <div className="mt-4"><RefreshAllButton action={refreshAllSegmentsAction} /></div>}
    </>
  );
}
