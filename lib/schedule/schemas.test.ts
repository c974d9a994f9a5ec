import { describe, expect, it } from "vitest";
import { scheduleSchema } from "./schemas";

const valid = { enabled: "on", frequency: "WEEKLY", weekdays: ["5", "1"], timeZone: "Europe/Madrid", times: ["18:00", "06:30", "", ""] };
const issues = (input: object) => scheduleSchema.safeParse(input).error?.issues.map((issue) => `${String(issue.path[0])}:${issue.message}`) ?? [];

describe("scheduleSchema", () => {
  it("parses the form, drops empty times, sorts", () => {
    expect(scheduleSchema.parse(valid)).toEqual({ enabled: true, frequency: "WEEKLY", weekdays: [1, 5], timeZone: "Europe/Madrid", times: ["06:30", "18:00"] });
    expect(scheduleSchema.parse({ ...valid, frequency: "DAILY", weekdays: undefined, times: "07:00" })).toMatchObject({ weekdays: [], times: ["07:00"] });
  });

  it.each([
    [{ timeZone: "Mars/Olympus" }, "timeZone:schedule.badTimeZone"],
    [{ times: ["25:00"] }, "times:schedule.badTime"],
    [{ times: ["", ""] }, "times:schedule.needTime"],
    [{ times: ["01:00", "02:00", "03:00", "04:00", "05:00"] }, "times:schedule.tooManyTimes"],
    [{ times: ["01:00", "01:00"] }, "times:schedule.duplicateTime"],
    [{ weekdays: [] }, "weekdays:schedule.needWeekday"],
    [{ enabled: "maybe" }, "enabled:validation.tampered"],
    [{ frequency: "HOURLY" }, "frequency:validation.tampered"],
  ])("refuses %o", (change, expected) => {
    expect(issues({ ...valid, ...change })).toContain(expected);
  });

  it("refuses weekdays out of range", () => {
    expect(scheduleSchema.safeParse({ ...valid, weekdays: ["9"] }).success).toBe(false);
  });
});
