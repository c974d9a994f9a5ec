import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { saveStaticSegment } from "@/lib/segments/static-segments";
import { resetDatabase } from "@/lib/testing/database";
import { findExportById } from "./export-views";
import { requestRun, waitForRun } from "./runs";
import { addProfiles, newExport, startEngineFixture, type EngineFixture } from "./testing/engine-fixture";

let fx: EngineFixture;

async function runAndWait(exportId: string) {
  const { run } = await requestRun(exportId, { trigger: "MANUAL", actor: null });
  return waitForRun(run.id, { timeoutMs: 25_000, pollMs: 50 });
}

describe("a segment renamed after its Iterable list was created", () => {
  beforeAll(async () => {
    await resetDatabase();
    fx = await startEngineFixture();
  });
  afterAll(async () => fx.stop());

  it("keeps sending to the same list id, and the export shows both names", async () => {
    await addProfiles([{ email: "ana@example.com" }, { email: "luis@example.com" }, { email: "eva@example.com" }], "rename");
    const { id: segmentId } = await saveStaticSegment(null, { name: "Spring buyers", description: "", matchBy: "customer_id", list: "rename-1\nrename-2" });
    const exp = await newExport(fx, [segmentId]);
    const first = await runAndWait(exp.id);
    expect(first.status).toBe("SUCCEEDED");
    const listId = first.lists[0]!.iterableListId!;
    expect(fx.sandbox.control.lists(fx.project)).toEqual([expect.objectContaining({ id: listId, name: "Spring buyers", size: 2 })]);

    // Renamed, and one member more.
    await saveStaticSegment(null, { segmentId, name: "Spring and summer buyers", description: "", matchBy: "customer_id", list: "rename-1\nrename-2\nrename-3" });
    const second = await runAndWait(exp.id);
    expect(second.status).toBe("SUCCEEDED");
    expect(second.lists[0]).toMatchObject({ iterableListId: listId, listName: "Spring buyers", added: 1, unchanged: 2 });
    // No second list: the same one, under the name it was created with, got the new member.
    expect(fx.sandbox.control.lists(fx.project)).toEqual([expect.objectContaining({ id: listId, name: "Spring buyers", size: 3 })]);
    expect(fx.sandbox.control.members(listId)).toContain("eva@example.com");

    const shown = await findExportById(exp.id);
    expect(shown!.lists[0]).toMatchObject({ listName: "Spring buyers", iterableListId: listId, segment: { name: "Spring and summer buyers" } });
    expect(await db().exportList.count({ where: { exportId: exp.id } })).toBe(1);
  });
});
