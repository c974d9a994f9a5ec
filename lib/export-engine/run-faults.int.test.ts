import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { resetDatabase } from "@/lib/testing/database";
import { getRun, rejectedRowsCsv, requestRun, waitForRun } from "./runs";
import { runErrorText } from "./run-errors";
import { acknowledgedEmails, addProfiles, createSegment, newExport, setMembers, startEngineFixture, type EngineFixture } from "./testing/engine-fixture";

let fx: EngineFixture;

async function runAndWait(exportId: string) {
  const { run } = await requestRun(exportId, { trigger: "MANUAL", actor: null });
  return waitForRun(run.id, { timeoutMs: 25_000, pollMs: 50 });
}
const listIdOf = async (exportId: string) => (await db().exportList.findFirstOrThrow({ where: { exportId } })).iterableListId!;

async function segmentOf(name: string, count: number, extra: (i: number) => Record<string, unknown> = () => ({})) {
  const ids = await addProfiles(Array.from({ length: count }, (_, i) => ({ email: `${name.toLowerCase().replace(/\W/g, "")}${i}@example.com`, ...extra(i) })));
  return { ids, segmentId: await createSegment(name, ids) };
}

describe("export runs against Iterable's failures", () => {
  beforeAll(async () => {
    await resetDatabase();
    fx = await startEngineFixture();
  });
  afterAll(async () => fx.stop());
  beforeEach(() => {
    fx.sandbox.control.reset();
    for (const key of Object.keys(fx.targetOverrides)) delete fx.targetOverrides[key as keyof typeof fx.targetOverrides];
  });

  it("gives every row Iterable refused its own outcome, keeps them per run and counts notFound unsubscribes as done", async () => {
    const { ids, segmentId } = await segmentOf("Outcomes", 10, (i) => ({ score: i }));
    const exp = await newExport(fx, [segmentId], { dataFields: [{ attribute: "score", field: "score" }] });
    fx.sandbox.control.forget(fx.project, ["outcomes1@example.com"]);
    fx.sandbox.control.markConflicts(fx.project, ["outcomes2@example.com"]);
    // invalidData: Iterable already stores `score` as a number for this person; we send text.
    await fx.client().bulkUpdateUsers([{ email: "outcomes3@example.com", dataFields: { score: 1 } }]);
    await db().$executeRaw`UPDATE profiles SET attributes = attributes || '{"score":"high"}' WHERE id = ${ids[3]}`;
    const first = await runAndWait(exp.id);
    expect(first.status).toBe("SUCCEEDED_WITH_WARNINGS");
    expect(first.lists[0]).toMatchObject({ added: 7, rejectedForgotten: 1, rejectedConflict: 1, rejectedInvalidData: 1 });
    let csv = "";
    for await (const chunk of rejectedRowsCsv(first.id)) csv += chunk;
    expect(csv.trim().split("\n").sort()).toEqual([
      "Outcomes,subscribe,outcomes1@example.com,forgotten",
      "Outcomes,subscribe,outcomes2@example.com,conflict",
      "Outcomes,subscribe,outcomes3@example.com,invalidData",
      "list,operation,email,reason",
    ]);

    // Two leavers; one of them was already taken off the list in Iterable: notFound = done.
    await fx.client().unsubscribe(await listIdOf(exp.id), [{ email: "outcomes9@example.com" }]);
    await setMembers(segmentId, ids.slice(0, 8));
    const second = await runAndWait(exp.id);
    expect(second.lists[0]).toMatchObject({ removed: 2, rejectedNotFound: 0 });
    expect(await acknowledgedEmails(exp.id)).toEqual(fx.sandbox.control.members(await listIdOf(exp.id)));
  });

  it("rides out 429 storms (with Retry-After), 5xx answers and timeouts without losing or repeating a row", async () => {
    fx.targetOverrides.batchSize = 100;
    fx.targetOverrides.timeoutMs = 400;
    const { segmentId } = await segmentOf("Storm", 1500);
    const exp = await newExport(fx, [segmentId]);
    fx.sandbox.control.setFaults({
      hangMs: 1_000,
      script: [
        { kind: "rateLimit", endpoint: "subscribe", retryAfter: "0", times: 3 },
        { kind: "status", endpoint: "subscribe", status: 503, times: 2 },
        { kind: "hang", endpoint: "subscribe", times: 2 },
        { kind: "rateLimit", endpoint: "subscribe", times: 1 },
        { kind: "status", endpoint: "subscribe", status: 502, times: 1 },
      ],
    });
    const run = await runAndWait(exp.id);
    expect(run.status).toBe("SUCCEEDED");
    expect(run.lists[0]).toMatchObject({ added: 1500 });
    const stats = fx.sandbox.control.stats();
    expect(stats.requests.subscribe).toMatchObject({ "429": 4, "503": 2, "502": 1, hang: 2 });
    // Every refused or timed-out attempt was retried, and the run's progress counted each.
    expect(run.retries).toBe(9);
    expect(stats.resubscribes).toBe(0);
    expect(fx.sandbox.control.members(await listIdOf(exp.id))).toHaveLength(1500);
  });

  it("fails with a clear message when Iterable keeps failing, keeping what was acknowledged", async () => {
    fx.targetOverrides.batchSize = 100;
    fx.targetOverrides.concurrency = 1;
    const { segmentId } = await segmentOf("Down", 500);
    const exp = await newExport(fx, [segmentId]);
    fx.sandbox.control.setFaults({ errorRate: 1, errorStatuses: [503], endpoints: ["subscribe"] });
    const run = await runAndWait(exp.id);
    expect(run).toMatchObject({ status: "FAILED", errorKey: "exports.run.error.serverError", errorParams: { status: 503, attempts: 5 } });
    expect(runErrorText(run)).toMatch(/kept answering HTTP 503 after 5 attempts/);
    expect(runErrorText(run, "es")).toMatch(/siguió respondiendo HTTP 503 tras 5 intentos/);
  });

  it("waits for a list that is not ready right after it was created", async () => {
    const { segmentId } = await segmentOf("Slow list", 300);
    const exp = await newExport(fx, [segmentId]);
    fx.sandbox.control.setFaults({ listNotReadyMs: 800 });
    const run = await runAndWait(exp.id);
    expect(run.status).toBe("SUCCEEDED");
    expect(fx.sandbox.control.stats().requests.subscribe?.["400"]).toBeGreaterThan(0);
    expect(fx.sandbox.control.members(await listIdOf(exp.id))).toHaveLength(300);
  });

  it("recreates a list deleted between runs and sends the whole membership again", async () => {
    const { segmentId } = await segmentOf("Deleted list", 250);
    const exp = await newExport(fx, [segmentId]);
    await runAndWait(exp.id);
    const oldId = await listIdOf(exp.id);
    await fx.client().deleteList(oldId);
    // Long enough ago that a list missing from GET /api/lists is really gone.
    await db().exportList.updateMany({ where: { exportId: exp.id }, data: { iterableListCreatedAt: new Date(Date.now() - 3_600_000) } });
    const run = await runAndWait(exp.id);
    expect(run.status).toBe("SUCCEEDED_WITH_WARNINGS");
    const newId = await listIdOf(exp.id);
    expect(newId).not.toBe(oldId);
    expect(run.lists[0]).toMatchObject({ listRecreated: true, added: 250, iterableListId: newId });
    expect(fx.sandbox.control.lists(fx.project)).toEqual([expect.objectContaining({ id: newId, name: "Deleted list", size: 250 })]);
  });

  it("recreates a list Iterable says is gone in the middle of sending", async () => {
    const { ids, segmentId } = await segmentOf("Vanishing", 40);
    const exp = await newExport(fx, [segmentId]);
    await setMembers(segmentId, ids.slice(0, 20));
    await runAndWait(exp.id);
    await fx.client().deleteList(await listIdOf(exp.id));
    fx.targetOverrides.listNotReady = { retries: 1, delayMs: 10 };
    await setMembers(segmentId, ids);
    const run = await runAndWait(exp.id);
    expect(run.lists[0]).toMatchObject({ listRecreated: true, added: 40 });
    expect(fx.sandbox.control.members(await listIdOf(exp.id))).toHaveLength(40);
  });

  it("fills a list found gone before the run again, over its earlier snapshot", async () => {
    const { ids, segmentId } = await segmentOf("Gone long ago", 40);
    const exp = await newExport(fx, [segmentId]);
    await setMembers(segmentId, ids.slice(0, 30));
    await runAndWait(exp.id);
    await fx.client().deleteList(await listIdOf(exp.id));
    // Created long ago: its absence from Iterable's lists means gone (not "not visible yet").
    await db().exportList.updateMany({ where: { exportId: exp.id }, data: { iterableListCreatedAt: new Date(Date.now() - 3_600_000) } });
    await setMembers(segmentId, ids.slice(10));
    const run = await runAndWait(exp.id);
    expect(run.lists[0]).toMatchObject({ listRecreated: true, added: 30 });
    expect(fx.sandbox.control.members(await listIdOf(exp.id))).toHaveLength(30);
    // Filled over the list's earlier snapshot: that one was replaced, row for row.
    const [snapshot] = await db().$queryRaw<{ rows: bigint; members: bigint }[]>`
      SELECT count(*) AS rows, count(DISTINCT profile_id) AS members FROM export_list_snapshots s
      JOIN export_lists l ON l.id = s.export_list_id WHERE l.export_id = ${exp.id}::uuid`;
    expect([Number(snapshot!.rows), Number(snapshot!.members)]).toEqual([30, 30]);
    expect((await runAndWait(exp.id)).lists[0]).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 30 });
  });

  it("fails clearly when the key is revoked mid-run and keeps exactly what Iterable acknowledged", async () => {
    fx.targetOverrides.batchSize = 100;
    fx.targetOverrides.concurrency = 2;
    fx.targetOverrides.requestsPerSecond = 20;
    const { segmentId } = await segmentOf("Revoked", 3000);
    const exp = await newExport(fx, [segmentId]);
    const { run } = await requestRun(exp.id, { trigger: "MANUAL", actor: null });
    // Revoked once Iterable acknowledged a first batch (a first fill's rows become readable in
    // export_list_members when the fill ends: the run's counters show them at once).
    for (let i = 0; i < 200 && ((await getRun(run.id)).lists[0]?.added ?? 0) === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    fx.sandbox.control.setRevoked(fx.apiKey, true);
    const done = await waitForRun(run.id, { timeoutMs: 20_000, pollMs: 50 });
    fx.sandbox.control.setRevoked(fx.apiKey, false);
    expect(done).toMatchObject({ status: "FAILED", errorKey: "exports.run.error.badKey" });
    expect(runErrorText(done)).toMatch(/refused the API key \(HTTP 401\).*acknowledged before is kept/);
    const kept = await acknowledgedEmails(exp.id);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(3000);
    expect(kept).toEqual(fx.sandbox.control.members(await listIdOf(exp.id)));
    expect(done.lists[0]!.added).toBe(kept.length);
  });
});
