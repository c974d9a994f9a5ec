// A first fill's acknowledged rows go to a table of the list's own, attached as its partition of
// export_list_members when the fill ends or, after a crash, by the next run (ack-partitions.ts).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { resetDatabase } from "@/lib/testing/database";
import { dropUnattachedTableSql, listMembersTable, openFill, settleFill, settleFills } from "./ack-partitions";
import { commitBatch, subscribeOutcome } from "./batch-commit";
import { closeEnginePool, enginePool } from "./engine-db";
import { createSegment } from "./testing/engine-fixture";

type State = { relispartition: boolean; keys: number; autovacuum: boolean } | undefined;

async function tableState(exportListId: string): Promise<State> {
  const { rows } = await enginePool().query<{ relispartition: boolean; keys: string; options: string[] | null }>(
    `SELECT c.relispartition, (SELECT count(*) FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary) AS keys, c.reloptions AS options
     FROM pg_class c WHERE c.relname = $1`,
    [listMembersTable(exportListId)],
  );
  const row = rows[0];
  return row ? { relispartition: row.relispartition, keys: Number(row.keys), autovacuum: !(row.options ?? []).includes("autovacuum_enabled=false") } : undefined;
}

const acknowledged = async (exportListId: string) =>
  (
    await db().exportListMember.findMany({ where: { exportListId }, orderBy: { email: "asc" }, select: { email: true, dataHash: true } })
  ).map((row) => `${row.email}=${row.dataHash}`);

async function runWithList() {
  const name = `acks ${randomUUID().slice(0, 8)}`;
  const segmentId = await createSegment(name);
  const exp = await db().export.create({
    data: { name, emailAttribute: "email", lists: { create: [{ segmentId, listName: name }] } },
    include: { lists: true },
  });
  const exportListId = exp.lists[0]!.id;
  const run = await db().exportRun.create({ data: { exportId: exp.id, trigger: "MANUAL", status: "RUNNING" } });
  await db().exportRunList.create({ data: { runId: run.id, exportListId, listName: name } });
  return { runId: run.id, exportListId };
}

type Target = { runId: string; exportListId: string };
type Into = Awaited<ReturnType<typeof openFill>> & { fromSnapshot?: boolean };

/** Commits one subscribe batch, every row accepted; `rows`: [email, state] (a data hash, or a snapshot row id). */
async function commitAccepted(target: Target, into: Into, rows: [string, string][]) {
  const batch = { emails: rows.map(([email]) => email), states: rows.map(([, state]) => state), isNew: rows.map(() => true) };
  const answer = { rows: rows.map(() => ({ outcome: "accepted" as const })), counts: { accepted: rows.length }, unexplainedFailCount: 0, attempts: 1 };
  await commitBatch({ ...target, operation: "subscribe", rowCount: rows.length, into }, subscribeOutcome(batch, answer as never));
}

const hasStatistics = async (exportListId: string) =>
  ((await enginePool().query("SELECT 1 FROM pg_stats WHERE tablename = $1", [listMembersTable(exportListId)])).rowCount ?? 0) > 0;
const added = async (target: Target) => (await db().exportRunList.findFirstOrThrow({ where: { runId: target.runId } })).added;

describe("a list's own acknowledged table", () => {
  beforeAll(resetDatabase);
  afterAll(closeEnginePool);

  it("is written without a key during a fill, then keyed and attached", async () => {
    const target = await runWithList();
    const into = await openFill(target.exportListId);
    expect(into).toEqual({ table: listMembersTable(target.exportListId), appendOnly: true });
    expect(await tableState(target.exportListId)).toEqual({ relispartition: false, keys: 0, autovacuum: false });
    await commitAccepted(target, into, [["a@example.com", "h1"], ["b@example.com", "h1"]]);
    await commitAccepted(target, into, [["c@example.com", "h1"]]);
    // Not the list's acknowledged state until attached.
    expect(await acknowledged(target.exportListId)).toEqual([]);
    expect((await db().exportRunList.findFirstOrThrow({ where: { runId: target.runId } })).added).toBe(3);

    expect(await hasStatistics(target.exportListId)).toBe(false);
    await settleFill(target.exportListId);
    expect(await tableState(target.exportListId)).toEqual({ relispartition: true, keys: 1, autovacuum: true });
    expect(await hasStatistics(target.exportListId)).toBe(true);
    expect(await acknowledged(target.exportListId)).toEqual(["a@example.com=h1", "b@example.com=h1", "c@example.com=h1"]);
    // Attached: later fills of the list upsert through the shared table.
    expect(await openFill(target.exportListId)).toEqual({ table: "export_list_members", appendOnly: false });
    await settleFill(target.exportListId); // nothing left to do
    expect(await tableState(target.exportListId)).toEqual({ relispartition: true, keys: 1, autovacuum: true });
  });

  it("left unattached (a crash), is attached by the next run: an email written twice keeps its last row", async () => {
    const target = await runWithList();
    const into = await openFill(target.exportListId);
    await commitAccepted(target, into, [["a@example.com", "old"], ["b@example.com", "h"]]);
    await commitAccepted(target, into, [["a@example.com", "new"]]);
    // A row of the list in the default partition (written through the shared table meanwhile).
    await db().exportListMember.create({ data: { exportListId: target.exportListId, email: "d@example.com", dataHash: "h" } });
    await settleFills([target.exportListId, randomUUID()]);
    expect(await tableState(target.exportListId)).toEqual({ relispartition: true, keys: 1, autovacuum: true });
    expect(await acknowledged(target.exportListId)).toEqual(["a@example.com=new", "b@example.com=h", "d@example.com=h"]);
    const inDefault = await enginePool().query("SELECT 1 FROM export_list_members_default WHERE export_list_id = $1::uuid", [target.exportListId]);
    expect(inDefault.rowCount).toBe(0);
  });

  it("attached but not analysed yet (the worker stopped between the two), is analysed by the next run", async () => {
    const target = await runWithList();
    const into = await openFill(target.exportListId);
    await commitAccepted(target, into, [["a@example.com", "h"], ["b@example.com", "h"]]);
    const table = listMembersTable(target.exportListId);
    await enginePool().query(`ALTER TABLE ${table} ADD PRIMARY KEY (email, export_list_id)`);
    await enginePool().query(`ALTER TABLE export_list_members ATTACH PARTITION ${table} FOR VALUES IN ('${target.exportListId}')`);
    expect(await hasStatistics(target.exportListId)).toBe(false);
    await settleFills([target.exportListId]);
    expect(await hasStatistics(target.exportListId)).toBe(true);
    expect(await acknowledged(target.exportListId)).toEqual(["a@example.com=h", "b@example.com=h"]);
  });

  it("copies a fill's rows from its snapshot by row id, and commits nothing if a row id finds no row of the list", async () => {
    const target = await runWithList();
    const into = { ...(await openFill(target.exportListId)), fromSnapshot: true };
    const { rows } = await enginePool().query<{ id: string }>(
      `INSERT INTO export_list_snapshots (export_list_id, profile_id, version, fp, email, valid, dup, data, data_hash)
       SELECT $1::uuid, i, '1'::xid, 0, 'p' || i || '@example.com', true, false, NULL, 'h' || i FROM generate_series(1, 3) i
       RETURNING ctid::text AS id`,
      [target.exportListId],
    );
    const ids = rows.map((row) => row.id);
    await commitAccepted(target, into, [["p1@example.com", ids[0]!], ["p2@example.com", ids[1]!]]);
    await expect(commitAccepted(target, into, [["p3@example.com", ids[2]!], ["gone@example.com", "(999999,1)"]])).rejects.toThrow(
      /acknowledged rows missing from the snapshot: 1 of 2/,
    );
    expect(await added(target)).toBe(2);
    await settleFill(target.exportListId);
    expect(await acknowledged(target.exportListId)).toEqual(["p1@example.com=h1", "p2@example.com=h2"]);
  });

  it("is dropped when the list's acknowledged state is cleared before it was attached, and only then", async () => {
    const pending = await runWithList();
    await commitAccepted(pending, await openFill(pending.exportListId), [["a@example.com", "h"]]);
    await db().$executeRawUnsafe(dropUnattachedTableSql(pending.exportListId));
    expect(await tableState(pending.exportListId)).toBeUndefined();

    const attached = await runWithList();
    await commitAccepted(attached, await openFill(attached.exportListId), [["a@example.com", "h"]]);
    await settleFill(attached.exportListId);
    await db().$executeRawUnsafe(dropUnattachedTableSql(attached.exportListId));
    expect(await tableState(attached.exportListId)).toEqual({ relispartition: true, keys: 1, autovacuum: true });
    expect(await acknowledged(attached.exportListId)).toEqual(["a@example.com=h"]);
  });
});
