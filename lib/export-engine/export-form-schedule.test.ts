import { describe, expect, it } from "vitest";
import { exportFormSchema, exportInputFromForm } from "./export-form";

const base = {
  connectionId: "0b9b5a3e-6a7c-4c4e-9a51-3f0f1a2b3c4d",
  name: "Weekly VIP",
  emailAttribute: "email",
  segmentIds: "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f",
};
const fieldErrors = (input: object) => exportFormSchema.safeParse(input).error?.issues.map((issue) => `${String(issue.path[0])}:${issue.message}`) ?? [];

describe("the export form's schedule", () => {
  it("follows the system refresh unless told otherwise", () => {
    expect(exportInputFromForm(exportFormSchema.parse(base))).toMatchObject({ scheduleKind: "SYSTEM", schedule: null });
    // The own-schedule fields are ignored while the system refresh is chosen.
    expect(exportInputFromForm(exportFormSchema.parse({ ...base, scheduleKind: "SYSTEM", scheduleTimes: ["99:99"] }))).toMatchObject({ scheduleKind: "SYSTEM", schedule: null });
  });

  it("stores its own schedule as the system schedule's form gives it: days, zone, sorted times", () => {
    const form = exportFormSchema.parse({
      ...base, scheduleKind: "OWN", scheduleFrequency: "WEEKLY", scheduleWeekdays: ["5", "1"], scheduleTimeZone: "Europe/Madrid", scheduleTimes: ["18:00", "06:30", "", ""],
    });
    expect(exportInputFromForm(form)).toMatchObject({
      scheduleKind: "OWN",
      schedule: { frequency: "WEEKLY", weekdays: [1, 5], timeZone: "Europe/Madrid", times: ["06:30", "18:00"] },
    });
  });

  it("refuses a bad own schedule with the schedule's messages on the prefixed fields", () => {
    const own = { ...base, scheduleKind: "OWN", scheduleFrequency: "WEEKLY", scheduleTimeZone: "UTC" };
    expect(fieldErrors({ ...own, scheduleWeekdays: [], scheduleTimes: ["06:00"] })).toContain("scheduleWeekdays:schedule.needWeekday");
    expect(fieldErrors({ ...own, scheduleWeekdays: ["1"], scheduleTimes: ["", ""] })).toContain("scheduleTimes:schedule.needTime");
    expect(fieldErrors({ ...own, scheduleWeekdays: ["1"], scheduleTimes: ["01:00", "02:00", "03:00", "04:00", "05:00"] })).toContain("scheduleTimes:schedule.tooManyTimes");
    expect(fieldErrors({ ...own, scheduleTimeZone: "Mars/Olympus", scheduleWeekdays: ["1"], scheduleTimes: ["06:00"] })).toContain("scheduleTimeZone:schedule.badTimeZone");
    expect(fieldErrors({ ...base, scheduleKind: "HOURLY" })).toContain("scheduleKind:validation.tampered");
  });
});
