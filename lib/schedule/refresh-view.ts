// The refresh history as the Status tab shows it (and polls it): plain JSON, status derived
// from each refresh's job.
import { listRefreshes } from "./schedule";

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
  errorKey: string | null;
};

export async function refreshHistory(page = 1): Promise<{ refreshes: RefreshView[]; pages: number }> {
  const { refreshes, pages } = await listRefreshes(page);
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
      errorKey: refresh.job?.errorKey ?? null,
    })),
  };
}
