// `npm run worker`: a job worker in its own process, to scale out on more machines. It uses
// DATABASE_URL, or the embedded PostgreSQL of an `npm start` running on this machine.
import { settings } from "@/lib/config/env";
import { embeddedDatabaseUrl } from "@/lib/db/embedded-postgres";
import { JOB_DEFINITIONS } from "@/lib/jobs/registry";
import { stopBoss } from "@/lib/jobs/queue";
import { startWorker } from "@/lib/jobs/worker";
import { startScheduler } from "@/lib/schedule/scheduler";

async function main() {
  process.env.DATABASE_URL ??= embeddedDatabaseUrl(settings().FERRY_PG_PORT);
  const worker = await startWorker({ definitions: JOB_DEFINITIONS });
  const scheduler = startScheduler();
  console.log(`[worker] ${worker.id} running ${JOB_DEFINITIONS.map((job) => job.type).join(", ") || "no job types yet"}`);
  const stop = async () => {
    scheduler.stop();
    await worker.stop();
    await stopBoss();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error) => {
  console.error(`[worker] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
