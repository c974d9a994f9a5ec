// A list Ferry holds nothing of yet (first export, or a list Iterable lost) is planned in chunks
// of members in profile-id order, and each chunk's subscribes go to the send pipeline while the
// next chunk is planned: the first batch leaves once a few thousand members are planned instead
// of a million, and planning (PostgreSQL) overlaps sending (Iterable). At a rate limit the run
// then takes what the limit dictates.
// The rows are derived exactly as by the full rebuild (snapshot.ts). `dup` keeps the lowest
// profile id of an email: in profile-id order that is "seen before", judged in Node with a set
// of the list's emails as each chunk streams out for validation (about 40 bytes per distinct
// email while the list is planned, string-set.ts; probing and growing an index in SQL cost several times
// more PostgreSQL time than planning the chunk itself). With nothing acknowledged at the start, and a run that
// only acknowledges what it sends and never sends an email twice, every planned row is new and
// nothing is to be unsubscribed: no diff against the acknowledged state, and no guardrail (it
// needs acknowledged members to protect).
// The snapshot and plan state are written in ONE transaction on the run's session, committed
// once the whole list is planned; a crash or stop before that leaves them as they were, and the
// next run (with acknowledged rows by then) plans the whole list the usual way.
import type { BoundList } from "./list-bindings";
import { BatchQueue } from "./batch-queue";
import { runBatchPipeline } from "./batch-pipeline";
import { copyChunkVerdicts } from "./email-check";
import type { ListPlanRaw } from "./planner";
import { sendSubscribeBatch, subscribeColumns, type SendContext } from "./send-list";
import { CompactStringSet } from "./string-set";
import { analyzeSnapshots, clearSnapshot, insertMembers, resetPlanState, settingsKey, type PlanList, type PlanSettings } from "./snapshot";

// Small first chunks get the first batches out fast; then larger ones, fewer round trips. Each
// chunk only 1.5 × the last: planning the next must take less time than sending this one.
const FIRST_CHUNK = 1_000;
const CHUNK_GROWTH = 1.5;
const MAX_CHUNK = 50_000;
// Batches planned but not yet sent: bounds the worker's memory when planning outruns Iterable.
const QUEUED_BATCHES = 50;
const MIN_ID = "-9223372036854775808";

export type StreamContext = SendContext & { settings: PlanSettings; onChunk?: (counts: ListPlanRaw) => Promise<void> };
/** `planMs`: planning the chunks; `waitedMs`: time the sender had nothing planned to send. */
export type StreamResult = { stopped: boolean; counts: ListPlanRaw | null; planMs: number; waitedMs: number };

export async function streamFill(ctx: StreamContext, list: BoundList, plan: PlanList): Promise<StreamResult> {
  const { session } = ctx;
  const queue = new BatchQueue<unknown[][]>(QUEUED_BATCHES);
  await session.query("BEGIN");
  const started = Date.now();
  let planMs = 0;
  let waitedMs = 0;
  const producer = planInChunks(ctx, plan, queue).then(
    (counts) => {
      planMs = Date.now() - started;
      queue.close();
      return counts;
    },
    (error: unknown) => {
      queue.fail(error);
      throw error;
    },
  );
  producer.catch(() => {}); // observed below; the pipeline sees the failure through the queue
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
      process: (rows) => sendSubscribeBatch(ctx, list, rows),
    });
    queue.abandon();
    const counts = await producer;
    // Planned to the end (even if sending stopped): the snapshot is whole and is kept.
    await session.query(counts ? "COMMIT" : "ROLLBACK");
    return { stopped: sent.stopped, counts, planMs, waitedMs };
  } catch (error) {
    queue.abandon();
    await producer.catch(() => null);
    await session.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

/** Plans the list chunk by chunk into the queue; null when the consumer stopped first. */
async function planInChunks(ctx: StreamContext, plan: PlanList, queue: BatchQueue<unknown[][]>): Promise<ListPlanRaw | null> {
  const { session } = ctx;
  await session.query("DROP TABLE IF EXISTS ferry_chunk, ferry_fill");
  await session.query("CREATE TEMP TABLE ferry_chunk (LIKE export_list_snapshots)");
  await session.query("CREATE TEMP TABLE ferry_fill (LIKE export_list_snapshots)");
  const counts: ListPlanRaw = { members: 0, missingEmails: 0, invalidEmails: 0, uniqueEmails: 0, toAdd: 0, toUpdate: 0, toRemove: 0, acknowledgedBefore: 0 };
  // The list's emails planned so far (each once): what makes a later holder a duplicate.
  const seen = new CompactStringSet();
  let after = MIN_ID;
  // Whole batches per chunk (but the last): a partial batch is a request of its own.
  const whole = (rows: number) => Math.max(1, Math.ceil(rows / ctx.batchSize)) * ctx.batchSize;
  for (let size = whole(FIRST_CHUNK); ; size = whole(Math.min(MAX_CHUNK, size * CHUNK_GROWTH))) {
    const chunk = await planChunk(ctx, plan, after, size, seen, counts);
    for (let start = 0; start < chunk.rows.length; start += ctx.batchSize) {
      if (!(await queue.put(chunk.rows.slice(start, start + ctx.batchSize)))) return null;
    }
    await session.query("INSERT INTO ferry_fill SELECT * FROM ferry_chunk");
    await ctx.onChunk?.(counts);
    if (chunk.lastId === null || chunk.members < size) break;
    after = chunk.lastId;
  }
  // The new snapshot replaces the old one at the end, while the last batches are sent: removing
  // the old one is a pass over every list's snapshot rows, which the first batches should not
  // wait for.
  await clearSnapshot(session, plan.exportListId);
  await resetPlanState(session, plan.exportListId, settingsKey(ctx.settings, plan.mirror));
  await session.query("INSERT INTO export_list_snapshots SELECT * FROM ferry_fill");
  await session.query("DROP TABLE ferry_fill");
  await analyzeSnapshots(session);
  return counts;
}

/** Derives the next `size` members after profile id `after` into ferry_chunk; answers the rows to send. */
async function planChunk(ctx: StreamContext, plan: PlanList, after: string, size: number, seen: CompactStringSet, counts: ListPlanRaw) {
  const { session } = ctx;
  await session.query("TRUNCATE ferry_chunk");
  const insert = insertMembers(
    ctx.settings,
    plan,
    (n) => `(SELECT segment_id, profile_id FROM segment_members WHERE segment_id = $2::uuid AND profile_id > $${n}::bigint
             ORDER BY profile_id LIMIT $${n + 1}) sm`,
    // The same bound on profiles: PostgreSQL then reads both primary keys in step from there
    // (a merge join), instead of from the first profile for every chunk.
    { into: "ferry_chunk", fromParams: [after, size], profiles: (n) => `p.id > $${n}::bigint` },
  );
  const members = (await session.query(insert.sql, insert.params)).rowCount ?? 0;
  // Validity and duplicates are judged in Node as the chunk streams out (email-check.ts).
  const verdicts = await copyChunkVerdicts(session, "SELECT profile_id, email FROM ferry_chunk ORDER BY profile_id", seen);
  if (verdicts.invalid.length > 0) await session.query("UPDATE ferry_chunk SET valid = false WHERE email = ANY($1::text[])", [verdicts.invalid]);
  if (verdicts.duplicateIds.length > 0) await session.query("UPDATE ferry_chunk SET dup = true WHERE profile_id = ANY($1::bigint[])", [verdicts.duplicateIds]);
  // A resumed run does not resend rows Iterable already refused for good in this run.
  const send = await session.query<unknown[]>({
    text: `SELECT ${subscribeColumns("true")} FROM ferry_chunk c
           WHERE c.email <> '' AND c.valid AND NOT c.dup
             AND NOT EXISTS (SELECT 1 FROM export_run_rejections r WHERE r.run_id = $1::uuid
               AND r.export_list_id = $2::uuid AND r.email = c.email AND r.operation = 'subscribe')`,
    values: [ctx.runId, plan.exportListId],
    rowMode: "array",
  });
  const tally = (
    await session.query<Record<string, string>>(
      `SELECT count(*) FILTER (WHERE email = '') AS missing, count(*) FILTER (WHERE email <> '' AND NOT valid) AS invalid,
              count(*) FILTER (WHERE email <> '' AND valid AND NOT dup) AS "unique"
       FROM ferry_chunk`,
    )
  ).rows[0]!;
  counts.members += members;
  counts.missingEmails += Number(tally.missing);
  counts.invalidEmails += Number(tally.invalid);
  counts.uniqueEmails += Number(tally.unique);
  counts.toAdd += send.rows.length;
  return { rows: send.rows, members, lastId: verdicts.lastId };
}
