// The crash test: a worker PROCESS is killed with SIGKILL in the middle of a large run; another
// worker resumes the run. Iterable's list must end up exactly equal to the segment, and the only
// rows sent twice may be those of the batches that were in flight when the process died.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { resetDatabase } from "@/lib/testing/database";
import { exportRunJob } from "./export-run-job";
import { getRun, requestRun, waitForRun } from "./runs";
import { addManyProfiles, createSegment, newExport, setMembersByPrefix, startEngineFixture, type EngineFixture } from "./testing/engine-fixture";

const MEMBERS = 60_000;
const BATCH = 500;
const CONCURRENCY = 4;
const root = path.resolve(__dirname, "../..");
let fx: EngineFixture;
let child: ChildProcess | undefined;
let resumer: Worker | undefined;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function startWorkerProcess(): Promise<ChildProcess> {
  // `node --import tsx`, not the tsx CLI: the CLI runs the script in a child process of its own,
  // and SIGKILL would only kill the wrapper.
  const proc = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: root,
    env: {
      ...process.env,
      LOG_LEVEL: "warn",
      FERRY_EXPORT_TARGET_URL: fx.sandbox.url,
      FERRY_EXPORT_TARGET_KEY: fx.apiKey,
      FERRY_EXPORT_TARGET_RPS: "20",
      FERRY_EXPORT_TARGET_CONCURRENCY: String(CONCURRENCY),
      FERRY_EXPORT_BATCH_SIZE: String(BATCH),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (data: Buffer) => {
      output += data.toString();
      if (output.includes("[worker]") && output.includes("running")) resolve(proc);
    };
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", onData);
    proc.once("exit", (code) => reject(new Error(`worker exited early (${code}): ${output}`)));
  });
}

describe("a worker process killed mid-run", () => {
  beforeAll(async () => {
    await resetDatabase();
    // The in-process worker starts only after the kill: the child must take the run first.
    fx = await startEngineFixture({ worker: false, target: { batchSize: BATCH, concurrency: CONCURRENCY, requestsPerSecond: 40 } });
  });
  afterAll(async () => {
    child?.kill("SIGKILL");
    await resumer?.stop();
    await fx.stop();
  });

  it("is resumed by another worker: the list is exact and only in-flight batches were resent", { timeout: 90_000 }, async () => {
    await addManyProfiles(MEMBERS, 1, "kill");
    const segmentId = await createSegment("Kill test");
    await setMembersByPrefix(segmentId, "kill-");
    const exp = await newExport(fx, [segmentId]);
    child = await startWorkerProcess();
    const { run } = await requestRun(exp.id, { trigger: "MANUAL", actor: null });

    for (let i = 0; (await getRun(run.id)).rowsDone < MEMBERS / 4; i += 1) {
      if (i > 1200) throw new Error("the worker process never got going");
      await sleep(25);
    }
    child.kill("SIGKILL");
    const atKill = await getRun(run.id);
    expect(atKill.status).toBe("RUNNING");
    expect(atKill.rowsDone).toBeLessThan(MEMBERS);

    resumer = await startWorker({ definitions: [exportRunJob], heartbeatMs: 200, sweepMs: 300, staleAfterMs: 1_500, pollingIntervalSeconds: 0.5 });
    const done = await waitForRun(run.id, { timeoutMs: 60_000, pollMs: 100 });
    expect(done.status).toBe("SUCCEEDED");
    expect(done.lists[0]).toMatchObject({ members: MEMBERS, added: MEMBERS, rejectedInvalid: 0 });
    expect((await db().job.findUniqueOrThrow({ where: { id: done.jobId! } })).attempts).toBe(2);

    const listId = (await db().exportList.findFirstOrThrow({ where: { exportId: exp.id } })).iterableListId!;
    const expected = Array.from({ length: MEMBERS }, (_, i) => `user${i + 1}@example.com`).sort();
    expect(fx.sandbox.control.members(listId)).toEqual(expected);
    const stats = fx.sandbox.control.stats();
    console.info(`kill test: killed at ${atKill.rowsDone} rows done; resent subscribes ${stats.resubscribes} (limit ${CONCURRENCY * BATCH})`);
    expect(stats.resubscribes).toBeLessThanOrEqual(CONCURRENCY * BATCH);
    expect(stats.subscribedRows).toBe(MEMBERS + stats.resubscribes);
  });
});
