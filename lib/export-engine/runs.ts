// Runs as the UI and the CLI drive them: request (joins the active run), cancel, confirm,
// history, the rejected rows as CSV. Permission checks belong to the callers.
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import { db } from "@/lib/db/client";
import type { ExportRunStatus, ExportRunTrigger } from "@/lib/db/generated/client";
import { ExpectedError } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { requestCancel } from "@/lib/jobs/jobs";
import { exportRunJob } from "./export-run-job";
import { etaSeconds } from "./plan-math";

/** A run in one of these blocks another: asking to run again returns it. */
export const ACTIVE_RUN_STATUSES: ExportRunStatus[] = ["QUEUED", "RUNNING", "NEEDS_CONFIRMATION"];

const withLists = { lists: { orderBy: { listName: "asc" as const } } };

export async function requestRun(exportId: string, options: { trigger: ExportRunTrigger; actor: AuditActor }) {
  const result = await db().$transaction(async (tx) => {
    // Serialises concurrent requests for one export: the second sees the first's run.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`ferry.export-request.${exportId}`}))`;
    const exp = await tx.export.findUnique({ where: { id: exportId } });
    if (!exp) throw new ExpectedError("exports.error.notFound", { status: 404 });
    const active = await tx.exportRun.findFirst({ where: { exportId, status: { in: ACTIVE_RUN_STATUSES } }, orderBy: { createdAt: "asc" } });
    if (active && !(await orphaned(active))) return { run: active, created: false };
    if (active) {
      await tx.exportRun.update({ where: { id: active.id }, data: { status: "FAILED", errorKey: "exports.run.error.jobLost", finishedAt: new Date() } });
    }
    const detached = exp.connectionId === null;
    const run = await tx.exportRun.create({
      data: {
        exportId,
        trigger: options.trigger,
        requestedById: options.actor?.id ?? null,
        // A detached export does not run; the request is recorded so the schedule shows why.
        ...(detached
          ? { status: "SKIPPED", errorKey: "exports.run.error.detached", finishedAt: new Date() }
          : {}),
      },
    });
    await recordAudit(tx, { actor: options.actor, action: "export.run", targetType: "export", targetId: exportId, details: { runId: run.id, trigger: options.trigger } });
    return { run, created: true };
  });
  if (result.created && result.run.status === "QUEUED") {
    const run = await startJob(result.run.id, options.actor);
    return { run, created: true };
  }
  return result;
}

/** Cancels a queued run at once; a running one stops after the batches in flight. */
export async function cancelRun(runId: string, actor: AuditActor) {
  const run = await findRun(runId);
  if (run.jobId) await requestCancel(run.jobId);
  await db().$transaction(async (tx) => {
    await tx.exportRun.updateMany({
      where: { id: runId, status: { in: ["QUEUED", "NEEDS_CONFIRMATION"] } },
      data: { status: "CANCELED", phase: "done", finishedAt: new Date() },
    });
    await recordAudit(tx, { actor, action: "export.run.cancel", targetType: "export", targetId: run.exportId, details: { runId } });
  });
  return getRun(runId);
}

/** Continues a run the removal guardrail stopped. */
export async function confirmRun(runId: string, actor: AuditActor) {
  const confirmed = await db().$transaction(async (tx) => {
    const { count } = await tx.exportRun.updateMany({
      where: { id: runId, status: "NEEDS_CONFIRMATION" },
      data: { status: "QUEUED", phase: null, confirmedAt: new Date(), confirmedById: actor?.id ?? null },
    });
    if (count === 0) return null;
    const run = await tx.exportRun.findUniqueOrThrow({ where: { id: runId } });
    await recordAudit(tx, { actor, action: "export.run.confirm", targetType: "export", targetId: run.exportId, details: { runId } });
    return run;
  });
  if (!confirmed) throw new ExpectedError("exports.error.notAwaitingConfirmation");
  return startJob(runId, actor);
}

export async function getRun(runId: string) {
  const run = await db().exportRun.findUnique({ where: { id: runId }, include: withLists });
  if (!run) throw new ExpectedError("exports.error.runNotFound", { status: 404 });
  const elapsed = run.startedAt ? ((run.finishedAt ?? new Date()).getTime() - run.startedAt.getTime()) / 1000 : 0;
  return { ...run, etaSeconds: run.status === "RUNNING" ? etaSeconds(run.rowsDone, run.rowsPlanned, elapsed) : null };
}

/** The export's history, newest first, with per-list counts. */
export async function listRuns(exportId: string, options: { take?: number } = {}) {
  return db().exportRun.findMany({ where: { exportId }, orderBy: { createdAt: "desc" }, take: options.take ?? 50, include: withLists });
}

export async function activeRun(exportId: string) {
  return db().exportRun.findFirst({ where: { exportId, status: { in: ACTIVE_RUN_STATUSES } }, include: withLists });
}

/** Polls until the run leaves QUEUED/RUNNING (NEEDS_CONFIRMATION counts as settled). */
export async function waitForRun(runId: string, options: { timeoutMs?: number; pollMs?: number } = {}) {
  const deadline = Date.now() + (options.timeoutMs ?? 60 * 60_000);
  for (;;) {
    const run = await getRun(runId);
    if (run.status !== "QUEUED" && run.status !== "RUNNING") return run;
    if (Date.now() > deadline) return run;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 200));
  }
}

/** Rows Iterable refused in a run, as CSV, read in pages (a run may refuse many rows). */
export async function* rejectedRowsCsv(runId: string): AsyncGenerator<string> {
  await findRun(runId);
  const names = new Map((await db().exportRunList.findMany({ where: { runId } })).map((l) => [l.exportListId, l.listName]));
  yield "list,operation,email,reason\n";
  let after = BigInt(0);
  for (;;) {
    const page = await db().exportRunRejection.findMany({ where: { runId, id: { gt: after } }, orderBy: { id: "asc" }, take: 5_000 });
    if (page.length === 0) return;
    yield page.map((r) => [names.get(r.exportListId) ?? "", r.operation, r.email, r.reason].map(csvCell).join(",")).join("\n") + "\n";
    after = page[page.length - 1]!.id;
  }
}

function csvCell(value: string): string {
  // Leading = + - @ would be read as a formula by spreadsheets (CSV injection).
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

async function startJob(runId: string, actor: AuditActor) {
  // Keyed by run: a run never has two live jobs (a confirm clicked twice starts one).
  const { job } = await enqueueJob(exportRunJob, { runId }, { createdById: actor?.id ?? null, concurrencyKey: `export-run:${runId}` });
  await db().exportRun.update({ where: { id: runId }, data: { jobId: job.id } });
  return getRun(runId);
}

async function findRun(runId: string) {
  const run = await db().exportRun.findUnique({ where: { id: runId } });
  if (!run) throw new ExpectedError("exports.error.runNotFound", { status: 404 });
  return run;
}

/** A queued/running run whose job has ended (a crash outside the engine) would block the export forever. */
async function orphaned(run: { status: ExportRunStatus; jobId: string | null; createdAt: Date }): Promise<boolean> {
  if (run.status === "NEEDS_CONFIRMATION") return false;
  // Created but its job never started (the queue was unreachable): give it a minute.
  if (!run.jobId) return Date.now() - run.createdAt.getTime() > 60_000;
  const job = await db().job.findUnique({ where: { id: run.jobId }, select: { status: true } });
  return !job || (job.status !== "QUEUED" && job.status !== "RUNNING");
}
