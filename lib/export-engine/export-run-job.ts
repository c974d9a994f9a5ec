// A run is a job: the job row gives delivery, the worker claim, heartbeat, cancel and the
// resume-after-crash; the export_runs row holds the run's own state and counts. The payload is
// only the run id, so a resumed or confirmed run always reads its current state.
import { z } from "zod";
import { defineJob } from "@/lib/jobs/job-definition";
import { executeRun } from "./execute-run";

export const EXPORT_RUN_JOB = "export.run";

export const exportRunJob = defineJob({
  type: EXPORT_RUN_JOB,
  payload: z.object({ runId: z.string().uuid() }),
  // Runs of different exports go side by side; the per-project limiter keeps the sum of their
  // requests at the connection's rate.
  concurrency: 2,
  run: ({ payload, signal, attempt, progress }) => executeRun(payload.runId, { signal, attempt, progress }),
});
