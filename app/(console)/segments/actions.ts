"use server";
// Data › Segments mutations: schema → permission → domain function (lib/segments).
import { defineAction } from "@/lib/actions/define-action";
import { requestRefreshAll, requestSegmentRefresh } from "@/lib/segments/refresh-jobs";
import { dynamicSegmentSchema, refreshAllSchema, segmentIdSchema, staticSegmentSchema } from "@/lib/segments/schemas";
import { deleteSegment, saveDynamicSegment } from "@/lib/segments/segments";
import { saveStaticSegment } from "@/lib/segments/static-segments";

const SEGMENTS = "/segments";

export const saveDynamicSegmentAction = defineAction({
  name: "segments.saveDynamic",
  schema: dynamicSegmentSchema,
  permission: "segments:edit",
  run: (input, actor) => saveDynamicSegment(actor, input),
  // The id travels in the message params: the form goes on to the segment's page.
  success: (segment) => ({ key: "segments.saved", params: { name: segment.name, id: segment.id } }),
  revalidate: [SEGMENTS],
});

export const saveStaticSegmentAction = defineAction({
  name: "segments.saveStatic",
  schema: staticSegmentSchema,
  permission: "segments:edit",
  run: (input, actor) => saveStaticSegment(actor, input),
  success: (segment, input) => ({ key: "segments.saved", params: { name: input.name, id: segment.id } }),
  revalidate: [SEGMENTS],
});

export const deleteSegmentAction = defineAction({
  name: "segments.delete",
  schema: segmentIdSchema,
  permission: "segments:edit",
  run: (input, actor) => deleteSegment(actor, input),
  success: (segment) => ({ key: "segments.deleted", params: { name: segment.name } }),
  revalidate: [SEGMENTS],
});

export const refreshSegmentAction = defineAction({
  name: "segments.refresh",
  schema: segmentIdSchema,
  permission: "segments:edit",
  run: (input, actor) => requestSegmentRefresh(actor, input.segmentId),
  success: (job) => ({ key: "segments.refreshStarted", params: { jobId: job.id } }),
});

export const refreshAllSegmentsAction = defineAction({
  name: "segments.refreshAll",
  schema: refreshAllSchema,
  permission: "segments:edit",
  run: (_input, actor) => requestRefreshAll(actor),
  success: (job) => ({ key: "segments.refreshAllStarted", params: { jobId: job.id } }),
});
