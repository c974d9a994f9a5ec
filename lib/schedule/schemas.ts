// The schedule form's schema, shared by the form and the server action.
import { z } from "zod";

export const MAX_TIMES_PER_DAY = 4;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function isTimeZone(value: string) {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const asList = (value: unknown) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]);

export const scheduleSchema = z
  .object({
    enabled: z.enum(["on", "off"], "validation.tampered").transform((value) => value === "on"),
    frequency: z.enum(["DAILY", "WEEKLY"], "validation.tampered"),
    weekdays: z.preprocess(asList, z.array(z.coerce.number().int().min(0).max(6)).max(7)),
    timeZone: z.string().refine(isTimeZone, "schedule.badTimeZone"),
    times: z.preprocess(
      (value) => asList(value).filter((time) => time !== ""),
      z
        .array(z.string().regex(TIME, "schedule.badTime"))
        .min(1, "schedule.needTime")
        .max(MAX_TIMES_PER_DAY, "schedule.tooManyTimes")
        .refine((times) => new Set(times).size === times.length, "schedule.duplicateTime"),
    ),
  })
  .refine((schedule) => schedule.frequency === "DAILY" || schedule.weekdays.length > 0, {
    message: "schedule.needWeekday",
    path: ["weekdays"],
  })
  .transform((schedule) => ({
    ...schedule,
    weekdays: [...new Set(schedule.weekdays)].sort(),
    times: [...schedule.times].sort(),
  }));

export type ScheduleInput = z.output<typeof scheduleSchema>;
