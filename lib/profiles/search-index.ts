// The profile search index: GIN (jsonb_path_ops) over `profiles.attributes` (profiles.ts searches
// by exact attribute value with `@>`). Bulk writers (the import) let its new entries collect in
// the index's pending list and move them into the tree in bulk; this module does the moving.
import { setTimeout as sleep } from "node:timers/promises";
import type pg from "pg";
import { withConnection } from "@/lib/db/bulk";
import { logger } from "@/lib/logging/logger";

export const SEARCH_INDEX = "profiles_attributes_idx";

/** Moves every pending entry into the index tree (searches scan the pending list linearly). */
export async function cleanSearchIndexPendingList(client: pg.ClientBase) {
  // gin_clean_pending_list gathers entries in maintenance_work_mem before writing them.
  await client.query("SET maintenance_work_mem = '256MB'");
  try {
    await client.query(`SELECT gin_clean_pending_list('${SEARCH_INDEX}'::regclass)`);
  } finally {
    await client.query("RESET maintenance_work_mem");
  }
}

const IDLE_PAUSE_MS = 250;

/**
 * Runs `work` (a bulk write into profiles) while a second connection keeps moving the search
 * index's pending entries into its tree. Moving them costs about as much as the write itself
 * (1M imported rows: 20 s after a 32 s upsert); side by side they use both cores. GIN lets
 * inserts append to the pending list while a cleanup runs, and an entry needs no commit to be
 * moved (visibility is checked on the table, never in the index), so the write's transaction is
 * untouched. The caller still cleans once more after its commit, for what came last.
 */
export async function whileCleaningSearchIndex<T>(work: () => Promise<T>): Promise<T> {
  let writing = true;
  const cleaner = withConnection(async (client) => {
    while (writing) {
      const started = Date.now();
      await cleanSearchIndexPendingList(client);
      if (writing && Date.now() - started < IDLE_PAUSE_MS) await sleep(IDLE_PAUSE_MS);
    }
  }).catch((error: unknown) => logger.warn({ err: error }, "search index cleanup beside a bulk write failed"));
  try {
    return await work();
  } finally {
    writing = false;
    await cleaner;
  }
}
