// Creates a new versioned migration from the change in prisma/schema/, offline:
//   npm run db:new-migration -- add_connections
// The SQL is Prisma's diff from the migrations so far to the schema (computed in a shadow
// database, never from the live one: the engine creates tables at run time, one per list of the
// partitioned acknowledged state, which `migrate dev` would take for drift and offer to reset).
// Then the migration is applied to DATABASE_URL, or to the embedded database in the data folder.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openDatabaseServer } from "@/lib/db/database-server";
import { migrateDeploy, runPrismaCli } from "@/lib/db/migrate";

async function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("Usage: npm run db:new-migration -- <name_in_snake_case>");
    process.exit(2);
  }
  const server = await openDatabaseServer();
  try {
    await migrateDeploy(server.url, { quiet: true });
    const scratch = path.join(await fs.mkdtemp(path.join(os.tmpdir(), "ferry-migration-")), "migration.sql");
    await runPrismaCli(
      ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema", "--script", "--output", scratch],
      server.url,
      { quiet: true },
    );
    const sql = await fs.readFile(scratch, "utf8");
    if (!/^\s*[A-Z]/m.test(sql.replace(/^--.*$/gm, ""))) {
      console.log("prisma/schema/ matches the migrations: nothing to migrate.");
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join("prisma/migrations", `${stamp}_${name}`);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, "migration.sql"), sql);
    console.log(`Wrote ${dir}/migration.sql (read it: Prisma cannot express everything, e.g. partitions).`);
    await migrateDeploy(server.url);
    await runPrismaCli(["generate"], server.url, { quiet: true });
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
