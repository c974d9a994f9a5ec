// Incremental planning must give exactly what planning from scratch gives. Each round changes
// members and profiles in the ways that are hard for a diff of "what changed" (an email moving
// between members, the first holder of a shared email leaving, emails turning invalid and back,
// data changes, joiners taking a leaver's email); then the incremental dry run must equal a dry
// run from a rebuilt snapshot, and the real run must leave Iterable's list exactly equal to the
// segment's valid, de-duplicated emails.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { isValidEmail, normalizeEmail } from "@/lib/iterable";
import { resetDatabase } from "@/lib/testing/database";
import { dryRun } from "./dry-run";
import { requestRun, waitForRun } from "./runs";
import { addProfiles, createSegment, newExport, setMembers, startEngineFixture, type EngineFixture } from "./testing/engine-fixture";

let fx: EngineFixture;

async function runAndWait(exportId: string) {
  const { run } = await requestRun(exportId, { trigger: "MANUAL", actor: null });
  return waitForRun(run.id, { timeoutMs: 30_000, pollMs: 50 });
}

// A small deterministic generator (mulberry32): the same rounds on every run of the test.
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Valid, padded and upper case, shared, invalid, missing, unknown TLD; a tab and a backslash
// (escaped in COPY's text format: validation streams emails that way).
const EMAILS = (i: number) => [
  `p${i}@example.com`, ` P${i}@Example.COM `, `shared${i % 7}@example.org`, `bad${i}@`, "", `p${i}@example.notatld`,
  `x${i}@mail.example.net`, `tab\t${i}@example.com`, `"back\\slash${i}"@example.com`,
];

async function expectedMembers(segmentId: string): Promise<string[]> {
  const rows = await db().$queryRaw<{ email: string | null }[]>`
    SELECT p.attributes ->> 'email' AS email FROM segment_members sm JOIN profiles p ON p.id = sm.profile_id
    WHERE sm.segment_id = ${segmentId}::uuid ORDER BY p.id`;
  const emails = new Set<string>();
  for (const row of rows) {
    const email = normalizeEmail(row.email ?? "");
    if (email && isValidEmail(email)) emails.add(email);
  }
  return [...emails].sort();
}

const planState = async (exportListId: string) =>
  (await db().$queryRaw<{ in_sync: boolean }[]>`SELECT in_sync FROM export_list_plan_states WHERE export_list_id = ${exportListId}::uuid`)[0];

describe("incremental planning", () => {
  beforeAll(async () => {
    await resetDatabase();
    fx = await startEngineFixture();
  });
  afterAll(async () => fx.stop());

  it("plans exactly what a plan from scratch gives, round after round", { timeout: 120_000 }, async () => {
    const next = random(42);
    const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)] as T;
    const ids = await addProfiles(Array.from({ length: 400 }, (_, i) => ({ email: pick(EMAILS(i)), tier: pick(["gold", "silver"]) })));
    let members = ids.filter(() => next() < 0.7);
    const segmentId = await createSegment("Incremental", members);
    const exp = await newExport(fx, [segmentId], { dataFields: [{ attribute: "tier", field: "tier" }] });
    const exportList = await db().exportList.findFirstOrThrow({ where: { exportId: exp.id } });

    const first = await runAndWait(exp.id);
    expect(first.status).toBe("SUCCEEDED");
    expect(await planState(exportList.id)).toEqual({ in_sync: true });

    for (let round = 0; round < 4; round += 1) {
      // Members leave and join; some of those who stay get another email (often one another
      // member holds) or other data.
      const memberSet = new Set(members);
      members = ids.filter((id) => (memberSet.has(id) ? next() < 0.9 : next() < 0.15));
      await setMembers(segmentId, members);
      const touched = ids.filter(() => next() < 0.1);
      for (const id of touched) {
        const i = Number(id);
        const attributes = next() < 0.5 ? { email: pick(EMAILS(i)) } : { tier: pick(["gold", "silver", "bronze"]) };
        await db().$executeRaw`UPDATE profiles SET attributes = attributes || ${JSON.stringify(attributes)}::jsonb WHERE id = ${id}`;
      }
      // The first holder of a shared email leaves: the next one becomes the member sent.
      const shared = await db().$queryRaw<{ id: bigint }[]>`
        SELECT min(p.id) AS id FROM segment_members sm JOIN profiles p ON p.id = sm.profile_id
        WHERE sm.segment_id = ${segmentId}::uuid AND p.attributes ->> 'email' LIKE 'shared%' GROUP BY p.attributes ->> 'email' HAVING count(*) > 1 LIMIT 1`;
      if (shared[0]) {
        members = members.filter((id) => id !== shared[0]!.id);
        await setMembers(segmentId, members);
      }

      expect(await planState(exportList.id)).toEqual({ in_sync: true });
      const incremental = await dryRun(exp.id, { sampleSize: 1000 });
      // The dry run rolled its planning back: the list is still in sync for the real run.
      expect(await planState(exportList.id)).toEqual({ in_sync: true });
      const [saved] = await db().$queryRaw<{ settings_key: string; acknowledged: number }[]>`
        SELECT settings_key, acknowledged FROM export_list_plan_states WHERE export_list_id = ${exportList.id}::uuid`;
      await db().$executeRaw`DELETE FROM export_list_plan_states WHERE export_list_id = ${exportList.id}::uuid`;
      const scratch = await dryRun(exp.id, { sampleSize: 1000 });
      expect(incremental).toEqual(scratch);
      // Back to the state the last run left (the dry runs changed nothing): the real run plans
      // incrementally.
      await db().$executeRaw`INSERT INTO export_list_plan_states (export_list_id, settings_key, in_sync, acknowledged)
        VALUES (${exportList.id}::uuid, ${saved!.settings_key}, true, ${saved!.acknowledged})`;
      const run = await runAndWait(exp.id);
      expect(run.status).toBe("SUCCEEDED");
      const [list] = run.lists;
      const [plan] = scratch.lists;
      expect(list).toMatchObject({
        members: plan!.members, invalidEmails: plan!.invalidEmails, duplicates: plan!.duplicates, toAdd: plan!.toAdd,
        toUpdate: plan!.toUpdate, toRemove: plan!.toRemove, added: plan!.toAdd, updated: plan!.toUpdate, removed: plan!.toRemove,
      });
      expect(fx.sandbox.control.members(exportList.iterableListId ?? (await db().exportList.findFirstOrThrow({ where: { id: exportList.id } })).iterableListId!)).toEqual(
        await expectedMembers(segmentId),
      );
      expect(await planState(exportList.id)).toEqual({ in_sync: true });
    }
  });
});
