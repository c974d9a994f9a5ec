// The jobs table: create (once per concurrency key), claim, heartbeat, finish, cancel. Every
// state change is a conditional UPDATE, so two workers can never both own one job.
import { db } from "@/lib/db/client";
import type { Job, Prisma } from "@/lib/db/generated/client";
import type { JobDefinition } from "./job-definition";
import type { JobProgress } from "./job-status";

export type JobRow = Job;

/** A RUNNING job whose heartbeat is older than this has lost its worker. */
export const STALE_AFTER_MS = 30_000;

export async function createJob<P>(
  definition: JobDefinition<P>,
  payload: P,
  options: { createdById?: string | null; concurrencyKey?: string } = {},
): Promise<{ job: JobRow; created: boolean }> {
  const parsed = definition.payload.parse(payload) as Prisma.InputJsonValue;
  return db().$transaction(async (tx) => {
    if (options.concurrencyKey) {
      // Serialises concurrent requests for the same key: the second one sees the first's row.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`ferry.job.${options.concurrencyKey}`}))`;
      const active = await tx.job.findFirst({
        where: { concurrencyKey: options.concurrencyKey, status: { in: ["QUEUED", "RUNNING"] } },
        orderBy: { createdAt: "asc" },
      });
      if (active) return { job: active, created: false };
    }
    const job = await tx.job.create({
      data: { type: definition.type, payload: parsed, concurrencyKey: options.concurrencyKey, createdById: options.createdById ?? null },
    });
    return { job, created: true };
  });
}

export function getJob(id: string) {
  return db().job.findUnique({ where: { id } });
}

/** Takes a queued job for this worker; null when another worker has it or it is finished. */
export async function claimJob(id: string, workerId: string): Promise<JobRow | null> {
  const rows = await db().$queryRaw<{ id: string }[]>`
    UPDATE jobs SET status = 'RUNNING', worker_id = ${workerId}, heartbeat_at = now(),
      started_at = COALESCE(started_at, now()), attempts = attempts + 1
    WHERE id = ${id}::uuid AND status = 'QUEUED'
    RETURNING id::text`;
  return rows.length ? db().job.findUnique({ where: { id } }) : null;
}

/** Keeps the claim alive; answers whether the job should stop (canceled, or no longer ours). */
export async function heartbeat(id: string, workerId: string): Promise<{ owned: boolean; cancelRequested: boolean }> {
  const rows = await db().$queryRaw<{ cancel_requested: boolean }[]>`
    UPDATE jobs SET heartbeat_at = now()
    WHERE id = ${id}::uuid AND worker_id = ${workerId} AND status = 'RUNNING'
    RETURNING cancel_requested`;
  return { owned: rows.length === 1, cancelRequested: rows[0]?.cancel_requested ?? false };
}

export async function saveProgress(id: string, workerId: string, progress: JobProgress) {
  await db().job.updateMany({
    where: { id, workerId, status: "RUNNING" },
    data: { progress: progress as Prisma.InputJsonValue, heartbeatAt: new Date() },
  });
}

type Outcome =
  | { status: "SUCCEEDED"; result?: unknown }
  | { status: "FAILED"; errorKey: string; errorParams?: Record<string, unknown> }
  | { status: "CANCELED" }
  // Back to the queue for another worker (this one is stopping).
  | { status: "QUEUED" };

export async function finishJob(id: string, workerId: string, outcome: Outcome): Promise<boolean> {
  const released = outcome.status === "QUEUED";
  const { count } = await db().job.updateMany({
    where: { id, workerId, status: "RUNNING" },
    data: {
      status: outcome.status,
      workerId: released ? null : workerId,
      finishedAt: released ? null : new Date(),
      result: outcome.status === "SUCCEEDED" && outcome.result !== undefined ? (outcome.result as Prisma.InputJsonValue) : undefined,
      errorKey: outcome.status === "FAILED" ? outcome.errorKey : undefined,
      errorParams: outcome.status === "FAILED" && outcome.errorParams ? (outcome.errorParams as Prisma.InputJsonValue) : undefined,
    },
  });
  return count === 1;
}

/** Cancels a queued job at once; asks a running one to stop after the work in flight. */
export async function requestCancel(id: string): Promise<JobRow | null> {
  await db().job.updateMany({ where: { id, status: "QUEUED" }, data: { status: "CANCELED", finishedAt: new Date(), cancelRequested: true } });
  await db().job.updateMany({ where: { id, status: "RUNNING" }, data: { cancelRequested: true } });
  return getJob(id);
}

/** RUNNING jobs whose worker stopped beating go back to QUEUED; returns them to re-deliver. */
export async function requeueStaleJobs(staleAfterMs = STALE_AFTER_MS): Promise<{ id: string; type: string }[]> {
  return db().$queryRaw<{ id: string; type: string }[]>`
    UPDATE jobs SET status = 'QUEUED', worker_id = NULL
    WHERE status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => ${staleAfterMs / 1000})
    RETURNING id::text, type`;
}

/** Queued jobs older than a moment: re-delivered in case their queue message was lost. */
export async function waitingJobs(olderThanMs: number): Promise<{ id: string; type: string }[]> {
  return db().$queryRaw<{ id: string; type: string }[]>`
    SELECT id::text, type FROM jobs
    WHERE status = 'QUEUED' AND created_at < now() - make_interval(secs => ${olderThanMs / 1000})
    ORDER BY created_at LIMIT 100`;
}
