-- AlterTable
ALTER TABLE "export_runs" ADD COLUMN     "retries" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "export_scheduled_slots" (
    "export_id" UUID NOT NULL,
    "scheduled_for" TIMESTAMPTZ(3) NOT NULL,
    "run_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "export_scheduled_slots_pkey" PRIMARY KEY ("export_id","scheduled_for")
);

-- AddForeignKey
ALTER TABLE "export_scheduled_slots" ADD CONSTRAINT "export_scheduled_slots_export_id_fkey" FOREIGN KEY ("export_id") REFERENCES "exports"("id") ON DELETE CASCADE ON UPDATE CASCADE;
