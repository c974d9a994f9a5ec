-- Incremental planning (docs/export-engine.md, "Planning"). UNLOGGED: a cache that PostgreSQL
-- empties after a crash (both tables together), and a list without a plan state is rebuilt.
-- No indexes and no foreign keys on the snapshot: a rebuild appends a million rows at heap speed.
CREATE UNLOGGED TABLE "export_list_snapshots" (
    "export_list_id" UUID NOT NULL,
    "profile_id" BIGINT NOT NULL,
    "version" XID NOT NULL,
    "fp" BIGINT NOT NULL,
    "email" TEXT NOT NULL,
    "valid" BOOLEAN NOT NULL,
    "dup" BOOLEAN NOT NULL,
    "data" TEXT,
    "data_hash" TEXT NOT NULL
);

CREATE UNLOGGED TABLE "export_list_plan_states" (
    "export_list_id" UUID NOT NULL,
    "settings_key" TEXT NOT NULL,
    "in_sync" BOOLEAN NOT NULL DEFAULT false,
    "acknowledged" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "export_list_plan_states_pkey" PRIMARY KEY ("export_list_id")
);
