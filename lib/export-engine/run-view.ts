// A run as the export page shows and polls it: JSON-safe (dates as ISO strings), progress, ETA,
// rate and the retries Iterable's refusals (429, 5xx, timeouts) cost so far.
import { getRun } from "./runs";

export type RunView = {
  id: string;
  status: string;
  phase: string | null;
  rowsPlanned: number;
  rowsDone: number;
  etaSeconds: number | null;
  /** Rows per second since the run started (planning included), null before any row was sent. */
  rowsPerSecond: number | null;
  retries: number;
  startedAt: string | null;
  finishedAt: string | null;
};

export function rowsPerSecond(rowsDone: number, startedAt: Date | null, until: Date): number | null {
  if (!startedAt || rowsDone <= 0) return null;
  const seconds = (until.getTime() - startedAt.getTime()) / 1000;
  return seconds > 0 ? rowsDone / seconds : null;
}

export async function runView(runId: string): Promise<RunView> {
  const run = await getRun(runId);
  return {
    id: run.id,
    status: run.status,
    phase: run.phase,
    rowsPlanned: run.rowsPlanned,
    rowsDone: run.rowsDone,
    etaSeconds: run.etaSeconds,
    rowsPerSecond: rowsPerSecond(run.rowsDone, run.startedAt, run.finishedAt ?? new Date()),
    retries: run.retries,
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}
