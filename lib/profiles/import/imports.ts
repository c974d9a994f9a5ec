// Data › Profiles › Import: starting an import (as a job), its status for the progress page,
// and the recent imports.
import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import { db } from "@/lib/db/client";
import { ExpectedError } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { defineJob } from "@/lib/jobs/job-definition";
import type { JobRow } from "@/lib/jobs/jobs";
import { logger } from "@/lib/logging/logger";
import { ATTRIBUTE_TYPES } from "@/lib/segments/rules";
import { enqueueAttributeCount } from "../attribute-counts";
import { inspectCsv } from "./csv-inspect";
import type { StartImportInput } from "./import-schemas";
import { runImport, type ImportResult } from "./run-import";
import { removeUpload, uploadPath } from "./uploads";

const actorSchema = z.object({ id: z.string(), email: z.string() }).nullable();

export const importProfilesJob = defineJob({
  type: "profiles.import",
  payload: z.object({
    uploadId: z.uuid(),
    fileName: z.string(),
    idColumn: z.string(),
    types: z.record(z.string(), z.enum(ATTRIBUTE_TYPES)),
    actor: actorSchema,
  }),
  // Imports write the same tables: one at a time per worker keeps them from fighting over rows.
  concurrency: 1,
  async run({ jobId, payload, signal, progress }) {
    const result = await runImport(jobId, payload, { signal, progress });
    removeUpload(payload.uploadId);
    await recordAudit(db(), {
      actor: payload.actor,
      action: "profiles.imported",
      targetType: "import",
      targetId: jobId,
      details: { fileName: payload.fileName, rows: result.rows, inserted: result.inserted, updated: result.updated, rejected: result.rejected },
    });
    await enqueueAttributeCount(payload.actor?.id ?? null).catch((error) => logger.warn({ err: error }, "could not queue the attribute count"));
    return result;
  },
});

export async function startImport(actor: { id: string; email: string }, input: StartImportInput) {
  const inspection = await inspectCsv(uploadPath(input.uploadId));
  if (!inspection.columns.some((column) => column.name === input.idColumn)) {
    throw new ExpectedError("profiles.import.noIdColumn", { field: "idColumn", params: { column: input.idColumn } });
  }
  const { job } = await enqueueJob(
    importProfilesJob,
    { uploadId: input.uploadId, fileName: input.fileName, idColumn: input.idColumn, types: input.types, actor },
    { createdById: actor.id, concurrencyKey: `import:${input.uploadId}` },
  );
  await recordAudit(db(), {
    actor: actor as AuditActor,
    action: "profiles.import_started",
    targetType: "import",
    targetId: job.id,
    details: { fileName: input.fileName, idColumn: input.idColumn, columns: inspection.columns.length },
  });
  return job;
}

export type ImportStatus = {
  id: string;
  fileName: string;
  status: string;
  progress: { done?: number; total?: number; message?: string };
  result: ImportResult | null;
  errorKey: string | null;
  errorParams: Record<string, string | number> | null;
  createdAt: string;
  finishedAt: string | null;
};

function toStatus(job: JobRow): ImportStatus {
  const row = job as Omit<JobRow, "payload" | "progress" | "result" | "errorParams"> & {
    payload: { fileName?: string }; progress: ImportStatus["progress"]; result: ImportResult | null; errorParams: ImportStatus["errorParams"];
  };
  return {
    id: row.id,
    fileName: row.payload.fileName ?? "",
    status: row.status,
    progress: row.progress ?? {},
    result: row.result,
    errorKey: row.errorKey,
    errorParams: row.errorParams,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export async function getImport(jobId: string): Promise<ImportStatus | null> {
  const job = await db().job.findFirst({ where: { id: jobId, type: importProfilesJob.type } });
  return job ? toStatus(job) : null;
}

export async function listImports(): Promise<ImportStatus[]> {
  const jobs = await db().job.findMany({ where: { type: importProfilesJob.type }, orderBy: { createdAt: "desc" }, take: 10 });
  return jobs.map(toStatus);
}
