// Applies pending migrations (the start command does this too): npm run db:migrate
import { openDatabaseServer } from "@/lib/db/database-server";
import { migrateDeploy } from "@/lib/db/migrate";

async function main() {
  const server = await openDatabaseServer();
  try {
    await migrateDeploy(server.url);
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
