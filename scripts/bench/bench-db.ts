// Shared by the benchmarks: the database (DATABASE_URL, or the embedded one on FERRY_PG_PORT),
// migrated, with at least N demo profiles, and a timer.
import { openDatabaseServer } from "@/lib/db/database-server";
import { migrateDeploy } from "@/lib/db/migrate";

export async function openBenchDatabase(profiles: number) {
  const server = await openDatabaseServer();
  process.env.DATABASE_URL = server.url;
  await migrateDeploy(server.url, { quiet: true });
  const { db } = await import("@/lib/db/client");
  const { seedDemoProfiles } = await import("@/lib/profiles/demo-profiles");
  const have = await db().profile.count();
  if (have < profiles) {
    const started = Date.now();
    await seedDemoProfiles(profiles);
    console.log(`seeded ${profiles.toLocaleString("en")} profiles in ${seconds(started)} s`);
  }
  return {
    async close() {
      const { closeBulkPool } = await import("@/lib/db/bulk");
      await db().$disconnect();
      await closeBulkPool();
      await server.stop();
    },
  };
}

export const seconds = (started: number) => ((Date.now() - started) / 1000).toFixed(2);

export async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  console.log(`${label.padEnd(58)} ${(performance.now() - started).toFixed(0).padStart(7)} ms`);
  return result;
}
