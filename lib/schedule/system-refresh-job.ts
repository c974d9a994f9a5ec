// The system refresh as a job: runs the registered steps in order and keeps their summaries on
// the refresh row. A resumed refresh (worker died) runs the steps again: each step is itself
// idempotent (a segment refresh recomputes; an export run joins the active run).
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { defineJob } from "@/lib/jobs/job-definition";
import { refreshSteps } from "./refresh-steps";
import { registerSystemRefreshSteps } from "./system-refresh-plan";

registerSystemRefreshSteps();

export const systemRefreshJob = defineJob({
  type: "system.refresh",
  payload: z.object({ refreshId: z.uuid() }),
  concurrency: 1,
  async run({ payload, signal, progress }) {
    const refresh = await db().systemRefresh.findUniqueOrThrow({ where: { id: payload.refreshId } });
    const steps = refreshSteps();
    const summary: Record<string, unknown> = {};
    const warnings: string[] = [];
    for (const [index, step] of steps.entries()) {
      if (signal.aborted) throw signal.reason;
      await progress({ done: index, total: steps.length, message: step.name });
      const result = await step.run({ refreshId: refresh.id, signal, trigger: refresh.trigger });
      summary[step.name] = result.summary;
      warnings.push(...(result.warnings ?? []));
      await db().systemRefresh.update({ where: { id: refresh.id }, data: { summary: { ...summary, warnings } as Prisma.InputJsonValue } });
    }
    await progress({ done: steps.length, total: steps.length });
    return { steps: steps.map((step) => step.name), warnings: warnings.length };
  },
});
