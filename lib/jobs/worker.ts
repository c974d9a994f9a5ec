// A worker: takes job ids from pg-boss, claims the job row, runs its definition with a
// heartbeat, and records how it ended. Runs inside `npm start` and as separate processes
// (`npm run worker`); any number can run at once, the claim keeps one worker per job.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { ExpectedError } from "@/lib/errors";
import { logger } from "@/lib/logging/logger";
import { JobCanceledError, WorkerStoppingError, type JobDefinition } from "./job-definition";
import { claimJob, finishJob, heartbeat, requeueStaleJobs, saveProgress, waitingJobs } from "./jobs";
import type { JobProgress } from "./job-status";
import { deliver, ensureQueue, getBoss, queueName } from "./queue";

export type WorkerOptions = {
  definitions: JobDefinition<any, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  heartbeatMs?: number;
  sweepMs?: number;
  staleAfterMs?: number;
  pollingIntervalSeconds?: number;
};

export type Worker = { id: string; stop(): Promise<void>; runningJobs(): number };

export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const heartbeatMs = options.heartbeatMs ?? 3_000;
  const definitions = new Map(options.definitions.map((definition) => [definition.type, definition]));
  const running = new Map<string, AbortController>();
  let stopping = false;
  const boss = await getBoss({ supervise: true });

  async function run(jobId: string) {
    if (stopping) return;
    const job = await claimJob(jobId, id);
    if (!job) return;
    const definition = definitions.get(job.type);
    const log = logger.child({ jobId, type: job.type, workerId: id, attempt: job.attempts });
    if (!definition) {
      log.error("no definition for this job type");
      await finishJob(jobId, id, { status: "FAILED", errorKey: "errors.generic" });
      return;
    }
    const parsed = definition.payload.safeParse(job.payload);
    if (!parsed.success) {
      log.error({ issues: parsed.error.issues }, "job payload does not match its schema");
      await finishJob(jobId, id, { status: "FAILED", errorKey: "errors.generic" });
      return;
    }
    const controller = new AbortController();
    running.set(jobId, controller);
    const beat = setInterval(() => {
      heartbeat(jobId, id)
        .then((state) => {
          if (!state.owned) controller.abort(new WorkerStoppingError());
          else if (state.cancelRequested) controller.abort(new JobCanceledError());
        })
        .catch((error) => log.warn({ err: error }, "heartbeat failed"));
    }, heartbeatMs);
    log.info("job started");
    try {
      const result = await definition.run({
        jobId,
        payload: parsed.data,
        attempt: job.attempts,
        signal: controller.signal,
        progress: (progress: JobProgress) => saveProgress(jobId, id, progress),
      });
      const reason = controller.signal.aborted ? controller.signal.reason : null;
      await finishJob(jobId, id, outcomeOnStop(reason) ?? { status: "SUCCEEDED", result });
      log.info("job finished");
    } catch (error) {
      const reason = controller.signal.aborted ? controller.signal.reason : null;
      const stopped = outcomeOnStop(reason);
      if (stopped) {
        await finishJob(jobId, id, stopped);
      } else if (error instanceof ExpectedError) {
        log.warn({ errorKey: error.messageKey }, "job failed");
        await finishJob(jobId, id, { status: "FAILED", errorKey: error.messageKey, errorParams: error.options.params });
      } else {
        log.error({ err: error }, "job failed unexpectedly");
        await finishJob(jobId, id, { status: "FAILED", errorKey: "errors.generic" });
      }
    } finally {
      clearInterval(beat);
      running.delete(jobId);
    }
  }

  for (const definition of definitions.values()) {
    const name = await ensureQueue(boss, definition.type);
    for (let slot = 0; slot < (definition.concurrency ?? 2); slot += 1) {
      await boss.work<{ jobId: string }>(name, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 }, async ([message]) => {
        if (message) await run(message.data.jobId);
      });
    }
  }

  // Jobs whose worker died go back to the queue; queued jobs whose message was lost are re-sent.
  const sweep = setInterval(() => {
    if (stopping) return;
    (async () => {
      const stale = await requeueStaleJobs(options.staleAfterMs);
      const waiting = await waitingJobs(Math.max(10_000, options.staleAfterMs ?? 30_000));
      for (const job of [...stale, ...waiting]) if (definitions.has(job.type)) await deliver(job.type, job.id);
      if (stale.length) logger.warn({ jobs: stale.map((job) => job.id) }, "resuming jobs whose worker stopped");
    })().catch((error) => logger.warn({ err: error }, "job sweep failed"));
  }, options.sweepMs ?? 10_000);

  logger.info({ workerId: id, types: [...definitions.keys()] }, "worker started");
  return {
    id,
    runningJobs: () => running.size,
    // Running jobs stop after their work in flight and go back to QUEUED; another worker's
    // sweep delivers them again within one sweep interval.
    async stop() {
      stopping = true;
      clearInterval(sweep);
      for (const controller of running.values()) controller.abort(new WorkerStoppingError());
      const deadline = Date.now() + 30_000;
      while (running.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      for (const definition of definitions.values()) await boss.offWork(queueName(definition.type));
    },
  };
}

// A job that stopped because of the user (cancel) or of the worker (shutdown, lost claim).
function outcomeOnStop(reason: unknown): { status: "CANCELED" } | { status: "QUEUED" } | null {
  if (reason instanceof JobCanceledError) return { status: "CANCELED" };
  if (reason instanceof WorkerStoppingError) return { status: "QUEUED" };
  return null;
}
