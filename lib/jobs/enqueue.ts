// Starting long work from a server action, a CLI or a schedule: one row, one delivery.
import type { JobDefinition } from "./job-definition";
import { createJob, type JobRow } from "./jobs";
import { deliver } from "./queue";

export async function enqueueJob<P>(
  definition: JobDefinition<P>,
  payload: P,
  options: { createdById?: string | null; concurrencyKey?: string } = {},
): Promise<{ job: JobRow; created: boolean }> {
  const result = await createJob(definition, payload, options);
  // If delivery fails here the row stays QUEUED and a worker's sweep delivers it again.
  if (result.created) await deliver(definition.type, result.job.id);
  return result;
}
