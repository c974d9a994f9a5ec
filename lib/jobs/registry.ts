// Every job type Ferry runs, in one list: the worker registers these. Each domain defines its
// jobs beside its code (lib/segments, lib/export-engine, ...) and adds them here.
import { exportRunJob } from "@/lib/export-engine/export-run-job";
import { countAttributesJob } from "@/lib/profiles/attribute-counts";
import { importProfilesJob } from "@/lib/profiles/import/imports";
import { systemRefreshJob } from "@/lib/schedule/system-refresh-job";
import { refreshAllSegmentsJob, refreshSegmentJob } from "@/lib/segments/refresh-jobs";
import type { JobDefinition } from "./job-definition";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const JOB_DEFINITIONS: JobDefinition<any, any>[] = [
  refreshSegmentJob,
  refreshAllSegmentsJob,
  importProfilesJob,
  countAttributesJob,
  systemRefreshJob,
  exportRunJob,
];
