"use client";
// Step 5 of the export form: follow the system refresh, or a schedule of the export's own (the
// same fields as Admin › System › Schedule, named scheduleFrequency, scheduleTimes…).
import { useState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ScheduleFields, type ScheduleFieldValues } from "@/components/system/ScheduleFields";
import type { ActionState } from "@/lib/actions/action-state";
import { MAX_TIMES_PER_DAY } from "@/lib/schedule/schemas";

export type ExportScheduleInitial = { scheduleKind: "SYSTEM" | "OWN"; schedule: ScheduleFieldValues | null };

export function ExportScheduleFields({ initial, timeZones, state }: { initial?: ExportScheduleInitial; timeZones: string[]; state: ActionState }) {
  const { t } = useI18n();
  const [kind, setKind] = useState(initial?.scheduleKind ?? "SYSTEM");
  const start = initial?.schedule ?? { frequency: "DAILY" as const, weekdays: [1], timeZone: "UTC", times: ["06:00"] };
  // Four time fields always; empty ones are dropped by the schema.
  const [values, setValues] = useState<ScheduleFieldValues>({ ...start, times: [...start.times, ...Array<string>(MAX_TIMES_PER_DAY).fill("")].slice(0, MAX_TIMES_PER_DAY) });
  return (
    <fieldset className="space-y-3" data-testid="export-schedule-fields">
      <legend className="text-sm font-medium">{t("exports.form.scheduleLegend")}</legend>
      <div className="flex flex-wrap gap-4">
        {(["SYSTEM", "OWN"] as const).map((value) => (
          <label key={value} className="flex items-center gap-2 text-sm">
            <input type="radio" name="scheduleKind" value={value} checked={kind === value} onChange={() => setKind(value)} />
            {t(value === "SYSTEM" ? "exports.form.scheduleSystem" : "exports.form.scheduleOwn")}
          </label>
        ))}
      </div>
      {kind === "OWN" ? (
        <div className="space-y-4 border-l-2 border-slate-200 pl-4">
          <ScheduleFields values={values} onChange={(change) => setValues((current) => ({ ...current, ...change }))} timeZones={timeZones} state={state} prefix="schedule" />
        </div>
      ) : (
        <p className="text-xs text-slate-600">{t("exports.form.scheduleSystemHint")}</p>
      )}
    </fieldset>
  );
}
