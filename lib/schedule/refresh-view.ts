// The refresh history as the Status tab shows it (and polls it): plain JSON, status derived
// from each refresh's job.
import { db } from "@/lib/db/client";
import { listRefreshes } from "./schedule";

/** An export run a refresh started, with its current status (it may still be running). */
export type RefreshRunView = { runId: string; exportId: string; exportName: string; status: string };

export type RefreshView = {
  id: string;
  trigger: "SCHEDULED" | "MANUAL";
  scheduledFor: string | null;
  createdBy: string | null;
  createdAt: string;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELED";
  startedAt: string | null;
  finishedAt: string | null;
  summary: Record<string, unknown>;
  /** The steps in the order they ran (segments before exports). */
  steps: string[];
  runs: RefreshRunView[];
  errorKey: string | null;
};

// jsonb keeps no key order, so the summary cannot tell which step ran first: a finished refresh's
// job result lists its steps in the order they ran; until then the order they are registered in.
const REGISTERED_ORDER = ["segments", "exports"];
function stepOrder(summary: Record<string, unknown>, result: unknown): string[] {
  const done = Object.keys(summary).filter((key) => key !== "warnings");
  const ran = (result as { steps?: unknown } | null)?.steps;
  const order = Array.isArray(ran) ? ran.map(String) : REGISTERED_ORDER;
  const rank = (step: string) => (order.includes(step) ? order.indexOf(step) : order.length);
  return done.sort((a, b) => rank(a) - rank(b));
}

function startedRunIds(summary: Record<string, unknown>): string[] {
  const runs = (summary.exports as { runs?: { runId?: unknown }[] } | undefined)?.runs;
  return Array.isArray(runs) ? runs.map((run) => run.runId).filter((id): id is string => typeof id === "string") : [];
}

export async function refreshHistory(page = 1): Promise<{ refreshes: RefreshView[]; pages: number }> {
  const { refreshes, pages } = await listRefreshes(page);
  const runIds = refreshes.flatMap((refresh) => startedRunIds((refresh.summary ?? {}) as Record<string, unknown>));
  const runs = runIds.length
    ? await db().exportRun.findMany({ where: { id: { in: runIds } }, select: { id: true, exportId: true, status: true, export: { select: { name: true } } } })
    : [];
  const runsById = new Map(runs.map((run) => [run.id, { runId: run.id, exportId: run.exportId, exportName: run.export.name, status: run.status }]));
  return {
    pages,
    refreshes: refreshes.map((refresh) => ({
      id: refresh.id,
      trigger: refresh.trigger,
      scheduledFor: refresh.scheduledFor?.toISOString() ?? null,
      createdBy: refresh.createdBy?.name ?? null,
      createdAt: refresh.createdAt.toISOString(),
      status: refresh.job?.status ?? "QUEUED",
      startedAt: refresh.job?.startedAt?.toISOString() ?? null,
      finishedAt: refresh.job?.finishedAt?.toISOString() ?? null,
      summary: (refresh.summary ?? {}) as Record<string, unknown>,
      steps: stepOrder((refresh.summary ?? {}) as Record<string, unknown>, refresh.job?.result ?? null),
      // A run removed since (its export was removed) is left out.
      runs: startedRunIds((refresh.summary ?? {}) as Record<string, unknown>).flatMap((id) => runsById.get(id) ?? []),
      errorKey: refresh.job?.errorKey ?? null,
    })),
  };
}
