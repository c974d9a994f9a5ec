// A run as the export page shows and polls it: JSON-safe (dates as ISO strings), progress and ETA.
import { getRun } from "./runs";

export type RunView = {
  id: string;
  status: string;
  phase: string | null;
  rowsPlanned: number;
  rowsDone: number;
  etaSeconds: number | null;
  startedAt: string | null;
  finishedAt: string | null;
};

export async function runView(runId: string): Promise<RunView> {
  const run = await getRun(runId);
  return {
    id: run.id,
    status: run.status,
    phase: run.phase,
    rowsPlanned: run.rowsPlanned,
    rowsDone: run.rowsDone,
    etaSeconds: run.etaSeconds,
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}
