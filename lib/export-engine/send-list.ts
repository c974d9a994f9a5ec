// Sends one list's plan: subscribes (joiners and changed data), then unsubscribes (leavers),
// streamed from the plan tables with a cursor, `concurrency` batches in flight, each batch's
// answer committed on its own. If Iterable says the list is gone, it is created again and the
// whole membership is sent (iterable-api.md, 8).
import type pg from "pg";
import { IterableListNotFoundError, type IterableClient, type ListNotReadyRetry } from "@/lib/iterable";
import { runBatchPipeline } from "./batch-pipeline";
import { commitBatch, subscribeOutcome, unsubscribeOutcome, type AcknowledgedInto, type SubscribeColumns, type UnsubscribeRow } from "./batch-commit";
import { recreateList, type BoundList } from "./list-bindings";
import { replanAsNewList } from "./planner";
import { inTransaction } from "./engine-db";
import { uuid } from "./snapshot";

export type SendContext = {
  session: pg.ClientBase;
  client: IterableClient;
  runId: string;
  batchSize: number;
  concurrency: number;
  listNotReady: ListNotReadyRetry;
  shouldStop: () => boolean;
  onBatch?: () => void;
  /** A first fill's own table for the acknowledged rows (ack-partitions.ts); the shared one otherwise. */
  acknowledgedInto?: AcknowledgedInto;
};

export async function sendList(ctx: SendContext, list: BoundList): Promise<{ stopped: boolean }> {
  let current = list;
  for (let recreated = 0; ; recreated += 1) {
    try {
      const subscribed = await sendPhase(ctx, current, "subscribe");
      if (subscribed.stopped) return subscribed;
      return await sendPhase(ctx, current, "unsubscribe");
    } catch (error) {
      // Once per run: a list that vanishes again right after being created is not chased forever.
      if (!(error instanceof IterableListNotFoundError) || recreated > 0) throw error;
      const iterableListId = await recreateList(ctx.client, ctx.runId, current.exportListId, current.listName, true);
      const planned = await replanAsNewList(ctx.session, current.exportListId, ctx.runId);
      await inTransaction(async (tx) => {
        await tx.query("UPDATE export_runs SET rows_planned = rows_done + $2 WHERE id = $1::uuid", [ctx.runId, planned]);
      });
      current = { ...current, iterableListId, fresh: true };
    }
  }
}

// Rows to subscribe come as arrays, in this column order: the email, its state (SubscribeColumns:
// the data hash, or for a first fill the snapshot row id), whether it is new, and `data`, the
// planned dataFields as jsonb text (what the data hash was computed from), sent as is: no row is
// parsed into an object and serialised again.
export const subscribeColumns = (state: string, isNew: string) => `email, ${state}, ${isNew}, data`;
/** One subscriber of a subscribe request, as JSON text. */
const subscriberJson = (email: string, data: string | null) =>
  data === null ? `{"email":${JSON.stringify(email)}}` : `{"email":${JSON.stringify(email)},"dataFields":${data}}`;
const SUBSCRIBE_COLUMNS = subscribeColumns("data_hash", "is_new");

/** A batch of subscribes as sent and committed: its columns and its subscribers' JSON, joined. */
export type SubscribeBatch = SubscribeColumns & { json: string };

/**
 * Builds a batch from rows in `subscribeColumns` order. A first fill builds its batches when it
 * queues them: what waits in the queue is then a few strings per row, not the rows' arrays.
 */
export function subscribeBatch(rows: readonly unknown[][]): SubscribeBatch {
  const emails = new Array<string>(rows.length);
  const states = new Array<string>(rows.length);
  const isNew = new Array<boolean>(rows.length);
  const json = new Array<string>(rows.length);
  rows.forEach((row, index) => {
    emails[index] = row[0] as string;
    states[index] = row[1] as string;
    isNew[index] = row[2] as boolean;
    json[index] = subscriberJson(row[0] as string, row[3] as string | null);
  });
  return { emails, states, isNew, json: json.join(",") };
}

/** Sends one batch of subscribes and commits Iterable's answer. */
export async function sendSubscribeBatch(ctx: SendContext, list: BoundList, batch: SubscribeBatch): Promise<void> {
  const answer = await ctx.client.subscribeSerialized(
    list.iterableListId,
    { emails: batch.emails, joined: batch.json },
    list.fresh ? { listNotReady: ctx.listNotReady } : {},
  );
  const target = { runId: ctx.runId, exportListId: list.exportListId, operation: "subscribe" as const, rowCount: batch.emails.length, into: ctx.acknowledgedInto };
  await commitBatch({ ...target, retries: Math.max(0, answer.attempts - 1) }, subscribeOutcome(batch, answer));
  ctx.onBatch?.();
}

async function sendPhase(ctx: SendContext, list: BoundList, operation: "subscribe" | "unsubscribe") {
  const { session } = ctx;
  const table = operation === "subscribe" ? "ferry_plan_sub" : "ferry_plan_unsub";
  const columns = operation === "subscribe" ? SUBSCRIBE_COLUMNS : "email";
  const listNotReady = list.fresh ? { listNotReady: ctx.listNotReady } : {};
  await session.query("BEGIN");
  try {
    // The id comes from our own uuid column; cursors take no bind parameters in DECLARE text.
    await session.query(`DECLARE ferry_send NO SCROLL CURSOR FOR SELECT ${columns} FROM ${table} WHERE export_list_id = '${uuid(list.exportListId)}'`);
    const result = await runBatchPipeline<unknown[][]>({
      concurrency: ctx.concurrency,
      shouldStop: ctx.shouldStop,
      nextBatch: async () => {
        const page = await session.query<unknown[]>({ text: `FETCH ${ctx.batchSize} FROM ferry_send`, rowMode: "array" });
        return page.rows.length ? page.rows : null;
      },
      process: async (rows) => {
        if (operation === "subscribe") return sendSubscribeBatch(ctx, list, subscribeBatch(rows));
        const batch: UnsubscribeRow[] = rows.map((r) => ({ email: r[0] as string }));
        // channelUnsubscribe:false is always sent explicitly by the client (iterable-api.md, 6).
        const answer = await ctx.client.unsubscribe(list.iterableListId, batch, listNotReady);
        const target = { runId: ctx.runId, exportListId: list.exportListId, operation, rowCount: rows.length };
        await commitBatch({ ...target, retries: Math.max(0, answer.attempts - 1) }, unsubscribeOutcome(batch, answer));
        ctx.onBatch?.();
      },
    });
    await session.query("CLOSE ferry_send");
    await session.query("COMMIT");
    return { stopped: result.stopped };
  } catch (error) {
    await session.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

