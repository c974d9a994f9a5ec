import { describe, expect, it } from "vitest";
import { dueSlots, GRACE_MS, nextSlot, type ScheduleSlots } from "./due-slots";

const daily: ScheduleSlots = { enabled: true, frequency: "DAILY", weekdays: [], timeZone: "UTC", times: ["06:00", "18:30"] };
const at = (iso: string) => new Date(iso);

describe("due slots", () => {
  it("are the slots in the last grace period, in order", () => {
    expect(dueSlots(daily, at("2026-03-10T06:03:00Z"))).toEqual([at("2026-03-10T06:00:00Z")]);
    expect(dueSlots(daily, at("2026-03-10T06:00:00Z"))).toEqual([at("2026-03-10T06:00:00Z")]);
    expect(dueSlots(daily, at("2026-03-10T05:59:59Z"))).toEqual([]);
    expect(dueSlots(daily, new Date(at("2026-03-10T06:00:00Z").getTime() + GRACE_MS + 1000))).toEqual([]);
  });

  it("are none when the schedule is off", () => {
    expect(dueSlots({ ...daily, enabled: false }, at("2026-03-10T06:01:00Z"))).toEqual([]);
    expect(nextSlot({ ...daily, enabled: false }, at("2026-03-10T06:01:00Z"))).toBeNull();
  });

  it("follow the time zone, across a daylight-saving change", () => {
    const madrid = { ...daily, timeZone: "Europe/Madrid", times: ["06:00"] };
    // Winter: UTC+1; summer (after 29 March 2026): UTC+2.
    expect(dueSlots(madrid, at("2026-03-10T05:02:00Z"))).toEqual([at("2026-03-10T05:00:00Z")]);
    expect(dueSlots(madrid, at("2026-04-10T04:02:00Z"))).toEqual([at("2026-04-10T04:00:00Z")]);
  });

  it("keep to the chosen weekdays when weekly", () => {
    const mondays = { ...daily, frequency: "WEEKLY" as const, weekdays: [1], times: ["09:00"] };
    expect(dueSlots(mondays, at("2026-11-30T09:01:00Z"))).toHaveLength(1); // a Monday
    expect(dueSlots(mondays, at("2026-12-01T09:01:00Z"))).toEqual([]); // a Tuesday
    expect(nextSlot(mondays, at("2026-12-01T09:01:00Z"))).toEqual(at("2026-12-07T09:00:00Z"));
  });

  it("name the next slot among several times", () => {
    expect(nextSlot(daily, at("2026-03-10T07:00:00Z"))).toEqual(at("2026-03-10T18:30:00Z"));
    expect(nextSlot(daily, at("2026-03-10T19:00:00Z"))).toEqual(at("2026-03-11T06:00:00Z"));
  });
});
