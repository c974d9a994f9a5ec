-- AlterTable
ALTER TABLE "attributes" ADD COLUMN     "counted_at" TIMESTAMPTZ(3),
ADD COLUMN     "value_count" INTEGER;

-- AlterTable
ALTER TABLE "segments" ADD COLUMN     "defined_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "last_refresh_ms" INTEGER,
ADD COLUMN     "match_by" TEXT,
ADD COLUMN     "unknown_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "unknown_sample" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "static_segment_entries" (
    "segment_id" UUID NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "static_segment_entries_pkey" PRIMARY KEY ("segment_id","value")
);

-- CreateIndex
CREATE INDEX "profiles_attributes_idx" ON "profiles" USING GIN ("attributes" jsonb_path_ops);

-- AddForeignKey
ALTER TABLE "static_segment_entries" ADD CONSTRAINT "static_segment_entries_segment_id_fkey" FOREIGN KEY ("segment_id") REFERENCES "segments"("id") ON DELETE CASCADE ON UPDATE CASCADE;
