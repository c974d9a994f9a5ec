// Records one batch's answer: the acknowledged state of the list, the rows Iterable refused and
// the run's counters, in ONE statement (so one transaction). A crash before the commit loses the
// answer (the batch is resent on resume: at most the batches in flight); after it, nothing.
import type { BulkWriteResult, RowOutcome } from "@/lib/iterable";
import { textArrayLiteral } from "@/lib/db/bulk";
import { rowDisposition } from "@/lib/iterable";
import { enginePool } from "./engine-db";

/**
 * A batch of subscribes, column by column (one entry per row, in the order sent). `states`: what
 * each row's acknowledged state is made from: the data hash sent, or, for a first fill
 * (`AcknowledgedInto.fromSnapshot`), the id of the list's snapshot row it was sent from (its
 * email and data hash are copied from there: the worker neither reads the hash out nor sends
 * either back, ~11 bytes per row instead of ~65). Columns, not an object per row: batches wait
 * in a queue while they are sent, and a million small objects kept alive that long cost the
 * worker's garbage collector more than anything it does with them.
 */
export type SubscribeColumns = { emails: readonly string[]; states: readonly string[]; isNew: readonly boolean[] };
export type UnsubscribeRow = { email: string };

type Tally = {
  added: number;
  updated: number;
  removed: number;
  rejected: Record<Exclude<RowOutcome, "accepted">, number>;
  unconfirmed: number;
};

const emptyTally = (): Tally => ({
  added: 0,
  updated: 0,
  removed: 0,
  rejected: { invalid: 0, forgotten: 0, conflict: 0, invalidData: 0, notFound: 0 },
  unconfirmed: 0,
});

export type BatchOutcome = {
  /** Parallel columns: the emails acknowledged and their states (SubscribeColumns). */
  acknowledge: { emails: readonly string[]; states: readonly string[] };
  forget: string[];
  rejections: { email: string; reason: string }[];
  tally: Tally;
};

/**
 * Pure: what a subscribe answer means. When Iterable counted failures it did not name
 * (`unexplainedFailCount`), no row of the batch can be trusted as acknowledged: they stay
 * unrecorded (the next run resends them) and are counted as unconfirmed.
 */
export function subscribeOutcome(batch: SubscribeColumns, result: BulkWriteResult): BatchOutcome {
  const tally = emptyTally();
  const { emails, states, isNew } = batch;
  const trusted = result.unexplainedFailCount === 0;
  // The usual answer: every row accepted and trusted; the batch's own columns are acknowledged.
  if (trusted && result.counts.accepted === emails.length) {
    for (const fresh of isNew) {
      if (fresh) tally.added += 1;
      else tally.updated += 1;
    }
    return { acknowledge: { emails, states }, forget: [], rejections: [], tally };
  }
  const acknowledged = { emails: [] as string[], states: [] as string[] };
  const rejections: BatchOutcome["rejections"] = [];
  emails.forEach((email, index) => {
    const outcome = result.rows[index]?.outcome ?? "accepted";
    if (rowDisposition("subscribe", outcome) === "rejected") {
      tally.rejected[outcome as Exclude<RowOutcome, "accepted">] += 1;
      rejections.push({ email, reason: outcome });
    } else if (!trusted) {
      tally.unconfirmed += 1;
    } else {
      acknowledged.emails.push(email);
      acknowledged.states.push(states[index]!);
      if (isNew[index]) tally.added += 1;
      else tally.updated += 1;
    }
  });
  return { acknowledge: acknowledged, forget: [], rejections, tally };
}

/**
 * Pure: what an unsubscribe answer means. notFound = already off the list (done). A forgotten
 * (GDPR) person no longer exists at Iterable, so they are off the list too, but the refusal is
 * kept for the download. Other refusals leave the row acknowledged: the next run tries again.
 */
export function unsubscribeOutcome(rows: UnsubscribeRow[], result: BulkWriteResult): BatchOutcome {
  const tally = emptyTally();
  const forget: string[] = [];
  const rejections: BatchOutcome["rejections"] = [];
  const trusted = result.unexplainedFailCount === 0;
  rows.forEach((row, index) => {
    const outcome = result.rows[index]?.outcome ?? "accepted";
    if (rowDisposition("unsubscribe", outcome) === "done") {
      if (outcome === "accepted" && !trusted) {
        tally.unconfirmed += 1;
        return;
      }
      forget.push(row.email);
      tally.removed += 1;
      return;
    }
    tally.rejected[outcome as Exclude<RowOutcome, "accepted">] += 1;
    rejections.push({ email: row.email, reason: outcome });
    if (outcome === "forgotten") forget.push(row.email);
  });
  return { acknowledge: { emails: [], states: [] }, forget, rejections, tally };
}

/**
 * Where acknowledged rows go: the shared table (upserts), or a first fill's own table with no
 * index (ack-partitions.ts: appends, subscribes only). `fromSnapshot`: the rows' `state` is their
 * snapshot row id (a first fill's rows, committed chunk by chunk and not changed while it runs).
 */
export type AcknowledgedInto = { table: string; appendOnly: boolean; fromSnapshot?: boolean };
const SHARED: AcknowledgedInto = { table: "export_list_members", appendOnly: false };

export async function commitBatch(
  target: { runId: string; exportListId: string; operation: "subscribe" | "unsubscribe"; rowCount: number; retries?: number; into?: AcknowledgedInto },
  outcome: BatchOutcome,
): Promise<void> {
  const { runId, exportListId } = target;
  const t = outcome.tally;
  const { table, appendOnly, fromSnapshot } = target.into ?? SHARED;
  if (appendOnly && outcome.forget.length > 0) throw new Error("an append-only fill forgets nothing");
  // ONE statement (data-modifying CTEs): atomic by itself, so the acknowledged state, the
  // refusals and the counters still commit together, in one round trip instead of seven.
  // Empty arrays make the INSERT/DELETE parts no-ops. (A batch is one operation: it never both
  // acknowledges and forgets, so the two parts never touch the same row.)
  // Order matters: the two counter rows are shared by every batch in flight, and a row lock is
  // held until COMMIT. Each UPDATE's condition reads the row counts of the parts it must follow,
  // which runs them to completion first; so the counter rows are locked only for the two small
  // updates and the commit, not while a thousand rows are inserted. (Left to itself, PostgreSQL
  // runs the main UPDATE first and the unreferenced parts after it, under its lock.)
  // From the snapshot: every row id must find its row of the list ($4 rows); if one did not, the
  // statement fails (a cast of the message) rather than acknowledge less than Iterable holds.
  const rows = fromSnapshot
    ? `SELECT $1::uuid, s.email, s.data_hash FROM export_list_snapshots s WHERE s.ctid = ANY($3::tid[]) AND s.export_list_id = $1::uuid`
    : "SELECT $1::uuid, e, h FROM unnest($3::text[], $4::text[]) AS x(e, h)";
  const complete = fromSnapshot
    ? `AND (SELECT CASE WHEN count(*) = $4::int THEN 0 ELSE ('acknowledged rows missing from the snapshot: ' || count(*) || ' of ' || $4)::int END FROM acknowledged) = 0`
    : "";
  const text = `WITH acknowledged AS (
       INSERT INTO ${table} (export_list_id, email, data_hash)
       ${rows}
       ${appendOnly ? "" : "ON CONFLICT (export_list_id, email) DO UPDATE SET data_hash = EXCLUDED.data_hash"}
       RETURNING 1),
     forgotten AS (
       ${appendOnly ? "SELECT 1 FROM unnest($5::text[]) WHERE false" : "DELETE FROM export_list_members WHERE export_list_id = $1::uuid AND email = ANY($5::text[]) RETURNING 1"}),
     refused AS (
       INSERT INTO export_run_rejections (run_id, export_list_id, operation, email, reason)
       SELECT $2::uuid, $1::uuid, $6, e, r FROM unnest($7::text[], $8::text[]) AS x(e, r)
       RETURNING 1),
     counted AS (
       UPDATE export_run_lists SET added = added + $9, updated = updated + $10, removed = removed + $11,
         rejected_invalid = rejected_invalid + $12, rejected_forgotten = rejected_forgotten + $13,
         rejected_conflict = rejected_conflict + $14, rejected_invalid_data = rejected_invalid_data + $15,
         rejected_not_found = rejected_not_found + $16, unconfirmed = unconfirmed + $17
       WHERE run_id = $2::uuid AND export_list_id = $1::uuid
         AND (SELECT count(*) FROM acknowledged) + (SELECT count(*) FROM forgotten) + (SELECT count(*) FROM refused) >= 0 ${complete}
       RETURNING 1)
     UPDATE export_runs SET rows_done = rows_done + $18, retries = retries + $19 WHERE id = $2::uuid AND (SELECT count(*) FROM counted) >= 0`;
  // Prepared once per connection and text (a name per text): a thousand commits per million
  // members, each parsed and planned again cost PostgreSQL ~0.8 ms of the ~5 ms a commit takes.
  await enginePool().query({
    name: statementName(text),
    text,
    values: [
      exportListId, runId,
      // Arrays as literals (textArrayLiteral): node-postgres' per-element escaping was ~1.6 s of a 1M export's worker CPU.
      ...(fromSnapshot
        ? [textArrayLiteral(outcome.acknowledge.states), outcome.acknowledge.states.length]
        : [textArrayLiteral(outcome.acknowledge.emails), textArrayLiteral(outcome.acknowledge.states)]),
      textArrayLiteral(outcome.forget),
      target.operation, textArrayLiteral(outcome.rejections.map((r) => r.email)), textArrayLiteral(outcome.rejections.map((r) => r.reason)),
      t.added, t.updated, t.removed, t.rejected.invalid, t.rejected.forgotten, t.rejected.conflict, t.rejected.invalidData, t.rejected.notFound, t.unconfirmed,
      target.rowCount, target.retries ?? 0,
    ],
  });
}

// A name is never given to another text (node-postgres refuses that on a connection that
// prepared it). Each first fill has a table, so a text, of its own: the names are forgotten in a
// while, and the connections' prepared statements go with the connections (closed when idle).
const statementNames = new Map<string, string>();
let statementCount = 0;
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    if (statementNames.size >= 64) statementNames.clear();
    name = `ferry_commit_${(statementCount += 1)}`;
    statementNames.set(text, name);
  }
  return name;
}
