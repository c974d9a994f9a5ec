// Which scheduled refreshes are due: pure, so the clock is the caller's (tests move it).
import { Cron } from "croner";

export type ScheduleSlots = {
  enabled: boolean;
  frequency: "DAILY" | "WEEKLY";
  weekdays: number[];
  timeZone: string;
  times: string[];
};

/** A slot that came due less than this long ago still fires (a worker was busy or restarting). */
export const GRACE_MS = 10 * 60 * 1000;

function cronFor(schedule: ScheduleSlots, time: string): Cron {
  const [hour, minute] = time.split(":").map(Number);
  const days = schedule.frequency === "WEEKLY" ? schedule.weekdays.join(",") : "*";
  return new Cron(`${minute} ${hour} * * ${days}`, { timezone: schedule.timeZone, paused: true });
}

/** Slot instants in (now − grace, now], earliest first. Each instant names one refresh. */
export function dueSlots(schedule: ScheduleSlots, now: Date, graceMs = GRACE_MS): Date[] {
  if (!schedule.enabled) return [];
  const from = new Date(now.getTime() - graceMs);
  const due: Date[] = [];
  for (const time of schedule.times) {
    for (let next = cronFor(schedule, time).nextRun(from); next && next <= now; next = cronFor(schedule, time).nextRun(next)) {
      due.push(next);
    }
  }
  return due.sort((a, b) => a.getTime() - b.getTime());
}

/** The next refresh after `now`, for the Schedule tab ("next refresh: …"). */
export function nextSlot(schedule: ScheduleSlots, now: Date): Date | null {
  if (!schedule.enabled) return null;
  const next = schedule.times.map((time) => cronFor(schedule, time).nextRun(now)).filter((date): date is Date => Boolean(date));
  return next.sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
}
