// What the segment page polls while a refresh moves: the segment's counts and its refresh job.
import { db } from "@/lib/db/client";
import { REFRESH_ALL_KEY, refreshKey } from "./refresh-jobs";

export type RefreshStatus = {
  memberCount: number;
  lastRefreshedAt: string | null;
  lastRefreshMs: number | null;
  job: { id: string; status: string; progress: { done?: number; total?: number }; errorKey: string | null } | null;
};

export async function segmentRefreshStatus(segmentId: string): Promise<RefreshStatus | null> {
  const segment = await db().segment.findUnique({ where: { id: segmentId }, select: { memberCount: true, lastRefreshedAt: true, lastRefreshMs: true, kind: true } });
  if (!segment) return null;
  // The segment's own latest refresh, or a refresh of all dynamic segments still moving.
  const own = await db().job.findFirst({ where: { concurrencyKey: refreshKey(segmentId) }, orderBy: { createdAt: "desc" } });
  const all = segment.kind === "DYNAMIC"
    ? await db().job.findFirst({ where: { concurrencyKey: REFRESH_ALL_KEY, status: { in: ["QUEUED", "RUNNING"] } }, orderBy: { createdAt: "desc" } })
    : null;
  const job = all ?? own;
  return {
    memberCount: segment.memberCount,
    lastRefreshedAt: segment.lastRefreshedAt?.toISOString() ?? null,
    lastRefreshMs: segment.lastRefreshMs,
    job: job ? { id: job.id, status: job.status, progress: job.progress as { done?: number; total?: number }, errorKey: job.errorKey } : null,
  };
}
