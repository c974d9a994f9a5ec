// Admin › System › Schedule: read and save the schedule, start refreshes (scheduled or now),
// and list their history. Status comes from each refresh's job row, never stored twice.
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { dueSlots } from "./due-slots";
import type { ScheduleInput } from "./schemas";
import { systemRefreshJob } from "./system-refresh-job";

export async function getSchedule() {
  return (await db().refreshSchedule.findUnique({ where: { id: 1 } })) ?? (await db().refreshSchedule.create({ data: { id: 1 } }));
}

export async function saveSchedule(actor: AuditActor, input: ScheduleInput) {
  return db().$transaction(async (tx) => {
    const saved = await tx.refreshSchedule.upsert({
      where: { id: 1 },
      create: { id: 1, ...input, updatedById: actor?.id ?? null },
      update: { ...input, updatedById: actor?.id ?? null },
    });
    await recordAudit(tx, { actor, action: "schedule.saved", targetType: "schedule", targetId: "1", details: input });
    return saved;
  });
}

/** Starts a refresh now; asking again while one is queued or running returns that one. */
export async function requestRefreshNow(actor: AuditActor) {
  const refresh = await db().systemRefresh.create({ data: { trigger: "MANUAL", createdById: actor?.id ?? null } });
  const { job, created } = await enqueueJob(systemRefreshJob, { refreshId: refresh.id }, { createdById: actor?.id ?? null, concurrencyKey: MANUAL_REFRESH_KEY });
  if (!created) {
    await db().systemRefresh.delete({ where: { id: refresh.id } });
    // The job carries its refresh id from the start (its row may not point back to it yet).
    const { refreshId } = systemRefreshJob.payload.parse(job.payload);
    return db().systemRefresh.findUniqueOrThrow({ where: { id: refreshId } });
  }
  await recordAudit(db(), { actor, action: "refresh.started", targetType: "refresh", targetId: refresh.id });
  return db().systemRefresh.update({ where: { id: refresh.id }, data: { jobId: job.id } });
}

const MANUAL_REFRESH_KEY = "system.refresh.manual";

/**
 * Called by every worker's scheduler on a timer (and by tests with their own clock). Each due
 * slot becomes one refresh: the unique `scheduled_for` lets only one worker create it.
 */
export async function startDueRefreshes(now = new Date()): Promise<string[]> {
  const schedule = await getSchedule();
  const started: string[] = [];
  for (const slot of dueSlots(schedule, now)) {
    try {
      const refresh = await db().systemRefresh.create({ data: { trigger: "SCHEDULED", scheduledFor: slot } });
      const { job } = await enqueueJob(systemRefreshJob, { refreshId: refresh.id });
      await db().systemRefresh.update({ where: { id: refresh.id }, data: { jobId: job.id } });
      started.push(refresh.id);
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") continue; // another worker has it
      throw error;
    }
  }
  return started;
}

export const REFRESH_PAGE_SIZE = 20;

export async function listRefreshes(page = 1) {
  const [refreshes, total] = await Promise.all([
    db().systemRefresh.findMany({
      orderBy: { createdAt: "desc" },
      skip: (Math.max(1, page) - 1) * REFRESH_PAGE_SIZE,
      take: REFRESH_PAGE_SIZE,
      include: { job: { select: { status: true, startedAt: true, finishedAt: true, progress: true, errorKey: true, result: true } }, createdBy: { select: { name: true } } },
    }),
    db().systemRefresh.count(),
  ]);
  return { refreshes, total, pages: Math.max(1, Math.ceil(total / REFRESH_PAGE_SIZE)) };
}
