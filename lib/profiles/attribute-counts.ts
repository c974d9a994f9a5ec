// How many profiles hold a value for each catalog attribute. Exact, but one pass over every
// profile's jsonb takes seconds at a million, so a job computes it (after each import, after the
// seed, and on demand) and the catalog page shows the stored figure with its time.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit-log";
import { withConnection } from "@/lib/db/bulk";
import { db } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { defineJob } from "@/lib/jobs/job-definition";

export async function countAttributeValues(): Promise<number> {
  return withConnection(async (client) => {
    const { rowCount } = await client.query(`
      WITH counts AS (
        SELECT e.key AS name, count(*)::int AS n
        FROM profiles p CROSS JOIN LATERAL jsonb_each_text(p.attributes) AS e(key, value)
        WHERE coalesce(e.value, '') <> ''
        GROUP BY e.key
      )
      UPDATE attributes a SET value_count = coalesce(c.n, 0), counted_at = now()
      FROM attributes a2 LEFT JOIN counts c ON c.name = a2.name
      WHERE a.name = a2.name`);
    return rowCount ?? 0;
  });
}

export const COUNT_ATTRIBUTES_KEY = "profiles:count-attributes";

export const countAttributesJob = defineJob({
  type: "profiles.count-attributes",
  payload: z.object({}),
  concurrency: 1,
  async run() {
    return { attributes: await countAttributeValues() };
  },
});

export function enqueueAttributeCount(createdById: string | null) {
  return enqueueJob(countAttributesJob, {}, { createdById, concurrencyKey: COUNT_ATTRIBUTES_KEY });
}

export async function attributeCountRunning(): Promise<boolean> {
  return (await db().job.count({ where: { concurrencyKey: COUNT_ATTRIBUTES_KEY, status: { in: ["QUEUED", "RUNNING"] } } })) > 0;
}

/** A user asks for a fresh count: the job (or the one already waiting) and an audit entry. */
export async function requestAttributeCount(actor: { id: string; email: string }) {
  const { job, created } = await enqueueAttributeCount(actor.id);
  if (created) await recordAudit(db(), { actor, action: "attributes.count_requested", targetType: "attribute", details: { jobId: job.id } });
  return job;
}
