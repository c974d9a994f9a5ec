-- The acknowledged state, one partition per list (LIST on export_list_id, which the primary key
-- leads with). A list's first fill writes its acknowledged rows into a table of its own with no
-- index, and attaches it with its key built once at the end (lib/export-engine/ack-partitions.ts):
-- a million single-row upserts into one shared b-tree cost ~15 s of PostgreSQL time, appends and
-- one index build ~6 s. Rows of lists without a partition of their own (all rows before this
-- migration, too) are in the default partition.
ALTER TABLE "export_list_members" RENAME TO "export_list_members_before";
ALTER TABLE "export_list_members_before" RENAME CONSTRAINT "export_list_members_pkey" TO "export_list_members_before_pkey";

CREATE TABLE "export_list_members" (
    "export_list_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "data_hash" TEXT NOT NULL,

    CONSTRAINT "export_list_members_pkey" PRIMARY KEY ("export_list_id","email")
) PARTITION BY LIST ("export_list_id");

CREATE TABLE "export_list_members_default" PARTITION OF "export_list_members" DEFAULT;

INSERT INTO "export_list_members" SELECT "export_list_id", "email", "data_hash" FROM "export_list_members_before";
DROP TABLE "export_list_members_before";
