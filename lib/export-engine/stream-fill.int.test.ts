// A list with nothing acknowledged is planned in chunks while it is sent (stream-fill.ts). Its
// outcome must be exactly the one-piece plan's: the same counts, the same snapshot (so later
// incremental runs start from the truth), the lowest profile id's data for a shared email even
// when its holders sit in different chunks, and Iterable's list equal to the segment's valid,
// de-duplicated emails.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { isValidEmail, normalizeEmail } from "@/lib/iterable";
import { resetDatabase } from "@/lib/testing/database";
import { dryRun } from "./dry-run";
import { openSession } from "./engine-db";
import type { DataFieldMapping } from "./plan-math";
import { planLists } from "./planner";
import { requestRun, waitForRun } from "./runs";
import { addProfiles, createSegment, newExport, startEngineFixture, type EngineFixture } from "./testing/engine-fixture";

let fx: EngineFixture;

type SnapshotRow = { profile_id: bigint; email: string; valid: boolean; dup: boolean; data: string | null; data_hash: string };

const snapshotRows = (session: { query: (sql: string, values: unknown[]) => Promise<{ rows: SnapshotRow[] }> }, exportListId: string) =>
  session
    .query("SELECT profile_id, email, valid, dup, data, data_hash FROM export_list_snapshots WHERE export_list_id = $1::uuid ORDER BY profile_id", [exportListId])
    .then((result) => result.rows);

describe("a first fill planned while it is sent", () => {
  beforeAll(async () => {
    await resetDatabase();
    fx = await startEngineFixture();
  });
  afterAll(async () => fx.stop());

  it("equals the one-piece plan across chunk boundaries", { timeout: 120_000 }, async () => {
    // 9,000 members: chunks of 2,000, 4,000 and the rest. Emails shared by members far apart (so
    // in different chunks; invalid ones too), invalid, missing, padded and upper case.
    const count = 9_000;
    const emailOf = (i: number) =>
      i % 11 === 0 ? `shared${i % 5}@example.org` : i % 29 === 0 ? ` BadShared${i % 3}@ ` : i % 13 === 0 ? `bad${i}@` : i % 17 === 0 ? "" : i % 19 === 0 ? ` P${i}@Example.COM ` : `p${i}@example.com`;
    const ids = await addProfiles(Array.from({ length: count }, (_, i) => ({ email: emailOf(i), tier: `tier-${i}` })));
    const segmentId = await createSegment("Chunked first fill", ids);
    const dataFields: DataFieldMapping[] = [{ attribute: "tier", field: "tier" }];
    const exp = await newExport(fx, [segmentId], { dataFields });
    const exportList = await db().exportList.findFirstOrThrow({ where: { exportId: exp.id } });

    // The one-piece plan (a dry run rebuilds the snapshot whole, then rolls back).
    const [scratch] = (await dryRun(exp.id)).lists;
    expect(scratch!.duplicates).toBeGreaterThan(800);
    expect(scratch!.invalidEmails).toBeGreaterThan(600);

    const { run: requested } = await requestRun(exp.id, { trigger: "MANUAL", actor: null });
    const run = await waitForRun(requested.id, { timeoutMs: 60_000, pollMs: 50 });
    expect(run.status).toBe("SUCCEEDED");
    expect(run.lists[0]).toMatchObject({
      members: scratch!.members, validEmails: scratch!.validEmails, missingEmails: scratch!.missingEmails, invalidEmails: scratch!.invalidEmails,
      duplicates: scratch!.duplicates, toAdd: scratch!.toAdd, added: scratch!.toAdd, toUpdate: 0, toRemove: 0, unchanged: 0,
    });
    expect(run.rowsPlanned).toBe(scratch!.toAdd);
    expect(run.rowsDone).toBe(scratch!.toAdd);

    const expected = new Set<string>();
    for (let i = 0; i < count; i += 1) {
      const email = normalizeEmail(emailOf(i));
      if (email && isValidEmail(email)) expected.add(email);
    }
    const listId = (await db().exportList.findFirstOrThrow({ where: { id: exportList.id } })).iterableListId!;
    expect(fx.sandbox.control.members(listId)).toEqual([...expected].sort());
    // A shared email carries its lowest profile id's data (members 0, 55, 110, … share these).
    for (let k = 0; k < 5; k += 1) {
      const first = Array.from({ length: count }, (_, i) => i).find((i) => i % 11 === 0 && i % 5 === k)!;
      expect(fx.sandbox.control.user(fx.project, `shared${k}@example.org`)).toMatchObject({ tier: `tier-${first}` });
    }

    // The snapshot the chunks left equals the one a whole rebuild makes.
    const session = await openSession();
    try {
      const chunked = await snapshotRows(session, exportList.id);
      await session.query("BEGIN");
      await session.query("DELETE FROM export_list_plan_states WHERE export_list_id = $1::uuid", [exportList.id]);
      const bindings = [{ exportListId: exportList.id, segmentId, mirror: true }];
      const replanned = await planLists(session, { lists: bindings, emailAttribute: "email", dataFields, runId: null });
      expect(replanned.get(exportList.id)).toMatchObject({ toAdd: 0, toUpdate: 0, toRemove: 0 });
      const rebuilt = await snapshotRows(session, exportList.id);
      await session.query("ROLLBACK");
      expect(chunked).toHaveLength(count);
      expect(chunked).toEqual(rebuilt);
    } finally {
      await session.end();
    }

    // And the list is in sync: the next run sends nothing.
    fx.sandbox.control.resetStats();
    const { run: again } = await requestRun(exp.id, { trigger: "MANUAL", actor: null });
    const second = await waitForRun(again.id, { timeoutMs: 30_000, pollMs: 50 });
    expect(second.lists[0]).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: scratch!.toAdd });
    expect(fx.sandbox.control.stats().subscribedRows).toBe(0);
  });
});
