// Creates a new versioned migration from the change in prisma/schema.prisma, offline:
//   npm run db:new-migration -- add_connections
// Works on DATABASE_URL when set, otherwise on the embedded database in the data folder.
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
    // On an empty database `migrate dev` fails (P1014): deploy first creates the migrations table.
    await migrateDeploy(server.url, { quiet: true });
    await runPrismaCli(["migrate", "dev", "--name", name, "--skip-seed", "--skip-generate"], server.url);
    await runPrismaCli(["generate"], server.url, { quiet: true });
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
