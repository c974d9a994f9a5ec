// One export run, start to end: lock the export, resolve the connection, make sure the lists
// exist, plan in SQL, check the guardrail, send, and record how it ended. Every step is safe to
// repeat: a run interrupted at any moment is resumed by executing it again (the plan is recomputed
// from the segment and the acknowledged state, which each committed batch already updated).
import type pg from "pg";
import { transactionIn } from "@/lib/db/bulk";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { createIterableClient, IterableListNotFoundError } from "@/lib/iterable";
import { JobCanceledError } from "@/lib/jobs/job-definition";
import { logger } from "@/lib/logging/logger";
import { settleFills } from "./ack-partitions";
import { openSession } from "./engine-db";
import { ensureLists, recreateList, type BoundList } from "./list-bindings";
import { finishedStatus, guardrailBreaches, listPlanCounts, rejectedTotal, type DataFieldMapping } from "./plan-math";
import { dropPlanTables, planLists, type ListPlanRaw } from "./planner";
import { describeRunFailure, type RunErrorParams } from "./run-errors";
import { sendList } from "./send-list";
import { markInSync, settingsKey } from "./snapshot";
import { streamFill } from "./stream-fill";
import { ExportTargetError, resolveTarget } from "./target";

export type RunContext = { signal: AbortSignal; attempt?: number; progress?: (p: { done: number; total: number }) => Promise<void> };

const DEFAULT_LIST_NOT_READY = { retries: 10, delayMs: 1_000 };

export async function executeRun(runId: string, ctx: RunContext): Promise<{ status: string }> {
  const run = await loadRun(runId);
  if (!run || (run.status !== "QUEUED" && run.status !== "RUNNING")) return { status: run?.status ?? "missing" };
  const log = logger.child({ runId, exportId: run.exportId, attempt: ctx.attempt });
  const session = await openSession();
  try {
    await lockExport(session, run.exportId, ctx.signal);
    const claimed = await db().exportRun.updateMany({
      where: { id: runId, status: { in: ["QUEUED", "RUNNING"] } },
      data: { status: "RUNNING", phase: "planning", startedAt: run.startedAt ?? new Date() },
    });
    if (claimed.count === 0) return { status: "not-runnable" };
    return await plannedAndSent(session, run, ctx);
  } catch (error) {
    const reason = ctx.signal.aborted ? ctx.signal.reason : null;
    if (reason && !(reason instanceof JobCanceledError)) throw reason; // worker stopping: resume later
    if (reason instanceof JobCanceledError) return finish(runId, { status: "CANCELED" });
    const failure = describeRunFailure(error);
    if (failure.errorKey === "errors.generic") log.error({ err: error }, "export run failed unexpectedly");
    else log.warn({ errorKey: failure.errorKey, errorParams: failure.errorParams }, "export run failed");
    return finish(runId, { status: failure.status, errorKey: failure.errorKey, errorParams: failure.errorParams });
  } finally {
    await dropPlanTables(session).catch(() => {});
    await session.end().catch(() => {});
  }
}

type LoadedRun = NonNullable<Awaited<ReturnType<typeof loadRun>>>;
const loadRun = (id: string) =>
  db().exportRun.findUnique({ where: { id }, include: { export: { include: { lists: { orderBy: { position: "asc" } } } } } });

async function plannedAndSent(session: pg.Client, run: LoadedRun, ctx: RunContext): Promise<{ status: string }> {
  const exp = run.export;
  if (!exp.connectionId) throw new ExportTargetError("exports.run.error.detached", "skipped");
  const target = await resolveTarget(exp.connectionId);
  const client = createIterableClient({
    apiKey: target.apiKey,
    region: target.region,
    rateLimit: { requestsPerSecond: target.requestsPerSecond, concurrency: target.concurrency },
    ...(target.retry ? { retry: target.retry } : {}),
    ...(target.timeoutMs ? { timeoutMs: target.timeoutMs } : {}),
    logger,
  });
  const batchSize = Math.min(1000, exp.batchSize ?? target.batchSize);
  for (const binding of exp.lists) {
    await db().exportRunList.upsert({
      where: { runId_exportListId: { runId: run.id, exportListId: binding.id } },
      create: { runId: run.id, exportListId: binding.id, listName: binding.listName, iterableListId: binding.iterableListId },
      update: {},
    });
  }
  const timings: Record<string, number> = {};
  let mark = Date.now();
  const lap = (name: string) => {
    timings[name] = Date.now() - mark;
    mark = Date.now();
  };
  const lists = await ensureLists(client, run.id, exp.lists);
  lap("lists");
  stopIfAsked(ctx.signal);

  const bindings = exp.lists.map((l) => ({ exportListId: l.id, segmentId: l.segmentId, mirror: exp.mode === "MIRROR" }));
  const settings = { emailAttribute: exp.emailAttribute, dataFields: exp.dataFields as DataFieldMapping[] };
  // Lists holding nothing acknowledged are planned while they are sent (stream-fill.ts); the
  // others are planned whole first (the guardrail needs their removals before anything is sent).
  // A fill a crash or stop left unattached is attached first: its rows are acknowledged.
  await settleFills(bindings.map((b) => b.exportListId));
  const held = await holdsAcknowledged(session, bindings.map((b) => b.exportListId));
  lap("acknowledged");
  const streamed = bindings.filter((b) => !held.get(b.exportListId));
  const planned = bindings.filter((b) => held.get(b.exportListId));
  // One transaction: the refreshed snapshots, their plan states (in_sync reset) and the plan
  // commit together; a crash before the commit leaves them as they were for the resumed run.
  const raw = planned.length
    ? await transactionIn(session, () => planLists(session, { lists: planned, ...settings, runId: run.id, lap }))
    : new Map<string, ListPlanRaw>();
  stopIfAsked(ctx.signal);
  // What this run did before a resume, as it stood when this attempt started.
  const before = new Map((await db().exportRunList.findMany({ where: { runId: run.id } })).map((l) => [l.exportListId, l]));
  const record = (exportListId: string, plan: ListPlanRaw, iterableListId: number) =>
    recordPlan(run, { exportListId, iterableListId, before: before.get(exportListId) }, plan);
  let remaining = 0;
  for (const list of lists.filter((l) => raw.has(l.exportListId))) {
    const plan = raw.get(list.exportListId)!;
    remaining += plan.toAdd + plan.toUpdate + plan.toRemove;
    await record(list.exportListId, plan, list.iterableListId);
  }
  // Streamed lists: their segments' sizes stand in for what they will send until they are planned.
  const estimates = new Map<string, number>();
  for (const b of streamed) estimates.set(b.exportListId, await segmentSize(b.segmentId));
  const streamedMembers = [...estimates.values()].reduce((sum, n) => sum + n, 0);
  const current = await db().exportRun.findUniqueOrThrow({ where: { id: run.id } });
  await db().exportRun.update({
    where: { id: run.id },
    data: { rowsPlanned: current.rowsDone + remaining + streamedMembers, requestsPerSecond: target.requestsPerSecond, phase: "sending" },
  });

  if (exp.mode === "MIRROR" && !run.confirmedAt) {
    const breaches = guardrailBreaches(
      [...raw.entries()].map(([exportListId, p]) => ({ exportListId, toRemove: p.toRemove, acknowledgedBefore: p.acknowledgedBefore })),
      exp.maxRemovalShare,
    );
    if (breaches.length) return finish(run.id, { status: "NEEDS_CONFIRMATION", keepOpen: true });
  }

  let lastProgress = 0;
  const progress = () => {
    // The run row already has exact counters; the job's progress is a throttled echo of them.
    if (!ctx.progress || Date.now() - lastProgress < 1_000) return;
    lastProgress = Date.now();
    void db().exportRun.findUnique({ where: { id: run.id } }).then((r) => r && ctx.progress?.({ done: r.rowsDone, total: r.rowsPlanned })).catch(() => {});
  };
  const sendContext = {
    session, client, runId: run.id, batchSize, concurrency: target.concurrency,
    listNotReady: target.listNotReady ?? DEFAULT_LIST_NOT_READY,
    shouldStop: () => ctx.signal.aborted,
    onBatch: progress,
  };
  lap("prepared");
  for (const list of lists.filter((l) => raw.has(l.exportListId))) {
    const sent = await sendList(sendContext, list);
    if (sent.stopped) stopIfAsked(ctx.signal);
  }
  lap("send-planned");
  for (const list of lists.filter((l) => !raw.has(l.exportListId))) {
    const binding = streamed.find((b) => b.exportListId === list.exportListId)!;
    const members = estimates.get(list.exportListId) ?? 0;
    const onChunk = (counts: ListPlanRaw) => record(list.exportListId, counts, list.iterableListId);
    const sent = await streamFill({ ...sendContext, settings, onChunk }, list, binding).catch(async (error: unknown) => {
      // Iterable lost the list it had just created: create it again and send it the usual way.
      if (!(error instanceof IterableListNotFoundError)) throw error;
      const iterableListId = await recreateList(client, run.id, list.exportListId, list.listName, true);
      const replanned = await transactionIn(session, () => planLists(session, { lists: [binding], ...settings, runId: run.id }));
      const plan = replanned.get(list.exportListId)!;
      await record(list.exportListId, plan, iterableListId);
      return { ...(await sendList(sendContext, { ...list, iterableListId, fresh: true })), counts: plan, planMs: 0, waitedMs: 0 };
    });
    timings["stream-plan"] = (timings["stream-plan"] ?? 0) + sent.planMs;
    timings["stream-waited"] = (timings["stream-waited"] ?? 0) + sent.waitedMs;
    // What the list really sends replaces its member count in the run's total.
    const p = sent.counts;
    if (p) await db().exportRun.update({ where: { id: run.id }, data: { rowsPlanned: { increment: p.toAdd + p.toUpdate + p.toRemove - members } } });
    if (sent.stopped) stopIfAsked(ctx.signal);
  }
  lap("send-streamed");
  const results = await db().exportRunList.findMany({ where: { runId: run.id } });
  for (const list of results) {
    // Every planned row acknowledged (none refused, none unconfirmed): the acknowledged state now
    // equals the snapshot's target, so the next run may diff only the emails that change.
    const settled = list.added + list.updated + list.removed === list.toAdd + list.toUpdate + list.toRemove;
    if (settled && rejectedTotal(list) === 0 && list.unconfirmed === 0 && !list.listRecreated) {
      // Every row settled, none refused: each add added a row, each removal removed one.
      const earlier = before.get(list.exportListId);
      const acknowledged = (raw.get(list.exportListId)?.acknowledgedBefore ?? 0) + list.added - (earlier?.added ?? 0) - (list.removed - (earlier?.removed ?? 0));
      await markInSync(session, list.exportListId, settingsKey(settings, exp.mode === "MIRROR"), acknowledged);
    }
  }
  lap("finish");
  // Phase timings in the log: where a slow run spent its time.
  logger.info({ runId: run.id, timings }, "export run sent");
  return finish(run.id, { status: finishedStatus(results) });
}

/** Writes a list's plan counts on the run (on a resume, adding what this run already did). */
async function recordPlan(
  run: LoadedRun,
  list: { exportListId: string; iterableListId: number; before: { added: number; updated: number; removed: number; unconfirmed: number } | undefined },
  plan: ListPlanRaw,
): Promise<void> {
  const { before } = list;
  const settled = before ? before.added + before.updated + before.unconfirmed : 0;
  const counts = listPlanCounts(plan, { ...plan, settledBySubscribe: settled });
  await db().exportRunList.update({
    where: { runId_exportListId: { runId: run.id, exportListId: list.exportListId } },
    data: {
      iterableListId: list.iterableListId,
      members: counts.members, validEmails: counts.validEmails, missingEmails: counts.missingEmails, invalidEmails: counts.invalidEmails,
      duplicates: counts.duplicates, unchanged: counts.unchanged,
      // On a resume the plan holds what is left: add what this run already did.
      toAdd: counts.toAdd + (before?.added ?? 0), toUpdate: counts.toUpdate + (before?.updated ?? 0), toRemove: counts.toRemove + (before?.removed ?? 0),
      ...(run.status === "QUEUED" ? { acknowledgedBefore: counts.acknowledgedBefore } : {}),
    },
  });
}

/**
 * Which lists hold acknowledged members: one probe each, of the list's own table (any row) or
 * of the default partition's index on the list id.
 */
async function holdsAcknowledged(session: pg.Client, exportListIds: string[]): Promise<Map<string, boolean>> {
  const held = new Map<string, boolean>();
  for (const id of exportListIds) {
    const { rows } = await session.query(
      "SELECT 1 FROM export_list_members WHERE export_list_id = $1::uuid LIMIT 1",
      [id],
    );
    held.set(id, rows.length > 0);
  }
  return held;
}

/** A segment's size as its last refresh counted it: an estimate, corrected once planned. */
async function segmentSize(segmentId: string): Promise<number> {
  const segment = await db().segment.findUnique({ where: { id: segmentId }, select: { memberCount: true } });
  return segment?.memberCount ?? 0;
}

function stopIfAsked(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason;
}

async function finish(
  runId: string,
  outcome: { status: "SUCCEEDED" | "SUCCEEDED_WITH_WARNINGS" | "FAILED" | "CANCELED" | "SKIPPED" | "NEEDS_CONFIRMATION"; errorKey?: string; errorParams?: RunErrorParams | null; keepOpen?: boolean },
): Promise<{ status: string }> {
  await db().exportRun.updateMany({
    where: { id: runId, status: "RUNNING" },
    data: {
      status: outcome.status,
      phase: outcome.keepOpen ? "awaiting-confirmation" : "done",
      finishedAt: outcome.keepOpen ? null : new Date(),
      errorKey: outcome.errorKey ?? null,
      errorParams: outcome.errorParams ?? Prisma.DbNull,
    },
  });
  return { status: outcome.status };
}

/**
 * One run per export at a time, across every worker process: a session advisory lock held for
 * the whole run. It goes with the session, so a killed worker releases it when its connection
 * drops, and a worker that lost its job's heartbeat cannot overlap the one that resumed it.
 */
async function lockExport(session: pg.Client, exportId: string, signal: AbortSignal): Promise<void> {
  for (;;) {
    const { rows } = await session.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtext('ferry.export.' || $1)) AS locked", [exportId]);
    if (rows[0]?.locked) return;
    stopIfAsked(signal);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
