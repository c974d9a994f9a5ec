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
// The snapshot and plan state are written in ONE transaction on the run's session, committed
// once the whole list is planned; a crash or stop before that leaves them as they were, and the
// next run (with acknowledged rows by then) plans the whole list the usual way.
import { openFill, settleFill } from "./ack-partitions";
import type { BoundList } from "./list-bindings";
import { BatchQueue } from "./batch-queue";
import { runBatchPipeline } from "./batch-pipeline";
import { FillJudge } from "./email-check";
import type { ListPlanRaw } from "./planner";
import { inIdOrder } from "./plan-math";
import { sendSubscribeBatch, subscribeColumns, type SendContext } from "./send-list";
import { insertMembers } from "./member-sql";
import { analyzeSnapshots, clearSnapshot, resetPlanState, settingsKey, type PlanList, type PlanSettings } from "./snapshot";

// Small first chunks get the first batches out fast; then larger ones, fewer round trips. Each
// chunk only 1.5 × the last: planning the next must take less time than sending this one.
const FIRST_CHUNK = 1_000;
const CHUNK_GROWTH = 1.5;
const MAX_CHUNK = 25_000;
// Batches planned but not yet sent: bounds the worker's memory when planning outruns Iterable.
const QUEUED_BATCHES = 50;
const MIN_ID = "-9223372036854775808";

/** A promise started now and awaited later: its rejection is not "unhandled" meanwhile. */
function observed<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

export type StreamContext = SendContext & { settings: PlanSettings; onChunk?: (counts: ListPlanRaw) => Promise<void> };
/** `planMs`: planning the chunks; `waitedMs`: time the sender had nothing planned to send. */
export type StreamResult = { stopped: boolean; counts: ListPlanRaw | null; planMs: number; waitedMs: number };

export async function streamFill(ctx: StreamContext, list: BoundList, plan: PlanList): Promise<StreamResult> {
  const { session } = ctx;
  const queue = new BatchQueue<unknown[][]>(QUEUED_BATCHES);
  // The acknowledged rows go to the list's own table, attached once the list is planned (or when
  // the fill ends otherwise).
  const into = await openFill(list.exportListId);
  const settle = () => (into.appendOnly ? settleFill(list.exportListId) : Promise.resolve());
  let settling: Promise<void> | undefined;
  await session.query("BEGIN");
  const started = Date.now();
  let planMs = 0;
  let waitedMs = 0;
  const planned = () => {
    planMs = Date.now() - started;
    queue.close();
    // Planned whole: every batch left is queued. The key is built now, while they are sent
    // (their commits wait for it, then append to the keyed table; the fill never writes an
    // email twice), and while the old snapshot goes, instead of after the last one.
    settling = observed(settle());
  };
  const producer = planInChunks(ctx, plan, queue, planned).catch((error: unknown) => {
    queue.fail(error);
    throw error;
  });
  observed(producer); // the pipeline sees a failure through the queue; awaited below
  try {
    const sent = await runBatchPipeline<unknown[][]>({
      concurrency: ctx.concurrency,
      shouldStop: ctx.shouldStop,
      nextBatch: async () => {
        const asked = Date.now();
        const batch = await queue.take();
        waitedMs += Date.now() - asked;
        return batch;
      },
      process: (rows) => sendSubscribeBatch({ ...ctx, acknowledgedInto: into }, list, rows),
    });
    queue.abandon();
    const counts = await producer;
    // Planned to the end (even if sending stopped): the snapshot is whole and is kept.
    await session.query(counts ? "COMMIT" : "ROLLBACK");
    await (settling ?? settle());
    return { stopped: sent.stopped, counts, planMs, waitedMs };
  } catch (error) {
    queue.abandon();
    await producer.catch(() => null);
    await session.query("ROLLBACK").catch(() => {});
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
  queue: BatchQueue<unknown[][]>,
  planned: () => void,
): Promise<ListPlanRaw | null> {
  const { session } = ctx;
  // A snapshot is only ever written with its list's plan state, in one transaction: without a
  // plan state the list has no snapshot rows to remove at the end (a scan of the whole table).
  const hadSnapshot =
    (await session.query("SELECT 1 FROM export_list_plan_states WHERE export_list_id = $1::uuid", [plan.exportListId])).rows.length > 0;
  await resetPlanState(session, plan.exportListId, settingsKey(ctx.settings, plan.mirror));
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
  let size = whole(FIRST_CHUNK);
  let derived = observed(deriveChunk(ctx, plan, { after: MIN_ID, size, refusedBefore }));
  let marking: Promise<unknown> = Promise.resolve();
  for (;;) {
    const rows = await derived;
    const lastId = rows.length ? (rows[rows.length - 1]![PROFILE_ID] as string) : null;
    const more = lastId !== null && rows.length === size;
    const nextSize = whole(Math.min(MAX_CHUNK, size * CHUNK_GROWTH));
    // PostgreSQL derives the next chunk while this one is judged and queued here (the session
    // runs its statements in the order they were sent).
    if (more) derived = observed(deriveChunk(ctx, plan, { after: lastId, size: nextSize, refusedBefore }));
    const chunk = judgeChunk(rows, judge, counts);
    if (chunk.invalidRows.length + chunk.duplicateRows.length > 0) {
      await marking;
      // One statement (a row may be both): an update moves a row, its old id would find nothing.
      marking = observed(
        session.query(
          `UPDATE export_list_snapshots SET valid = NOT (ctid = ANY($1::tid[])), dup = (ctid = ANY($2::tid[]))
           WHERE ctid = ANY($1::tid[] || $2::tid[])`,
          [chunk.invalidRows, chunk.duplicateRows],
        ),
      );
    }
    for (let start = 0; start < chunk.send.length; start += ctx.batchSize) {
      if (!(await queue.put(chunk.send.slice(start, start + ctx.batchSize)))) return null;
    }
    await ctx.onChunk?.(counts);
    if (!more) break;
    size = nextSize;
  }
  await marking;
  planned();
  // The chunks went straight into the list's snapshot (uncommitted: nobody else sees them); the
  // old snapshot goes now, while the last batches are sent, not before the first ones.
  if (hadSnapshot) await clearSnapshot(session, plan.exportListId, { keepOwnRows: true });
  await analyzeSnapshots(session);
  return counts;
}

// Columns a chunk's insert answers, per member: the subscribe columns first (a row to send is
// the answered row itself), then the snapshot row's id, the profile id, and (only when there
// are such rows) whether Iterable refused the email earlier in this run.
const ROW_ID = 4;
const PROFILE_ID = 5;
const REFUSED = 6;

/** Derives the next `size` members after profile id `after` into the list's snapshot; answers their rows. */
async function deriveChunk(ctx: StreamContext, plan: PlanList, bounds: { after: string; size: number; refusedBefore: boolean }) {
  const insert = insertMembers(
    ctx.settings,
    plan,
    (n) => `(SELECT segment_id, profile_id FROM segment_members WHERE segment_id = $2::uuid AND profile_id > $${n}::bigint
             ORDER BY profile_id LIMIT $${n + 1}) sm`,
    // The same bound on profiles: PostgreSQL then reads both primary keys in step from there
    // (a merge join), instead of from the first profile for every chunk.
    { fromParams: [bounds.after, bounds.size], profiles: (n) => `p.id > $${n}::bigint` },
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
  const { rows } = await ctx.session.query<unknown[]>({
    text: `${insert.sql} RETURNING ${subscribeColumns("true")}, ctid, profile_id${refused}`,
    values: params,
    rowMode: "array",
  });
  return inIdOrder(rows, PROFILE_ID);
}

/**
 * Judges a chunk's rows in Node, as they came back from their insert (one pass, no staging
 * table): the rows to send, and the snapshot rows to mark invalid or duplicate.
 */
function judgeChunk(rows: unknown[][], judge: FillJudge, counts: ListPlanRaw) {
  const send: unknown[][] = [];
  const invalidRows: string[] = [];
  const duplicateRows: string[] = [];
  for (const row of rows) {
    const refused = row[REFUSED] === true;
    const verdict = judge.judge(row[0] as string);
    if (verdict === "missing") counts.missingEmails += 1;
    else if (verdict === "unique") {
      counts.uniqueEmails += 1;
      // Sent as is: without the columns after the subscribe ones (freed while it waits to be sent).
      row.length = ROW_ID;
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
