"use client";
// Admin › System › Schedule: refresh on/off, daily or weekly (days), time zone, up to four times.
import { useState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ActionMessage, FieldError } from "@/components/ui/ActionMessage";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormAction } from "@/lib/actions/action-state";
import { MAX_TIMES_PER_DAY } from "@/lib/schedule/schemas";

export type ScheduleValues = { enabled: boolean; frequency: "DAILY" | "WEEKLY"; weekdays: number[]; timeZone: string; times: string[] };

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0] as const;

export function ScheduleForm({ schedule, timeZones, action, canEdit }: { schedule: ScheduleValues; timeZones: string[]; action: FormAction; canEdit: boolean }) {
  const { t } = useI18n();
  const [state, onSubmit, pending] = useFormAction(action);
  // Controlled: a failed save keeps every choice on screen.
  // Four time fields always; empty ones are dropped by the schema.
  const [values, setValues] = useState({ ...schedule, times: [...schedule.times, ...Array<string>(MAX_TIMES_PER_DAY).fill("")].slice(0, MAX_TIMES_PER_DAY) });
  const times = values.times;
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
        <fieldset>
          <legend className="field-label">{t("schedule.frequency")}</legend>
          <div className="mt-2 flex gap-4">
            {(["DAILY", "WEEKLY"] as const).map((value) => (
              <label key={value} className="flex items-center gap-2 text-sm">
                <input type="radio" name="frequency" value={value} checked={values.frequency === value} onChange={() => set({ frequency: value })} />
                {t(value === "DAILY" ? "schedule.daily" : "schedule.weekly")}
              </label>
            ))}
          </div>
        </fieldset>
        {values.frequency === "WEEKLY" && (
          <fieldset aria-describedby={state.fieldErrors?.weekdays ? "weekdays-error" : undefined}>
            <legend className="field-label">{t("schedule.weekdays")}</legend>
            <div className="mt-2 flex flex-wrap gap-3">
              {WEEKDAYS.map((day) => (
                <label key={day} className="flex items-center gap-1 text-sm">
                  <input
                    type="checkbox" name="weekdays" value={day} checked={values.weekdays.includes(day)}
                    onChange={(event) => set({ weekdays: event.target.checked ? [...values.weekdays, day] : values.weekdays.filter((other) => other !== day) })}
                  />
                  {t(`schedule.weekday.${day}`)}
                </label>
              ))}
            </div>
            <FieldError state={state} field="weekdays" />
          </fieldset>
        )}
        <div>
          <label htmlFor="timeZone" className="field-label">{t("schedule.timeZone")}</label>
          <select id="timeZone" name="timeZone" className="field-input" value={values.timeZone} onChange={(event) => set({ timeZone: event.target.value })}>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>{zone}</option>
            ))}
          </select>
          <FieldError state={state} field="timeZone" />
        </div>
        <fieldset aria-describedby={state.fieldErrors?.times ? "times-error" : undefined}>
          <legend className="field-label">{t("schedule.times")}</legend>
          <div className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-4">
            {times.map((time, index) => (
              <div key={index}>
                <label htmlFor={`time-${index}`} className="sr-only">{t("schedule.time", { n: index + 1 })}</label>
                <input
                  id={`time-${index}`} type="time" name="times" className="field-input" value={time}
                  onChange={(event) => set({ times: times.map((other, position) => (position === index ? event.target.value : other)) })}
                />
              </div>
            ))}
          </div>
          <FieldError state={state} field="times" />
        </fieldset>
        {canEdit && (
          <button type="submit" className="btn-primary" disabled={pending}>
            {pending ? t("common.saving") : t("schedule.save")}
          </button>
        )}
      </fieldset>
    </form>
  );
}
