// Seeds demo users and deterministic profiles: npm run db:seed -- [--profiles N]
// (default 20,000; FERRY_SEED_PROFILES also sets it). Migrations are applied first.
import { settings } from "@/lib/config/env";
import { openDatabaseServer } from "@/lib/db/database-server";
import { migrateDeploy } from "@/lib/db/migrate";
import { seedDemoData } from "@/lib/db/seed";

async function main() {
  const flag = process.argv.indexOf("--profiles");
  const profiles = flag > 0 ? Number(process.argv[flag + 1]) : settings().FERRY_SEED_PROFILES;
  if (!Number.isInteger(profiles) || profiles < 0) throw new Error("--profiles takes a whole number");
  const server = await openDatabaseServer();
  process.env.DATABASE_URL = server.url;
  try {
    await migrateDeploy(server.url, { quiet: true });
    await seedDemoData({ profiles, log: (line) => console.log(line) });
  } finally {
    const { db } = await import("@/lib/db/client");
    const { closeBulkPool } = await import("@/lib/db/bulk");
    await db().$disconnect();
    await closeBulkPool();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
