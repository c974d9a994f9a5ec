import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { ensureDatabase } from "./embedded-postgres";
import { migrateDeploy, runPrismaCli } from "./migrate";

// The global setup already migrated the test database; this proves the migrations apply to
// an empty database from scratch, and that the schema has not drifted from them.
describe("migrations", () => {
  const base = new URL(process.env.DATABASE_URL!);
  const emptyUrl = new URL(base);
  emptyUrl.pathname = `/ferry_empty_${Date.now()}`;
  const adminUrl = new URL(base);
  adminUrl.pathname = "/postgres";

  afterAll(async () => {
    const client = new pg.Client({ connectionString: adminUrl.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${emptyUrl.pathname.slice(1)}" WITH (FORCE)`);
    await client.end();
  });

  it("apply to an empty database and create every table", async () => {
    await ensureDatabase(adminUrl.toString(), emptyUrl.pathname.slice(1));
    await migrateDeploy(emptyUrl.toString(), { quiet: true });
    const client = new pg.Client({ connectionString: emptyUrl.toString() });
    await client.connect();
    const tables = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    await client.end();
    expect(tables.rows.map((row) => row.tablename)).toEqual(
      expect.arrayContaining(["_prisma_migrations", "attributes", "audit_log", "profiles", "sign_in_attempts", "users"]),
    );
  });

  it("are a second time a no-op", async () => {
    await expect(migrateDeploy(process.env.DATABASE_URL!, { quiet: true })).resolves.toBeUndefined();
  });

  it("match prisma/schema/ (no drift)", async () => {
    const output = await runPrismaCli(
      ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema", "--exit-code"],
      process.env.DATABASE_URL!,
      { quiet: true },
    );
    expect(output).toContain("No difference detected");
    // Replays every migration into a shadow database: ~25 s on a busy 2-core machine, and growing.
  }, 120_000);
});
