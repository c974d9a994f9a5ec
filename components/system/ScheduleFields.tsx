"use client";
// The fields of a schedule (daily or weekly with days, time zone, up to four times), shared by
// Admin › System › Schedule and an export's own schedule. Controlled by the parent so a refused
// save keeps every choice; `prefix` names the fields when they sit inside a larger form.
import { useI18n } from "@/components/i18n/I18nProvider";
import { FieldError } from "@/components/ui/ActionMessage";
import type { ActionState } from "@/lib/actions/action-state";

export type ScheduleFieldValues = { frequency: "DAILY" | "WEEKLY"; weekdays: number[]; timeZone: string; times: string[] };

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0] as const;

type Props = {
  values: ScheduleFieldValues;
  onChange: (change: Partial<ScheduleFieldValues>) => void;
  timeZones: string[];
  state: ActionState;
  /** "" for the system form (fields frequency, weekdays…); "schedule" gives scheduleFrequency… */
  prefix?: string;
};

export function ScheduleFields({ values, onChange, timeZones, state, prefix = "" }: Props) {
  const { t } = useI18n();
  const name = (field: string) => (prefix ? `${prefix}${field[0]!.toUpperCase()}${field.slice(1)}` : field);
  const times = values.times;
  return (
    <>
      <fieldset>
        <legend className="field-label">{t("schedule.frequency")}</legend>
        <div className="mt-2 flex gap-4">
          {(["DAILY", "WEEKLY"] as const).map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input type="radio" name={name("frequency")} value={value} checked={values.frequency === value} onChange={() => onChange({ frequency: value })} />
              {t(value === "DAILY" ? "schedule.daily" : "schedule.weekly")}
            </label>
          ))}
        </div>
      </fieldset>
      {values.frequency === "WEEKLY" && (
        <fieldset aria-describedby={state.fieldErrors?.[name("weekdays")] ? `${name("weekdays")}-error` : undefined}>
          <legend className="field-label">{t("schedule.weekdays")}</legend>
          <div className="mt-2 flex flex-wrap gap-3">
            {WEEKDAYS.map((day) => (
              <label key={day} className="flex items-center gap-1 text-sm">
                <input
                  type="checkbox" name={name("weekdays")} value={day} checked={values.weekdays.includes(day)}
                  onChange={(event) => onChange({ weekdays: event.target.checked ? [...values.weekdays, day] : values.weekdays.filter((other) => other !== day) })}
                />
                {t(`schedule.weekday.${day}`)}
              </label>
            ))}
          </div>
          <FieldError state={state} field={name("weekdays")} />
        </fieldset>
      )}
      <div>
        <label htmlFor={name("timeZone")} className="field-label">{t("schedule.timeZone")}</label>
        <select id={name("timeZone")} name={name("timeZone")} className="field-input" value={values.timeZone} onChange={(event) => onChange({ timeZone: event.target.value })}>
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>{zone}</option>
          ))}
        </select>
        <FieldError state={state} field={name("timeZone")} />
      </div>
      <fieldset aria-describedby={state.fieldErrors?.[name("times")] ? `${name("times")}-error` : undefined}>
        <legend className="field-label">{t("schedule.times")}</legend>
        <div className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-4">
          {times.map((time, index) => (
            <div key={index}>
              <label htmlFor={`${name("time")}-${index}`} className="sr-only">{t("schedule.time", { n: index + 1 })}</label>
              <input
                id={`${name("time")}-${index}`} type="time" name={name("times")} className="field-input" value={time}
                onChange={(event) => onChange({ times: times.map((other, position) => (position === index ? event.target.value : other)) })}
              />
            </div>
          ))}
        </div>
        <FieldError state={state} field={name("times")} />
      </fieldset>
    </>
  );
}
