import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { resetDatabase } from "@/lib/testing/database";
import { requestRun, waitForRun } from "./runs";
import { addProfiles, createSegment, newExport, setMembers, startEngineFixture, type EngineFixture } from "./testing/engine-fixture";

let fx: EngineFixture;

async function runAndWait(exportId: string) {
  const { run } = await requestRun(exportId, { trigger: "MANUAL", actor: null });
  return waitForRun(run.id, { timeoutMs: 20_000, pollMs: 50 });
}

const listIdOf = async (exportId: string) => (await db().exportList.findFirstOrThrow({ where: { exportId } })).iterableListId!;

describe("export runs: mirror, add-only, diffs", () => {
  beforeAll(async () => {
    await resetDatabase();
    fx = await startEngineFixture();
  });
  afterAll(async () => fx.stop());
  beforeEach(() => fx.sandbox.control.resetStats());

  it("first run creates the list with the segment's exact name and subscribes every member; a second run sends nothing", async () => {
    const ids = await addProfiles(Array.from({ length: 2500 }, (_, i) => ({ email: `person${i}@example.com`, tier: i % 2 ? "gold" : "silver" })));
    const segmentId = await createSegment("VIP customers – ES", ids);
    const exp = await newExport(fx, [segmentId], { dataFields: [{ attribute: "tier", field: "loyaltyTier" }] });

    const first = await runAndWait(exp.id);
    expect(first.status).toBe("SUCCEEDED");
    expect(first.lists[0]).toMatchObject({ listName: "VIP customers – ES", members: 2500, validEmails: 2500, added: 2500, updated: 0, removed: 0, unchanged: 0, toAdd: 2500 });
    const listId = await listIdOf(exp.id);
    expect(fx.sandbox.control.lists(fx.project)).toEqual([expect.objectContaining({ id: listId, name: "VIP customers – ES", size: 2500 })]);
    expect(fx.sandbox.control.user(fx.project, "person1@example.com")).toMatchObject({ loyaltyTier: "gold" });
    expect(first.rowsDone).toBe(2500);

    fx.sandbox.control.resetStats();
    const second = await runAndWait(exp.id);
    expect(second.status).toBe("SUCCEEDED");
    expect(second.lists[0]).toMatchObject({ members: 2500, added: 0, updated: 0, removed: 0, unchanged: 2500 });
    const stats = fx.sandbox.control.stats();
    expect(stats.subscribedRows + stats.unsubscribedRows).toBe(0);
    expect(Object.keys(stats.requests).filter((endpoint) => endpoint !== "getLists")).toEqual([]);
  });

  it("sends joiners, leavers and changed data only; unsubscribes with channelUnsubscribe:false", async () => {
    const ids = await addProfiles(Array.from({ length: 100 }, (_, i) => ({ email: `m${i}@example.com`, city: "Madrid" })));
    const segmentId = await createSegment("Madrid", ids.slice(0, 80));
    const exp = await newExport(fx, [segmentId], { dataFields: [{ attribute: "city", field: "city" }] });
    expect((await runAndWait(exp.id)).lists[0]).toMatchObject({ added: 80 });

    // 10 leave, 20 join, 5 of those who stay change city.
    await setMembers(segmentId, ids.slice(10, 100));
    await db().$executeRaw`UPDATE profiles SET attributes = attributes || '{"city":"Sevilla"}' WHERE id = ANY(${ids.slice(10, 15)}::bigint[])`;
    fx.sandbox.control.resetStats();
    const run = await runAndWait(exp.id);
    expect(run.lists[0]).toMatchObject({ members: 90, added: 20, updated: 5, removed: 10, unchanged: 65, toAdd: 20, toUpdate: 5, toRemove: 10 });
    const stats = fx.sandbox.control.stats();
    expect(stats).toMatchObject({ subscribedRows: 25, unsubscribedRows: 10, resubscribes: 5, channelUnsubscribeTrue: 0, channelUnsubscribeMissing: 0 });
    const expected = Array.from({ length: 90 }, (_, i) => `m${i + 10}@example.com`).sort();
    expect(fx.sandbox.control.members(await listIdOf(exp.id))).toEqual(expected);
    expect(fx.sandbox.control.user(fx.project, "m12@example.com")).toMatchObject({ city: "Sevilla" });
  });

  it("add-only never removes", async () => {
    const ids = await addProfiles(Array.from({ length: 30 }, (_, i) => ({ email: `a${i}@example.com` })));
    const segmentId = await createSegment("Add only", ids.slice(0, 20));
    const exp = await newExport(fx, [segmentId], { mode: "ADD_ONLY" });
    await runAndWait(exp.id);
    await setMembers(segmentId, ids.slice(10, 30));
    const run = await runAndWait(exp.id);
    expect(run.lists[0]).toMatchObject({ added: 10, removed: 0, toRemove: 0 });
    expect(fx.sandbox.control.members(await listIdOf(exp.id))).toHaveLength(30);
  });

  it("normalises, validates and de-duplicates emails before sending", async () => {
    const ids = await addProfiles([
      { email: "  Mixed.Case@Example.COM " },
      { email: "mixed.case@example.com" }, // duplicate once normalised
      { email: "" },
      {},
      { email: "not-an-email" },
      { email: "someone@example.notatld" },
      { email: "fine@example.org" },
    ]);
    const segmentId = await createSegment("Messy emails", ids);
    const exp = await newExport(fx, [segmentId]);
    const run = await runAndWait(exp.id);
    expect(run.lists[0]).toMatchObject({ members: 7, missingEmails: 2, invalidEmails: 2, validEmails: 3, duplicates: 1, added: 2 });
    expect(fx.sandbox.control.members(await listIdOf(exp.id))).toEqual(["fine@example.org", "mixed.case@example.com"]);
    expect(fx.sandbox.control.stats()).toMatchObject({ duplicateEmailsInRequest: 0 });
  });

  it("runs one list per segment", async () => {
    const ids = await addProfiles(Array.from({ length: 10 }, (_, i) => ({ email: `two${i}@example.com` })));
    const a = await createSegment("Segment A", ids.slice(0, 6));
    const b = await createSegment("Segment B", ids.slice(4, 10));
    const exp = await newExport(fx, [a, b]);
    const run = await runAndWait(exp.id);
    expect(run.lists.map((l) => [l.listName, l.added])).toEqual([["Segment A", 6], ["Segment B", 6]]);
  });
});
