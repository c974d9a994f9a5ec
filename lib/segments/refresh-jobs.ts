// Segment refreshes as background jobs (progress, one at a time per segment, resumable: a
// refresh is idempotent, so a resumed job simply runs it again).
import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit-log";
import { db } from "@/lib/db/client";
import { ExpectedError } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { defineJob } from "@/lib/jobs/job-definition";
import { refreshAllDynamicSegments, refreshSegment } from "./refresh";

export const REFRESH_ALL_KEY = "segments:refresh-all";
export const refreshKey = (segmentId: string) => `segment-refresh:${segmentId}`;

export const refreshSegmentJob = defineJob({
  type: "segments.refresh",
  payload: z.object({ segmentId: z.uuid() }),
  async run({ payload, progress }) {
    await progress({ done: 0, total: 1 });
    const result = await refreshSegment(payload.segmentId);
    await progress({ done: 1, total: 1 });
    return result;
  },
});

/** The job the scheduled system refresh enqueues (then it runs the exports). */
export const refreshAllSegmentsJob = defineJob({
  type: "segments.refresh-all",
  payload: z.object({}),
  concurrency: 1,
  async run({ signal, progress }) {
    const { refreshed, failed } = await refreshAllDynamicSegments({ signal, onProgress: (done, total) => progress({ done, total }) });
    return { refreshed: refreshed.length, members: refreshed.reduce((sum, result) => sum + result.members, 0), failed };
  },
});

export function enqueueSegmentRefresh(segmentId: string, createdById: string | null) {
  return enqueueJob(refreshSegmentJob, { segmentId }, { createdById, concurrencyKey: refreshKey(segmentId) });
}

export function enqueueRefreshAllSegments(createdById: string | null) {
  return enqueueJob(refreshAllSegmentsJob, {}, { createdById, concurrencyKey: REFRESH_ALL_KEY });
}

/** A user asks for a refresh: the job (or the one already queued/running) and an audit entry. */
export async function requestSegmentRefresh(actor: { id: string; email: string }, segmentId: string) {
  const segment = await db().segment.findUnique({ where: { id: segmentId }, select: { id: true, name: true, kind: true } });
  if (!segment) throw new ExpectedError("segments.notFound");
  // Static segments change only with a new list: refreshing one re-matches that list.
  const { job, created } = await enqueueSegmentRefresh(segment.id, actor.id);
  if (created) await recordAudit(db(), { actor, action: "segment.refresh_requested", targetType: "segment", targetId: segment.id, details: { name: segment.name, jobId: job.id } });
  return job;
}

export async function requestRefreshAll(actor: { id: string; email: string }) {
  const { job, created } = await enqueueRefreshAllSegments(actor.id);
  if (created) await recordAudit(db(), { actor, action: "segments.refresh_all_requested", targetType: "segment", details: { jobId: job.id } });
  return job;
}
