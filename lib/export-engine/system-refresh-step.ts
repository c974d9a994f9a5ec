// The system refresh's export step: after the segments were recomputed, start a run of every
// export that follows the system schedule (a run already queued or running is joined). Exports
// with a schedule of their own are started by lib/schedule/export-schedule.ts instead.
import { db } from "@/lib/db/client";
import type { RefreshStep } from "@/lib/schedule/refresh-steps";
import { requestRun } from "./runs";

export const exportsRefreshStep: RefreshStep = {
  name: "exports",
  async run() {
    const exports = await db().export.findMany({ where: { scheduleKind: "SYSTEM" }, select: { id: true, name: true }, orderBy: { name: "asc" } });
    const runs: { exportId: string; exportName: string; runId: string; status: string }[] = [];
    for (const exp of exports) {
      const { run } = await requestRun(exp.id, { trigger: "SCHEDULED", actor: null });
      runs.push({ exportId: exp.id, exportName: exp.name, runId: run.id, status: run.status });
    }
    const skipped = runs.filter((run) => run.status === "SKIPPED").length;
    return {
      summary: { started: runs.length - skipped, skipped, runs },
      warnings: skipped ? [`${skipped} export(s) skipped: no connection`] : [],
    };
  },
};
