// A job type: its name, the zod schema of its payload and the function a worker runs.
// A payload that fails its schema is never retried (it would fail again).
import type { z } from "zod";
import type { JobProgress } from "./job-status";

export type JobContext<P> = {
  jobId: string;
  payload: P;
  /** How many times a worker has started this job (2+ means it resumes after a crash or stop). */
  attempt: number;
  /** Aborted when the user cancels or the worker shuts down: stop after the work in flight. */
  signal: AbortSignal;
  progress(progress: JobProgress): Promise<void>;
};

export type JobDefinition<P = unknown, R = unknown> = {
  type: string;
  payload: z.ZodType<P>;
  run(context: JobContext<P>): Promise<R>;
  /** Jobs a worker of this process runs at once for this type (default 2). */
  concurrency?: number;
};

export function defineJob<P, R>(definition: JobDefinition<P, R>): JobDefinition<P, R> {
  return definition;
}

/** Thrown (or used as abort reason) when a job stops because it was canceled. */
export class JobCanceledError extends Error {
  constructor() {
    super("job canceled");
    this.name = "JobCanceledError";
  }
}

/** Abort reason when the worker shuts down: the job goes back to the queue, not to CANCELED. */
export class WorkerStoppingError extends Error {
  constructor() {
    super("worker stopping");
    this.name = "WorkerStoppingError";
  }
}
