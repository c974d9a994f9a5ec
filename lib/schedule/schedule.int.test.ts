import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/queue";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { createTestUser, resetDatabase } from "@/lib/testing/database";
import { clearRefreshSteps, registerRefreshStep } from "./refresh-steps";
import { refreshHistory } from "./refresh-view";
import { listRefreshes, requestRefreshNow, saveSchedule, startDueRefreshes } from "./schedule";
import { systemRefreshJob } from "./system-refresh-job";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForRefresh(id: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const refresh = await db().systemRefresh.findUniqueOrThrow({ where: { id }, include: { job: true } });
    if (refresh.job && ["SUCCEEDED", "FAILED", "CANCELED"].includes(refresh.job.status)) return refresh;
    if (Date.now() > deadline) throw new Error(`refresh still ${refresh.job?.status}`);
    await sleep(100);
  }
}

describe("system refresh schedule", () => {
  let worker: Worker;
  const order: string[] = [];

  beforeAll(async () => {
    await resetDatabase();
    worker = await startWorker({ definitions: [systemRefreshJob], heartbeatMs: 200, sweepMs: 500, pollingIntervalSeconds: 0.5 });
  });
  afterAll(async () => {
    clearRefreshSteps();
    await worker.stop();
    await stopBoss();
  });
  beforeEach(async () => {
    await resetDatabase();
    order.length = 0;
    clearRefreshSteps();
    // Segments must be refreshed before the exports that send them.
    registerRefreshStep({ name: "segments", run: async () => { await sleep(50); order.push("segments"); return { summary: { refreshed: 3 } }; } });
    registerRefreshStep({ name: "exports", run: async () => { order.push("exports"); return { summary: { started: 2 }, warnings: ["one export has no connection"] }; } });
  });

  it("saves the schedule and audits it", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    await saveSchedule(admin, { enabled: true, frequency: "WEEKLY", weekdays: [1, 3], timeZone: "Europe/Madrid", times: ["06:00"] });
    expect(await db().refreshSchedule.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ enabled: true, weekdays: [1, 3], times: ["06:00"] });
    expect(await db().auditLog.findFirstOrThrow({ where: { action: "schedule.saved" } })).toMatchObject({ actorId: admin.id });
  });

  it("starts a due slot once, however many workers check at the same moment", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    await saveSchedule(admin, { enabled: true, frequency: "DAILY", weekdays: [], timeZone: "UTC", times: ["06:00"] });
    const now = new Date("2026-05-04T06:02:00Z");
    const started = (await Promise.all([1, 2, 3, 4].map(() => startDueRefreshes(now)))).flat();
    expect(started).toHaveLength(1);
    expect(await startDueRefreshes(new Date("2026-05-04T06:05:00Z"))).toEqual([]);
    const refresh = await waitForRefresh(started[0]!);
    expect(refresh).toMatchObject({ trigger: "SCHEDULED", scheduledFor: new Date("2026-05-04T06:00:00Z") });
    expect(refresh.job?.status).toBe("SUCCEEDED");
    expect(order).toEqual(["segments", "exports"]);
    expect(refresh.summary).toEqual({ segments: { refreshed: 3 }, exports: { started: 2 }, warnings: ["one export has no connection"] });
  });

  it("shows a refresh's steps in the order they ran (the stored summary keeps no key order)", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    await waitForRefresh((await requestRefreshNow(admin)).id);
    const { refreshes } = await refreshHistory();
    expect(refreshes[0]).toMatchObject({ status: "SUCCEEDED", steps: ["segments", "exports"], runs: [] });
  });

  it("does nothing when the schedule is off", async () => {
    expect(await startDueRefreshes(new Date("2026-05-04T02:01:00Z"))).toEqual([]);
  });

  it("refresh now joins the refresh that is already queued or running", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    registerRefreshStep({ name: "segments", run: async () => { await sleep(800); return { summary: {} }; } });
    const [first, ...others] = await Promise.all([1, 2, 3].map(() => requestRefreshNow(admin)));
    expect(others.map((other) => other.id)).toEqual([first!.id, first!.id]);
    expect(await requestRefreshNow(admin)).toMatchObject({ id: first!.id });
    await waitForRefresh(first!.id);
    const { refreshes } = await listRefreshes();
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]).toMatchObject({ trigger: "MANUAL", createdBy: { name: admin.name } });
  });

  it("records a failed step as a failed refresh", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    registerRefreshStep({ name: "exports", run: async () => { throw new Error("boom"); } });
    const refresh = await waitForRefresh((await requestRefreshNow(admin)).id);
    expect(refresh.job).toMatchObject({ status: "FAILED", errorKey: "errors.generic" });
    expect(refresh.summary).toMatchObject({ segments: { refreshed: 3 } });
  });
});
