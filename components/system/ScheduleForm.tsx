"use client";
// Admin › System › Schedule: refresh on/off, daily or weekly (days), time zone, up to four times.
import { useState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ActionMessage } from "@/components/ui/ActionMessage";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormAction } from "@/lib/actions/action-state";
import { MAX_TIMES_PER_DAY } from "@/lib/schedule/schemas";
import { ScheduleFields } from "./ScheduleFields";

export type ScheduleValues = { enabled: boolean; frequency: "DAILY" | "WEEKLY"; weekdays: number[]; timeZone: string; times: string[] };

export function ScheduleForm({ schedule, timeZones, action, canEdit }: { schedule: ScheduleValues; timeZones: string[]; action: FormAction; canEdit: boolean }) {
  const { t } = useI18n();
  const [state, onSubmit, pending] = useFormAction(action);
  // Controlled: a failed save keeps every choice on screen.
  // Four time fields always; empty ones are dropped by the schema.
  const [values, setValues] = useState({ ...schedule, times: [...schedule.times, ...Array<string>(MAX_TIMES_PER_DAY).fill("")].slice(0, MAX_TIMES_PER_DAY) });
  const set = (change: Partial<ScheduleValues>) => setValues((current) => ({ ...current, ...change }));
  return (
    <form onSubmit={onSubmit} noValidate className="card max-w-2xl space-y-5" data-testid="schedule-form">
      <ActionMessage state={state} testId="schedule-message" />
      <fieldset disabled={!canEdit} className="space-y-5">
        <fieldset>
          <legend className="field-label">{t("schedule.enabled")}</legend>
          <div className="mt-2 flex gap-4">
            {(["on", "off"] as const).map((value) => (
              <label key={value} className="flex items-center gap-2 text-sm">
                <input type="radio" name="enabled" value={value} checked={values.enabled === (value === "on")} onChange={() => set({ enabled: value === "on" })} />
                {t(`schedule.${value}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <ScheduleFields values={values} onChange={set} timeZones={timeZones} state={state} />
        {canEdit && (
          <button type="submit" className="btn-primary" disabled={pending}>
            {pending ? t("common.saving") : t("schedule.save")}
          </button>
        )}
      </fieldset>
    </form>
  );
}
