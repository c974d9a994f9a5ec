import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { resetDatabase } from "@/lib/testing/database";
import { dryRun } from "./dry-run";
import { executeRun } from "./execute-run";
import { cancelRun, confirmRun, getRun, requestRun, waitForRun } from "./runs";
import { acknowledgedEmails, addProfiles, createSegment, newExport, setMembers, startEngineFixture, type EngineFixture } from "./testing/engine-fixture";

let fx: EngineFixture;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runAndWait(exportId: string) {
  const { run } = await requestRun(exportId, { trigger: "MANUAL", actor: null });
  return waitForRun(run.id, { timeoutMs: 25_000, pollMs: 50 });
}
const listIdOf = async (exportId: string) => (await db().exportList.findFirstOrThrow({ where: { exportId } })).iterableListId!;

async function segmentOf(name: string, count: number) {
  const ids = await addProfiles(Array.from({ length: count }, (_, i) => ({ email: `${name.toLowerCase().replace(/\W/g, "")}${i}@example.com` })));
  return { ids, segmentId: await createSegment(name, ids) };
}

describe("export runs: guardrail, cancel, dry run, one run at a time", () => {
  beforeAll(async () => {
    await resetDatabase();
    fx = await startEngineFixture();
  });
  afterAll(async () => fx.stop());
  beforeEach(() => {
    fx.sandbox.control.reset();
    for (const key of Object.keys(fx.targetOverrides)) delete fx.targetOverrides[key as keyof typeof fx.targetOverrides];
  });

  it("stops for confirmation when a run would remove more than the allowed share, and continues once confirmed", async () => {
    const { ids, segmentId } = await segmentOf("Guarded", 100);
    const exp = await newExport(fx, [segmentId]);
    await runAndWait(exp.id);
    await setMembers(segmentId, ids.slice(0, 30));
    fx.sandbox.control.resetStats();
    const stopped = await runAndWait(exp.id);
    expect(stopped.status).toBe("NEEDS_CONFIRMATION");
    expect(stopped.lists[0]).toMatchObject({ toRemove: 70, acknowledgedBefore: 100, removed: 0 });
    expect(fx.sandbox.control.stats().unsubscribedRows).toBe(0);
    // Asking again while it waits returns the same run.
    expect((await requestRun(exp.id, { trigger: "MANUAL", actor: null })).run.id).toBe(stopped.id);

    await confirmRun(stopped.id, null);
    const done = await waitForRun(stopped.id, { timeoutMs: 20_000, pollMs: 50 });
    expect(done.status).toBe("SUCCEEDED");
    expect(done.lists[0]).toMatchObject({ removed: 70, unchanged: 30 });
    expect(fx.sandbox.control.members(await listIdOf(exp.id))).toHaveLength(30);
  });

  it("cancels a running run after the batches in flight and keeps what was acknowledged", async () => {
    Object.assign(fx.targetOverrides, { batchSize: 100, concurrency: 2, requestsPerSecond: 20 });
    // 20,000 rows at 20 requests/s of 100 take 10 s: the cancel lands mid-run even on a slow machine.
    const { segmentId } = await segmentOf("Canceled", 20_000);
    const exp = await newExport(fx, [segmentId]);
    const { run } = await requestRun(exp.id, { trigger: "MANUAL", actor: null });
    while ((await getRun(run.id)).rowsDone === 0) await sleep(25);
    await cancelRun(run.id, null);
    const done = await waitForRun(run.id, { timeoutMs: 20_000, pollMs: 50 });
    expect(done.status).toBe("CANCELED");
    expect(done.rowsDone).toBeLessThan(20_000);
    const kept = await acknowledgedEmails(exp.id);
    expect(kept).toEqual(fx.sandbox.control.members(await listIdOf(exp.id)));
    expect(done.lists[0]!.added).toBe(kept.length);
    // The run row is final first; its job row follows when the worker's handler returns.
    await expect.poll(async () => (await db().job.findUniqueOrThrow({ where: { id: done.jobId! } })).status, { timeout: 10_000 }).toBe("CANCELED");

    // Canceled while the list was still being planned (its fill commits chunk by chunk): the
    // snapshot is marked unfinished, and the next run rebuilds it and sends exactly the rest.
    const exportListId = (await db().exportList.findFirstOrThrow({ where: { exportId: exp.id } })).id;
    const state = await db().$queryRaw<{ settings_key: string }[]>`SELECT settings_key FROM export_list_plan_states WHERE export_list_id = ${exportListId}::uuid`;
    expect(state).toEqual([{ settings_key: "filling" }]);
    for (const key of Object.keys(fx.targetOverrides)) delete fx.targetOverrides[key as keyof typeof fx.targetOverrides];
    fx.sandbox.control.resetStats();
    const rest = await runAndWait(exp.id);
    expect(rest.status).toBe("SUCCEEDED");
    expect(rest.lists[0]).toMatchObject({ members: 20_000, added: 20_000 - kept.length, unchanged: kept.length, removed: 0 });
    expect(fx.sandbox.control.stats().subscribedRows).toBe(20_000 - kept.length);
    expect(fx.sandbox.control.members(await listIdOf(exp.id))).toEqual(Array.from({ length: 20_000 }, (_, i) => `canceled${i}@example.com`).sort());
    fx.sandbox.control.resetStats();
    const again = await runAndWait(exp.id);
    expect(again.lists[0]).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 20_000 });
    expect(fx.sandbox.control.stats().subscribedRows).toBe(0);
  });

  it("cancels a queued run at once", async () => {
    const { segmentId } = await segmentOf("Queued cancel", 5);
    const exp = await newExport(fx, [segmentId]);
    const created = await db().exportRun.create({ data: { exportId: exp.id, trigger: "MANUAL" } });
    expect((await cancelRun(created.id, null)).status).toBe("CANCELED");
    expect((await executeRun(created.id, { signal: new AbortController().signal })).status).toBe("CANCELED");
  });

  it("gives one run for concurrent requests", async () => {
    const { segmentId } = await segmentOf("Concurrent", 50);
    const exp = await newExport(fx, [segmentId]);
    const results = await Promise.all(Array.from({ length: 6 }, () => requestRun(exp.id, { trigger: "MANUAL", actor: null })));
    expect(new Set(results.map((r) => r.run.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    await waitForRun(results[0]!.run.id, { timeoutMs: 20_000 });
    expect(await db().exportRun.count({ where: { exportId: exp.id } })).toBe(1);
  });

  it("never lets two workers run one export at once (a second executor waits, then finds nothing to resend)", async () => {
    Object.assign(fx.targetOverrides, { batchSize: 100, concurrency: 2, requestsPerSecond: 50 });
    const { segmentId } = await segmentOf("Exclusive", 2000);
    const exp = await newExport(fx, [segmentId]);
    // The same run executed by two "workers" (as after a lost heartbeat), outside the queue.
    const run = await db().exportRun.create({ data: { exportId: exp.id, trigger: "MANUAL", status: "RUNNING" } });
    const signal = new AbortController().signal;
    const [a, b] = await Promise.all([executeRun(run.id, { signal, attempt: 1 }), sleep(100).then(() => executeRun(run.id, { signal, attempt: 2 }))]);
    expect([a.status, b.status].sort()).toEqual(["SUCCEEDED", "not-runnable"]);
    expect(fx.sandbox.control.stats()).toMatchObject({ resubscribes: 0, subscribedRows: 2000 });
    expect(fx.sandbox.control.members(await listIdOf(exp.id))).toHaveLength(2000);
  });

  it("dry-runs: the plan with samples and the expected time, sending nothing", async () => {
    Object.assign(fx.targetOverrides, { requestsPerSecond: 2, batchSize: 10 });
    const { ids, segmentId } = await segmentOf("Dry", 40);
    const exp = await newExport(fx, [segmentId]);
    await setMembers(segmentId, ids.slice(0, 20));
    await runAndWait(exp.id);
    await setMembers(segmentId, ids.slice(5, 40));
    fx.sandbox.control.resetStats();
    const plan = await dryRun(exp.id, { sampleSize: 3 });
    expect(plan.lists[0]).toMatchObject({ members: 35, toAdd: 20, toRemove: 5, unchanged: 15, acknowledgedBefore: 20 });
    expect(plan.lists[0]!.sample.adds).toHaveLength(3);
    expect(plan.lists[0]!.sample.removes).toEqual(["dry0@example.com", "dry1@example.com", "dry2@example.com"]);
    expect(plan).toMatchObject({ requests: 3, requestsPerSecond: 2, expectedSeconds: 1.5, needsConfirmation: false });
    expect(fx.sandbox.control.stats().requests).toEqual({});
  });

  it("skips a detached export with a reason", async () => {
    const { segmentId } = await segmentOf("Detached", 3);
    const exp = await newExport(fx, [segmentId], { connectionId: null });
    const { run } = await requestRun(exp.id, { trigger: "SCHEDULED", actor: null });
    expect(run).toMatchObject({ status: "SKIPPED", errorKey: "exports.run.error.detached" });
  });
});
