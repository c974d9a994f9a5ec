// A plain `pg` pool for bulk work Prisma does not do well: COPY streams, long set-based
// statements in one explicit transaction, array parameters. Prisma stays the way to read and
// write ordinary records; this pool is only for lib/ domain code that moves many rows at once.
import pg from "pg";
import { databaseUrl } from "@/lib/config/env";
import { logger } from "@/lib/logging/logger";

const holder = globalThis as unknown as { ferryBulkPool?: pg.Pool };

/**
 * A pool on the application's database. An idle connection the server closes (restart,
 * administrator, network) is logged and replaced: without a listener its "error" event would end
 * the process (the web app with its in-process worker).
 */
export function newPool(options: Omit<pg.PoolConfig, "connectionString">): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl(), ...options });
  pool.on("error", (error) => logger.warn({ err: error.message }, "idle database connection lost"));
  return pool;
}

export function bulkPool(): pg.Pool {
  holder.ferryBulkPool ??= newPool({ max: 4, idleTimeoutMillis: 10_000 });
  return holder.ferryBulkPool;
}

/** Runs `work` on one connection inside BEGIN … COMMIT (ROLLBACK on any error). */
export function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return transactionOn(bulkPool(), work);
}

/** The same on a connection of another pool (the export engine keeps its own, tuned one). */
export async function transactionOn<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await transactionIn(client, () => work(client));
  } finally {
    client.release();
  }
}

/** The same on a connection the caller holds (a session with its own temp tables and locks). */
export async function transactionIn<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const result = await work();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

/**
 * Runs `work` on one connection of the pool (temp tables live as long as it). After a failure
 * the connection is closed, not reused: it may be in the middle of a COPY.
 */
export async function withConnection<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await bulkPool().connect();
  let failed = false;
  try {
    return await work(client);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    client.release(failed);
  }
}

export async function closeBulkPool() {
  const pool = holder.ferryBulkPool;
  holder.ferryBulkPool = undefined;
  await pool?.end();
}

/**
 * A text[] parameter as PostgreSQL's array literal, every element quoted. node-postgres escapes
 * each element of a JS array with a regular expression (~1.6 s of a 1M-member export's worker
 * CPU, for its batch commits' emails and hashes); here one scan of the whole finds whether any
 * element needs escaping at all (a quote or a backslash: rare in emails, never in hashes).
 */
export function textArrayLiteral(values: readonly string[]): string {
  if (values.length === 0) return "{}";
  // Tested on a join whose separator holds neither character (the literal's own separator, a
  // quoted comma, would always match and every array would take the slow path).
  if (!/["\\]/.test(values.join(","))) return `{"${values.join('","')}"}`;
  return `{${values.map((value) => `"${value.replace(/[\\"]/g, "\\$&")}"`).join(",")}}`;
}
