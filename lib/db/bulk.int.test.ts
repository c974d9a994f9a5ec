// The bulk pool survives the server closing one of its idle connections (restart, administrator):
// unheard, that "error" event would end the process running the web app and its worker.
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { databaseUrl } from "@/lib/config/env";
import { bulkPool, closeBulkPool, withConnection } from "./bulk";

afterAll(closeBulkPool);

it("replaces an idle connection the server terminated", async () => {
  const pid = await withConnection(async (client) => (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid);
  expect(bulkPool().idleCount).toBeGreaterThan(0);
  const admin = new pg.Client({ connectionString: databaseUrl() });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ done: boolean }>("SELECT pg_terminate_backend($1) AS done", [pid]);
    expect(rows[0]!.done).toBe(true);
  } finally {
    await admin.end();
  }
  // The pool drops the dead connection (no listener of ours here: an unheard "error" fails the run).
  await expect.poll(() => bulkPool().totalCount, { timeout: 5000 }).toBe(0);
  const after = await withConnection(async (client) => (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid);
  expect(after).not.toBe(pid);
});
