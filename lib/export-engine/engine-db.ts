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

/**
 * Runs one statement with planner settings changed for it alone (names are constants of the
 * engine, never input), in the caller's transaction. `sql` may instead be the work itself (a
 * COPY read with a stream, say), run on the same session.
 */
export async function withPlannerSettings<T = pg.QueryResult>(
  session: pg.ClientBase,
  settings: Record<string, string>,
  sql: string | (() => Promise<T>),
  params: unknown[] = [],
): Promise<T> {
  const names = Object.keys(settings);
  await session.query("SELECT set_config(name, value, true) FROM unnest($1::text[], $2::text[]) AS t(name, value)", [names, Object.values(settings)]);
  try {
    return typeof sql === "string" ? ((await session.query(sql, params)) as T) : await sql();
  } finally {
    await session.query(names.map((name) => `RESET ${name}`).join("; "));
  }
}

/**
 * Runs `sql` with nested loops ruled out. The snapshot has no index (see the Prisma model), so a
 * nested loop over it scans the whole list once per outer row: when PostgreSQL misjudges a small
 * side (it did, in benchmarks: a 2,000-row diff ran for 23 s, a validation query for minutes),
 * that is quadratic. A hash join reads the snapshot once, whatever the estimates.
 * `parallel`: a pass over a whole list whose result is small (what changed) may use the idle
 * cores; the planner, costing the result at its estimate (every row), would not split it. Only a
 * SELECT or CREATE TABLE AS runs in parallel (never an INSERT … SELECT).
 */
export function withHashJoins(session: pg.ClientBase, sql: string, params: unknown[], options: { parallel?: boolean } = {}): Promise<pg.QueryResult> {
  const parallel: Record<string, string> = options.parallel ? { parallel_setup_cost: "0", parallel_tuple_cost: "0" } : {};
  return withPlannerSettings(session, { enable_nestloop: "off", ...parallel }, sql, params);
}
