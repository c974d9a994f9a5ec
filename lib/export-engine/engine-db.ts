// The engine's own PostgreSQL access with `pg`, beside Prisma: a run needs one pinned session
// (temporary staging tables, a cursor, the per-export advisory lock) and many small batch
// commits of raw SQL; Prisma's pool can pin neither a session nor a temp table.
import pg from "pg";
import { newPool, transactionOn } from "@/lib/db/bulk";
import { databaseUrl } from "@/lib/config/env";
import { logger } from "@/lib/logging/logger";

const holder = globalThis as unknown as { ferryEnginePool?: pg.Pool };

/** Pool for batch commits (short transactions). */
export function enginePool(): pg.Pool {
  holder.ferryEnginePool ??= newPool({ max: 12 });
  return holder.ferryEnginePool;
}

/** A dedicated session (not from the pool): temp tables and session locks live on it. */
export async function openSession(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  // Lost between two statements: logged here (unheard, the event would end the process); the
  // run's next statement fails and the run is resumed like after a crash.
  client.on("error", (error) => logger.warn({ err: error.message }, "export run session lost"));
  await client.connect();
  // Staging a million members fits in memory instead of spilling to temp files (must be set
  // before the session touches its first temporary table).
  await client.query("SET temp_buffers = '256MB'");
  // Planning sorts and hashes a million rows once per run: in memory, not in temp files.
  await client.query("SET work_mem = '128MB'");
  return client;
}

export async function closeEnginePool(): Promise<void> {
  const pool = holder.ferryEnginePool;
  holder.ferryEnginePool = undefined;
  await pool?.end();
}

export function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return transactionOn(enginePool(), work);
}
