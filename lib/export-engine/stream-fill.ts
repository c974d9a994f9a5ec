// A list Ferry holds nothing of yet (first export, or a list Iterable lost) is planned in chunks
// of members in profile-id order, and each chunk's subscribes go to the send pipeline while the
// next chunk is planned: the first batch leaves once a few thousand members are planned instead
// of a million, and planning (PostgreSQL) overlaps sending (Iterable). At a rate limit the run
// then takes what the limit dictates.
// The rows are derived exactly as by the full rebuild (snapshot.ts), inserted straight into the
// list's snapshot, and come back from that insert (RETURNING) to be judged and sent: one pass
// per member (a staging table, read out twice and copied twice, cost PostgreSQL ~6 s more per
// million). `dup` keeps the lowest profile id of an email: in profile-id order that is "seen
// before", judged in Node with a set of the list's emails (about 40 bytes per distinct email
// while the list is planned, string-set.ts; probing and growing an index in SQL cost several
// times more PostgreSQL time than planning the chunk itself). With nothing acknowledged at the
// start, and a run that only acknowledges what it sends and never sends an email twice, every
// planned row is new and nothing is to be unsubscribed: no diff against the acknowledged state,
// and no guardrail (it needs acknowledged members to protect). The acknowledged rows go to the
// list's own table (ack-partitions.ts).
// Each chunk commits on its own (no transaction around them; two sessions derive every other
// chunk): a batch's commit, on another connection, copies its acknowledged rows' emails and data
// hashes from the snapshot by row id (`AcknowledgedInto.fromSnapshot`) instead of the worker
// reading them out and sending them back. So the list's plan state says "filling" until the
// whole list is planned: a fill that stops before (crash, cancel, failure) leaves it so, and the
// next run (with acknowledged rows by then) rebuilds the snapshot whole, the usual way
// (snapshot.ts).
import type pg from "pg";
import { transactionIn } from "@/lib/db/bulk";
import { openFill, settleFill } from "./ack-partitions";
import type { BoundList } from "./list-bindings";
import { BatchQueue } from "./batch-queue";
import { runBatchPipeline } from "./batch-pipeline";
import { FillJudge } from "./email-check";
import { enginePool, openSession } from "./engine-db";
import type { ListPlanRaw } from "./planner";
import { inIdOrder } from "./plan-math";
import { sendSubscribeBatch, subscribeBatch, subscribeColumns, type SendContext, type SubscribeBatch } from "./send-list";
import { insertMembers } from "./member-sql";
import { analyzeSnapshots, clearSnapshot, FILLING_KEY, resetPlanState, settingsKey, type PlanList, type PlanSettings } from "./snapshot";

// Small first chunks get the first batches out fast; then larger ones, fewer round trips. Each
// chunk only 1.5 × the last: planning the next must take less time than sending this one.
const FIRST_CHUNK = 1_000;
const CHUNK_GROWTH = 1.5;
const MAX_CHUNK = 25_000;
// Batches planned but not yet sent: bounds the worker's memory when planning outruns Iterable.
const QUEUED_BATCHES = 50;
const MIN_ID = "-9223372036854775808";
// Node judges and queues a chunk in pieces, letting I/O in between: a chunk of 25,000 judged and
// queued in one go held the worker's event loop for tens of milliseconds while Iterable's
// answers and the batch commits waited, and the sandbox and PostgreSQL idled meanwhile.
const JUDGE_PIECE = 5_000;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A promise started now and awaited later: its rejection is not "unhandled" meanwhile. */
function observed<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

export type StreamContext = SendContext & { settings: PlanSettings; onChunk?: (counts: ListPlanRaw) => Promise<void> };
/** `planMs`: planning the chunks; `waitedMs`: time the sender had nothing planned to send. */
export type StreamResult = { stopped: boolean; counts: ListPlanRaw | null; planMs: number; waitedMs: number };

export async function streamFill(ctx: StreamContext, list: BoundList, plan: PlanList): Promise<StreamResult> {
  const queue = new BatchQueue<SubscribeBatch>(QUEUED_BATCHES);
  // The acknowledged rows go to the list's own table, attached once the list is planned (or when
  // the fill ends otherwise).
  const into = { ...(await openFill(list.exportListId)), fromSnapshot: true };
  const sendCtx = { ...ctx, acknowledgedInto: into };
  const settle = () => (into.appendOnly ? settleFill(list.exportListId) : Promise.resolve());
  let settling: Promise<void> | undefined;
  const started = Date.now();
  let planMs = 0;
  let waitedMs = 0;
  const planned = () => {
    planMs = Date.now() - started;
    queue.close();
    // Planned whole: every batch left is queued. The key is built now, while they are sent
    // (their commits wait for it, then append to the keyed table; the fill never writes an
    // email twice), instead of after the last one.
    settling = observed(settle());
  };
  const producer = planInChunks(ctx, plan, queue, planned).catch((error: unknown) => {
    queue.fail(error);
    throw error;
  });
  observed(producer); // the pipeline sees a failure through the queue; awaited below
  try {
    const sent = await runBatchPipeline<SubscribeBatch>({
      concurrency: ctx.concurrency,
      shouldStop: ctx.shouldStop,
      nextBatch: async () => {
        const asked = Date.now();
        const batch = await queue.take();
        waitedMs += Date.now() - asked;
        return batch;
      },
      process: (batch) => sendSubscribeBatch(sendCtx, list, batch),
    });
    queue.abandon();
    const counts = await producer;
    await (settling ?? settle());
    return { stopped: sent.stopped, counts, planMs, waitedMs };
  } catch (error) {
    queue.abandon();
    await producer.catch(() => null);
    // Left unattached if this fails too: the next run of the export attaches it (settleFills).
    await settling?.catch(() => {});
    await settle().catch(() => {});
    throw error;
  }
}

/** Plans the list chunk by chunk into the queue; null when the consumer stopped first. */
async function planInChunks(
  ctx: StreamContext,
  plan: PlanList,
  queue: BatchQueue<SubscribeBatch>,
  planned: () => void,
): Promise<ListPlanRaw | null> {
  const { session } = ctx;
  // A list's snapshot rows are only ever written under its plan state: without one there are
  // none to remove (a scan of the whole table). A list Iterable lost, or a fill that did not
  // finish, has some: they go first.
  const hadSnapshot =
    (await session.query("SELECT 1 FROM export_list_plan_states WHERE export_list_id = $1::uuid", [plan.exportListId])).rows.length > 0;
  if (hadSnapshot) await clearSnapshot(session, plan.exportListId);
  await resetPlanState(session, plan.exportListId, FILLING_KEY);
  // A resumed run does not resend rows Iterable already refused for good in this run.
  const refusedBefore =
    (
      await session.query(
        "SELECT 1 FROM export_run_rejections WHERE run_id = $1::uuid AND export_list_id = $2::uuid AND operation = 'subscribe' LIMIT 1",
        [ctx.runId, plan.exportListId],
      )
    ).rows.length > 0;
  const counts: ListPlanRaw = { members: 0, missingEmails: 0, invalidEmails: 0, uniqueEmails: 0, toAdd: 0, toUpdate: 0, toRemove: 0, acknowledgedBefore: 0 };
  const judge = new FillJudge();
  // Whole batches per chunk (but the last): a partial batch is a request of its own.
  const whole = (rows: number) => Math.max(1, Math.ceil(rows / ctx.batchSize)) * ctx.batchSize;
  // Two sessions derive every other chunk (each chunk commits on its own), so PostgreSQL derives
  // the next two chunks while Node judges and queues this one: on two busy cores one session fell
  // behind the sender early in the export (the sender waited for plans up to ~5 s of a 1M run).
  // Each chunk's range of profile ids is fixed before it is derived: it ends at the member
  // `size` places after the last range's end (a short walk of segment_members' key); judged
  // in order, so "seen before" is still "a lower profile id".
  // The second session opens with the second chunk (a list of one chunk needs none).
  let helper: pg.Client | undefined;
  // Emptied as each is judged: a settled promise keeps its rows (a million, held to the end, took
  // the worker's peak memory from ~0.4 to ~0.6 GB in the benchmark).
  const derivations: (Promise<unknown[][]> | undefined)[] = [];
  let after: string | null = MIN_ID; // null once the last range is being derived
  let size = whole(FIRST_CHUNK);
  const deriveNext = async () => {
    if (after === null) return;
    const from: string = after;
    const upTo = await rangeEnd(plan.segmentId, from, size);
    after = upTo;
    size = whole(Math.min(MAX_CHUNK, size * CHUNK_GROWTH));
    const on = derivations.length % 2 === 0 ? session : (helper ??= await openSession());
    derivations.push(observed(deriveChunk(ctx, on, plan, { after: from, upTo, refusedBefore })));
  };
  let marking: Promise<unknown> = Promise.resolve();
  try {
    await deriveNext();
    await deriveNext();
    for (let index = 0; index < derivations.length; index += 1) {
      const rows = await derivations[index]!;
      derivations[index] = undefined;
      // Its session is free: it derives the chunk after the one the other session is deriving.
      await deriveNext();
      const chunk = await judgeChunk(rows, judge, counts);
      if (chunk.invalidRows.length + chunk.duplicateRows.length > 0) {
        await marking;
        // One statement (a row may be both): an update moves a row, its old id would find nothing.
        marking = observed(
          enginePool().query(
            `UPDATE export_list_snapshots SET valid = NOT (ctid = ANY($1::tid[])), dup = (ctid = ANY($2::tid[]))
             WHERE ctid = ANY($1::tid[] || $2::tid[])`,
            [chunk.invalidRows, chunk.duplicateRows],
          ),
        );
      }
      for (let start = 0; start < chunk.send.length; start += ctx.batchSize) {
        if (!(await queue.put(subscribeBatch(chunk.send.slice(start, start + ctx.batchSize))))) return null;
        await yieldToIo();
      }
      await ctx.onChunk?.(counts);
    }
    await marking;
  } finally {
    // A stop or failure leaves derivations running: they end (committed, the plan state still
    // says filling) before the second session closes.
    await Promise.allSettled([...derivations.filter((d) => d !== undefined), marking]);
    await helper?.end().catch(() => {});
  }
  planned();
  // Whole: statistics for the next plans, and the plan state the next run diffs from.
  await transactionIn(session, async () => {
    await analyzeSnapshots(session);
    await resetPlanState(session, plan.exportListId, settingsKey(ctx.settings, plan.mirror));
  });
  return counts;
}

// Columns a chunk's insert answers, per member: the subscribe columns first (a row to send is
// the answered row itself; its state is the snapshot row's id, also what marks it invalid or
// duplicate), then the profile id and (only when there are such rows) whether Iterable refused
// the email earlier in this run.
const ROW_ID = 1;
const PROFILE_ID = 4;
const REFUSED = 5;

/**
 * The end of the range of `size` members after profile id `after`: the last one's profile id,
 * or null when fewer remain (the range then runs to the end).
 */
async function rangeEnd(segmentId: string, after: string, size: number): Promise<string | null> {
  const { rows } = await enginePool().query<{ id: string }>(
    "SELECT profile_id AS id FROM segment_members WHERE segment_id = $1::uuid AND profile_id > $2::bigint ORDER BY profile_id OFFSET $3 LIMIT 1",
    [segmentId, after, size - 1],
  );
  return rows[0]?.id ?? null;
}

/** Derives the members in (`after`, `upTo`] into the list's snapshot on `session`; answers their rows. */
async function deriveChunk(
  ctx: StreamContext,
  session: pg.ClientBase,
  plan: PlanList,
  bounds: { after: string; upTo: string | null; refusedBefore: boolean },
) {
  const upTo = (n: number, column: string) => (bounds.upTo === null ? "" : ` AND ${column} <= $${n + 1}::bigint`);
  const insert = insertMembers(
    ctx.settings,
    plan,
    (n) => `(SELECT segment_id, profile_id FROM segment_members WHERE segment_id = $2::uuid AND profile_id > $${n}::bigint${upTo(n, "profile_id")}
             ORDER BY profile_id) sm`,
    // The same bounds on profiles: PostgreSQL then reads both primary keys in step from there
    // (a merge join), instead of from the first profile for every chunk.
    { fromParams: bounds.upTo === null ? [bounds.after] : [bounds.after, bounds.upTo], profiles: (n) => `p.id > $${n}::bigint${upTo(n, "p.id")}` },
  );
  const params = [...insert.params];
  let refused = "";
  if (bounds.refusedBefore) {
    params.push(ctx.runId);
    refused = `, EXISTS (SELECT 1 FROM export_run_rejections r WHERE r.run_id = $${params.length}::uuid
      AND r.export_list_id = $1::uuid AND r.email = export_list_snapshots.email AND r.operation = 'subscribe')`;
  }
  // The insert answers the rows itself (a CTE around it, to sort them, cost PostgreSQL more than
  // the insert's own answer, and the sort more again): in the order it read them, which is
  // profile-id order here; checked in one pass, sorted only if not (the judge needs that order).
  const { rows } = await session.query<unknown[]>({
    text: `${insert.sql} RETURNING ${subscribeColumns("ctid", "true")}, profile_id${refused}`,
    values: params,
    rowMode: "array",
  });
  return inIdOrder(rows, PROFILE_ID);
}

/**
 * Judges a chunk's rows in Node, as they came back from their insert (one pass, no staging
 * table): the rows to send, and the snapshot rows to mark invalid or duplicate.
 */
async function judgeChunk(rows: unknown[][], judge: FillJudge, counts: ListPlanRaw) {
  const send: unknown[][] = [];
  const invalidRows: string[] = [];
  const duplicateRows: string[] = [];
  for (let index = 0; index < rows.length; index += 1) {
    if (index > 0 && index % JUDGE_PIECE === 0) await yieldToIo();
    const row = rows[index]!;
    const refused = row[REFUSED] === true;
    const verdict = judge.judge(row[0] as string);
    if (verdict === "missing") counts.missingEmails += 1;
    else if (verdict === "unique") {
      counts.uniqueEmails += 1;
      if (!refused) send.push(row);
    } else {
      if (verdict !== "duplicate") {
        counts.invalidEmails += 1;
        invalidRows.push(row[ROW_ID] as string);
      }
      if (verdict !== "invalid") duplicateRows.push(row[ROW_ID] as string);
    }
  }
  counts.members += rows.length;
  counts.toAdd += send.length;
  return { send, invalidRows, duplicateRows };
}
