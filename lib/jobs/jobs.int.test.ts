import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { ExpectedError } from "@/lib/errors";
import { resetDatabase } from "@/lib/testing/database";
import { enqueueJob } from "./enqueue";
import { defineJob } from "./job-definition";
import { getJob, requestCancel } from "./jobs";
import { stopBoss } from "./queue";
import { startWorker, type Worker } from "./worker";

const starts = new Map<string, number>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const countJob = defineJob({
  type: "test.count",
  payload: z.object({ to: z.number().int().min(1), stepMs: z.number().default(0), fail: z.enum(["no", "expected", "bug"]).default("no") }),
  async run({ jobId, payload, signal, progress }) {
    starts.set(jobId, (starts.get(jobId) ?? 0) + 1);
    for (let done = 1; done <= payload.to; done += 1) {
      if (signal.aborted) throw signal.reason;
      await sleep(payload.stepMs);
      await progress({ done, total: payload.to });
    }
    if (payload.fail === "expected") throw new ExpectedError("errors.notAllowed");
    if (payload.fail === "bug") throw new Error("database password is hunter2");
    return { counted: payload.to };
  },
});

async function waitFor(id: string, statuses: string[], timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(id);
    if (job && statuses.includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job?.status}`);
    await sleep(100);
  }
}

describe("jobs", () => {
  let worker: Worker;
  beforeAll(async () => {
    await resetDatabase();
    worker = await startWorker({ definitions: [countJob], heartbeatMs: 200, sweepMs: 300, staleAfterMs: 1_000, pollingIntervalSeconds: 0.5 });
  });
  afterAll(async () => {
    await worker.stop();
    await stopBoss();
  });
  beforeEach(() => starts.clear());

  it("runs a job to SUCCEEDED with its progress and result", async () => {
    const { job } = await enqueueJob(countJob, { to: 5, stepMs: 0, fail: "no" });
    const done = await waitFor(job.id, ["SUCCEEDED", "FAILED"]);
    expect(done).toMatchObject({ status: "SUCCEEDED", result: { counted: 5 }, progress: { done: 5, total: 5 }, attempts: 1 });
    expect(done.startedAt).toBeInstanceOf(Date);
    expect(done.finishedAt).toBeInstanceOf(Date);
  });

  it("refuses a payload that does not match the schema before anything is stored", async () => {
    await expect(enqueueJob(countJob, { to: 0, stepMs: 0, fail: "no" })).rejects.toThrow();
    expect(await db().job.count({ where: { payload: { equals: { to: 0, stepMs: 0, fail: "no" } } } })).toBe(0);
  });

  it("records an expected error's message key, and only a generic key for a bug", async () => {
    const expected = await enqueueJob(countJob, { to: 1, stepMs: 0, fail: "expected" });
    const bug = await enqueueJob(countJob, { to: 1, stepMs: 0, fail: "bug" });
    expect(await waitFor(expected.job.id, ["FAILED"])).toMatchObject({ errorKey: "errors.notAllowed" });
    const failed = await waitFor(bug.job.id, ["FAILED"]);
    expect(failed.errorKey).toBe("errors.generic");
    expect(JSON.stringify(failed)).not.toContain("hunter2");
  });

  it("gives the queued or running job back when asked again with the same key", async () => {
    const first = await enqueueJob(countJob, { to: 20, stepMs: 20, fail: "no" }, { concurrencyKey: "export:1" });
    const again = await Promise.all([1, 2, 3].map(() => enqueueJob(countJob, { to: 20, stepMs: 20, fail: "no" }, { concurrencyKey: "export:1" })));
    expect(again.map((result) => [result.job.id, result.created])).toEqual([1, 2, 3].map(() => [first.job.id, false]));
    await waitFor(first.job.id, ["SUCCEEDED"]);
    const later = await enqueueJob(countJob, { to: 1, stepMs: 0, fail: "no" }, { concurrencyKey: "export:1" });
    expect(later.created).toBe(true);
    await waitFor(later.job.id, ["SUCCEEDED"]);
  });

  it("cancels a running job after the work in flight", async () => {
    const { job } = await enqueueJob(countJob, { to: 200, stepMs: 20, fail: "no" });
    await waitFor(job.id, ["RUNNING"]);
    await requestCancel(job.id);
    const canceled = await waitFor(job.id, ["CANCELED", "SUCCEEDED"]);
    expect(canceled.status).toBe("CANCELED");
    expect((canceled.progress as { done: number }).done).toBeLessThan(200);
  });

  it("resumes a job whose worker stopped beating, exactly once at a time", async () => {
    // A job claimed by a worker that died: RUNNING with an old heartbeat and another owner.
    const { job } = await enqueueJob(countJob, { to: 3, stepMs: 0, fail: "no" });
    await waitFor(job.id, ["SUCCEEDED"]);
    await db().job.update({ where: { id: job.id }, data: { status: "RUNNING", workerId: "dead-worker", heartbeatAt: new Date(Date.now() - 60_000), attempts: 1 } });
    starts.clear();
    const resumed = await waitFor(job.id, ["SUCCEEDED"], 15_000);
    expect(resumed.attempts).toBe(2);
    expect(resumed.workerId).toBe(worker.id);
    expect(starts.get(job.id)).toBe(1);
  });

  it("runs many jobs, each exactly once", async () => {
    const jobs = await Promise.all(Array.from({ length: 12 }, () => enqueueJob(countJob, { to: 2, stepMs: 5, fail: "no" })));
    for (const { job } of jobs) await waitFor(job.id, ["SUCCEEDED"]);
    expect(jobs.map(({ job }) => starts.get(job.id))).toEqual(jobs.map(() => 1));
  });
});
