import type { Metadata } from "next";
import { AuditTable } from "@/components/system/AuditTable";
import { RefreshHistory } from "@/components/system/RefreshHistory";
import { RefreshNowButton } from "@/components/system/RefreshNowButton";
import { ScheduleForm } from "@/components/system/ScheduleForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { Tabs } from "@/components/ui/Tabs";
import { listAuditEntries } from "@/lib/audit/audit-log";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import { nextSlot } from "@/lib/schedule/due-slots";
import { refreshHistory } from "@/lib/schedule/refresh-view";
import { getSchedule } from "@/lib/schedule/schedule";
import { timeZoneOptions } from "@/lib/schedule/time-zones";
import { refreshNowAction, saveScheduleAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("system.title") };
}

const TABS = ["schedule", "status", "audit"] as const;
type Tab = (typeof TABS)[number];

export default async function SystemPage({ searchParams }: { searchParams: Promise<{ tab?: string; page?: string }> }) {
  const user = await requirePagePermission("system:view");
  const [t, locale, params] = await Promise.all([getTranslator(), getLocale(), searchParams]);
  const visible = TABS.filter((tab) => tab !== "audit" || can(user.role, "audit:view"));
  const tab: Tab = visible.find((candidate) => candidate === params.tab) ?? "schedule";
  const canManage = can(user.role, "system:manage");
  return (
    <>
      <PageHeader title={t("system.title")} />
      <Tabs
        label={t("system.title")}
        current={tab}
        tabs={visible.map((id) => ({ id, href: `/admin/system?tab=${id}`, label: t(`system.tab.${id}`) }))}
      />
      {tab === "schedule" && <ScheduleTab t={t} locale={locale} canManage={canManage} />}
      {tab === "status" && (
        <section className="space-y-4" aria-label={t("refresh.title")}>
          {canManage && <RefreshNowButton action={refreshNowAction} />}
          <RefreshHistory initial={await refreshHistory(1)} />
        </section>
      )}
      {tab === "audit" && <AuditTable audit={await listAuditEntries(Math.max(1, Number(params.page) || 1))} page={Math.max(1, Number(params.page) || 1)} t={t} locale={locale} />}
    </>
  );
}

async function ScheduleTab({ t, locale, canManage }: { t: Awaited<ReturnType<typeof getTranslator>>; locale: string; canManage: boolean }) {
  const schedule = await getSchedule();
  const next = nextSlot(schedule, new Date());
  const when = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short", timeZone: schedule.timeZone });
  return (
    <section className="space-y-4" aria-label={t("schedule.title")}>
      <p className="max-w-2xl text-sm text-slate-700">{t("schedule.intro")}</p>
      <p className="text-sm font-medium" data-testid="next-refresh">
        {next ? `${t("schedule.next", { time: when.format(next) })} (${schedule.timeZone})` : t("schedule.isOff")}
      </p>
      <ScheduleForm
        schedule={{ enabled: schedule.enabled, frequency: schedule.frequency, weekdays: schedule.weekdays, timeZone: schedule.timeZone, times: schedule.times }}
        timeZones={timeZoneOptions()}
        action={saveScheduleAction}
        canEdit={canManage}
      />
    </section>
  );
}
