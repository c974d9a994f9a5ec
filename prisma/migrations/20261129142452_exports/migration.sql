-- CreateEnum
CREATE TYPE "ExportMode" AS ENUM ('MIRROR', 'ADD_ONLY');

-- CreateEnum
CREATE TYPE "ExportScheduleKind" AS ENUM ('SYSTEM', 'OWN');

-- CreateEnum
CREATE TYPE "ExportRunTrigger" AS ENUM ('MANUAL', 'SCHEDULED', 'RETRY');

-- CreateEnum
CREATE TYPE "ExportRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'NEEDS_CONFIRMATION', 'SUCCEEDED', 'SUCCEEDED_WITH_WARNINGS', 'FAILED', 'CANCELED', 'SKIPPED');

-- CreateTable
CREATE TABLE "exports" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "connection_id" UUID,
    "email_attribute" TEXT NOT NULL,
    "data_fields" JSONB NOT NULL DEFAULT '[]',
    "mode" "ExportMode" NOT NULL DEFAULT 'MIRROR',
    "schedule_kind" "ExportScheduleKind" NOT NULL DEFAULT 'SYSTEM',
    "schedule" JSONB,
    "max_removal_share" DOUBLE PRECISION NOT NULL DEFAULT 0.5,
    "batch_size" INTEGER,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "exports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "export_lists" (
    "id" UUID NOT NULL,
    "export_id" UUID NOT NULL,
    "segment_id" UUID NOT NULL,
    "list_name" TEXT NOT NULL,
    "iterable_list_id" INTEGER,
    "iterable_list_created_at" TIMESTAMPTZ(3),
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "export_lists_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "export_list_members" (
    "export_list_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "data_hash" TEXT NOT NULL,

    CONSTRAINT "export_list_members_pkey" PRIMARY KEY ("export_list_id","email")
);

-- CreateTable
CREATE TABLE "export_runs" (
    "id" UUID NOT NULL,
    "export_id" UUID NOT NULL,
    "job_id" UUID,
    "trigger" "ExportRunTrigger" NOT NULL,
    "requested_by_id" UUID,
    "status" "ExportRunStatus" NOT NULL DEFAULT 'QUEUED',
    "phase" TEXT,
    "rows_planned" INTEGER NOT NULL DEFAULT 0,
    "rows_done" INTEGER NOT NULL DEFAULT 0,
    "requests_per_second" DOUBLE PRECISION,
    "confirmed_by_id" UUID,
    "confirmed_at" TIMESTAMPTZ(3),
    "error_key" TEXT,
    "error_message" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "export_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "export_run_lists" (
    "run_id" UUID NOT NULL,
    "export_list_id" UUID NOT NULL,
    "list_name" TEXT NOT NULL,
    "iterable_list_id" INTEGER,
    "list_recreated" BOOLEAN NOT NULL DEFAULT false,
    "members" INTEGER NOT NULL DEFAULT 0,
    "valid_emails" INTEGER NOT NULL DEFAULT 0,
    "missing_emails" INTEGER NOT NULL DEFAULT 0,
    "invalid_emails" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "to_add" INTEGER NOT NULL DEFAULT 0,
    "to_update" INTEGER NOT NULL DEFAULT 0,
    "to_remove" INTEGER NOT NULL DEFAULT 0,
    "acknowledged_before" INTEGER NOT NULL DEFAULT 0,
    "added" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "removed" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "rejected_invalid" INTEGER NOT NULL DEFAULT 0,
    "rejected_forgotten" INTEGER NOT NULL DEFAULT 0,
    "rejected_conflict" INTEGER NOT NULL DEFAULT 0,
    "rejected_invalid_data" INTEGER NOT NULL DEFAULT 0,
    "rejected_not_found" INTEGER NOT NULL DEFAULT 0,
    "unconfirmed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "export_run_lists_pkey" PRIMARY KEY ("run_id","export_list_id")
);

-- CreateTable
CREATE TABLE "export_run_rejections" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "export_list_id" UUID NOT NULL,
    "operation" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "export_run_rejections_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "exports_name_key" ON "exports"("name");

-- CreateIndex
CREATE INDEX "exports_connection_id_idx" ON "exports"("connection_id");

-- CreateIndex
CREATE INDEX "export_lists_segment_id_idx" ON "export_lists"("segment_id");

-- CreateIndex
CREATE UNIQUE INDEX "export_lists_export_id_segment_id_key" ON "export_lists"("export_id", "segment_id");

-- CreateIndex
CREATE INDEX "export_runs_export_id_created_at_idx" ON "export_runs"("export_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "export_runs_export_id_status_idx" ON "export_runs"("export_id", "status");

-- CreateIndex
CREATE INDEX "export_run_rejections_run_id_export_list_id_idx" ON "export_run_rejections"("run_id", "export_list_id");

-- AddForeignKey
ALTER TABLE "export_lists" ADD CONSTRAINT "export_lists_export_id_fkey" FOREIGN KEY ("export_id") REFERENCES "exports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "export_lists" ADD CONSTRAINT "export_lists_segment_id_fkey" FOREIGN KEY ("segment_id") REFERENCES "segments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "export_list_members" ADD CONSTRAINT "export_list_members_export_list_id_fkey" FOREIGN KEY ("export_list_id") REFERENCES "export_lists"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "export_runs" ADD CONSTRAINT "export_runs_export_id_fkey" FOREIGN KEY ("export_id") REFERENCES "exports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "export_run_lists" ADD CONSTRAINT "export_run_lists_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "export_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "export_run_lists" ADD CONSTRAINT "export_run_lists_export_list_id_fkey" FOREIGN KEY ("export_list_id") REFERENCES "export_lists"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "export_run_rejections" ADD CONSTRAINT "export_run_rejections_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "export_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
