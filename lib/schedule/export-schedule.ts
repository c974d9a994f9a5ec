// Exports with a schedule of their own: what is stored on the export (the schedule form's
// output), and starting their due slots. Every worker's scheduler calls startDueExportRuns on a
// timer; the primary key of export_scheduled_slots (export, slot) lets only one of them start a
// slot, like system_refreshes.scheduled_for does for the system refresh.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { requestRun } from "@/lib/export-engine/runs";
import { logger } from "@/lib/logging/logger";
import { dueSlots, type ScheduleSlots } from "./due-slots";

const storedSchema = z.object({
  frequency: z.enum(["DAILY", "WEEKLY"]),
  weekdays: z.array(z.number().int().min(0).max(6)),
  timeZone: z.string(),
  times: z.array(z.string()).min(1),
});

export type OwnSchedule = z.output<typeof storedSchema>;

/** The export's own schedule as slots, or null when the stored value is missing or unreadable. */
export function ownScheduleOf(stored: unknown): ScheduleSlots | null {
  const parsed = storedSchema.safeParse(stored);
  return parsed.success ? { enabled: true, ...parsed.data } : null;
}

/** Starts a run for every own-schedule slot due at `now` (the caller's clock: tests move it). */
export async function startDueExportRuns(now = new Date()): Promise<{ exportId: string; runId: string; scheduledFor: Date }[]> {
  const exports = await db().export.findMany({ where: { scheduleKind: "OWN" }, select: { id: true, schedule: true } });
  const started: { exportId: string; runId: string; scheduledFor: Date }[] = [];
  for (const exp of exports) {
    const schedule = ownScheduleOf(exp.schedule);
    if (!schedule) {
      logger.warn({ exportId: exp.id }, "export has an own schedule that cannot be read: not started");
      continue;
    }
    for (const slot of dueSlots(schedule, now)) {
      try {
        await db().exportScheduledSlot.create({ data: { exportId: exp.id, scheduledFor: slot } });
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") continue; // another worker has it
        throw error;
      }
      // A run already queued or running is joined (one run per export at a time).
      const { run } = await requestRun(exp.id, { trigger: "SCHEDULED", actor: null });
      await db().exportScheduledSlot.update({ where: { exportId_scheduledFor: { exportId: exp.id, scheduledFor: slot } }, data: { runId: run.id } });
      started.push({ exportId: exp.id, runId: run.id, scheduledFor: slot });
    }
  }
  return started;
}
