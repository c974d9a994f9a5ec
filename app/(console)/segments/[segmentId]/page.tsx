import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DeleteSegmentButton } from "@/components/segments/DeleteSegmentButton";
import { MembersTable } from "@/components/segments/MembersTable";
import { RefreshPanel } from "@/components/segments/RefreshPanel";
import { RuleSummary } from "@/components/segments/RuleSummary";
import { PageHeader } from "@/components/ui/PageHeader";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import { listMembers } from "@/lib/segments/preview";
import { segmentRefreshStatus } from "@/lib/segments/refresh-status";
import { getSegment, storedRules } from "@/lib/segments/segments";
import { deleteSegmentAction, refreshSegmentAction } from "../actions";

type Props = { params: Promise<{ segmentId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load(params: Props["params"]) {
  const id = z.uuid().safeParse((await params).segmentId);
  return id.success ? getSegment(id.data) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await load(params))?.name ?? (await getTranslator())("segments.title") };
}

export default async function SegmentPage({ params, searchParams }: Props) {
  const user = await requirePagePermission("segments:view");
  const segment = await load(params);
  if (!segment) notFound();
  const after = (await searchParams).after;
  const cursor = typeof after === "string" && /^\d{1,18}$/.test(after) ? BigInt(after) : null;
  const [t, locale, members, status] = await Promise.all([getTranslator(), getLocale(), listMembers(segment.id, cursor), segmentRefreshStatus(segment.id)]);
  const editor = can(user.role, "segments:edit");
  const rules = storedRules(segment.rules);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const stale = segment.lastRefreshedAt && segment.definedAt > segment.lastRefreshedAt;
  const last = members.members.at(-1);
  return (
    <>
      <PageHeader
        title={segment.name}
        description={<>{t(`segments.kind.${segment.kind}`)}{segment.description && ` · ${segment.description}`}</>}
        actions={editor && (
          <div className="flex flex-wrap items-start gap-2">
            <Link href={`/segments/${segment.id}/edit`} className="btn-secondary">{t("segments.edit")}</Link>
            <DeleteSegmentButton segment={{ id: segment.id, name: segment.name }} action={deleteSegmentAction} />
          </div>
        )}
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <section className="card space-y-2 lg:col-span-2" aria-labelledby="definition-title">
          <h2 id="definition-title" className="text-lg font-semibold">{t("segments.rules")}</h2>
          {rules && <RuleSummary rules={rules} t={t} />}
          {segment.kind === "STATIC" && (
            <div className="space-y-1 text-sm" data-testid="static-summary">
              <p>{t("segments.static.matchBy")}: <code>{segment.matchBy === "customer_id" ? t("segments.static.customerId") : segment.matchBy}</code></p>
              {segment.unknownCount > 0 && (
                <p className="text-amber-800" data-testid="static-unknown">
                  {t("segments.static.unknown", { count: segment.unknownCount })}.{" "}
                  {t("segments.static.unknownSample", { shown: segment.unknownSample.length, values: segment.unknownSample.join(", ") })}
                </p>
              )}
            </div>
          )}
        </section>
        <section className="card space-y-2" aria-labelledby="membership-title">
          <h2 id="membership-title" className="text-lg font-semibold">{t("segments.members")}</h2>
          <p className="text-2xl font-semibold tabular-nums" data-testid="member-count">{t("segments.memberCount", { count: segment.memberCount })}</p>
          <p className="text-sm text-slate-700" data-testid="last-refresh">
            {segment.lastRefreshedAt
              ? t("segments.lastRefreshAt", { time: dates.format(segment.lastRefreshedAt), seconds: ((segment.lastRefreshMs ?? 0) / 1000).toFixed(1) })
              : t("segments.notRefreshedYet")}
          </p>
          {stale && <p className="text-sm text-amber-800">{t("segments.staleLong")}</p>}
          {status && <RefreshPanel segmentId={segment.id} initial={status} refresh={editor ? refreshSegmentAction : undefined} />}
        </section>
      </div>
      <section className="mt-6" aria-labelledby="members-title">
        <h2 id="members-title" className="mb-3 text-lg font-semibold">{t("segments.members")}</h2>
        <MembersTable members={members.members} t={t} />
        <nav className="mt-3 flex gap-2" aria-label={t("segments.members")}>
          {cursor && <Link className="btn-secondary" href={`/segments/${segment.id}`}>{t("segments.firstMembers")}</Link>}
          {members.hasNext && last && <Link className="btn-secondary" href={`/segments/${segment.id}?after=${last.id}`}>{t("segments.moreMembers")}</Link>}
        </nav>
      </section>
    </>
  );
}
