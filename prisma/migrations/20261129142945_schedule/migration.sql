-- CreateEnum
CREATE TYPE "RefreshFrequency" AS ENUM ('DAILY', 'WEEKLY');

-- CreateEnum
CREATE TYPE "RefreshTrigger" AS ENUM ('SCHEDULED', 'MANUAL');

-- CreateTable
CREATE TABLE "refresh_schedule" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "frequency" "RefreshFrequency" NOT NULL DEFAULT 'DAILY',
    "weekdays" INTEGER[] DEFAULT ARRAY[1]::INTEGER[],
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "times" TEXT[] DEFAULT ARRAY['02:00']::TEXT[],
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "refresh_schedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "system_refreshes" (
    "id" UUID NOT NULL,
    "trigger" "RefreshTrigger" NOT NULL,
    "scheduled_for" TIMESTAMPTZ(3),
    "job_id" UUID,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "summary" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "system_refreshes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "system_refreshes_scheduled_for_key" ON "system_refreshes"("scheduled_for");

-- CreateIndex
CREATE UNIQUE INDEX "system_refreshes_job_id_key" ON "system_refreshes"("job_id");

-- CreateIndex
CREATE INDEX "system_refreshes_created_at_idx" ON "system_refreshes"("created_at" DESC);

-- AddForeignKey
ALTER TABLE "system_refreshes" ADD CONSTRAINT "system_refreshes_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "system_refreshes" ADD CONSTRAINT "system_refreshes_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
