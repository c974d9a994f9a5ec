// pg-boss (10.x, the last line for Node 20) delivers job ids to workers through PostgreSQL:
// no other server to run, and any number of worker processes on any machines sharing the
// database. The jobs table (jobs.ts) stays the truth; a message only says "look at job X".
import PgBoss from "pg-boss";
import { databaseUrl } from "@/lib/config/env";
import { logger } from "@/lib/logging/logger";

const holder = globalThis as unknown as { ferryBoss?: Promise<PgBoss> };

export function queueName(type: string) {
  return `ferry.${type}`;
}

/** One pg-boss per process; `supervise` (maintenance) only where a worker runs. */
export function getBoss(options: { supervise?: boolean } = {}): Promise<PgBoss> {
  holder.ferryBoss ??= (async () => {
    const boss = new PgBoss({
      connectionString: databaseUrl(),
      max: 4,
      supervise: options.supervise ?? false,
      schedule: options.supervise ?? false,
    });
    boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
    await boss.start();
    return boss;
  })();
  return holder.ferryBoss;
}

const created = new Set<string>();

export async function ensureQueue(boss: PgBoss, type: string) {
  const name = queueName(type);
  if (created.has(name)) return name;
  // "short" policy + singletonKey = job id: a job is never queued twice at once.
  // Long jobs keep their message active; our heartbeat, not pg-boss's expiry, detects a dead worker.
  await boss.createQueue(name, { name, policy: "short", retryLimit: 0, expireInSeconds: 4 * 60 * 60 });
  created.add(name);
  return name;
}

export async function deliver(type: string, jobId: string) {
  const boss = await getBoss();
  const name = await ensureQueue(boss, type);
  await boss.send(name, { jobId }, { singletonKey: jobId, retryLimit: 0 });
}

export async function stopBoss() {
  const boss = await holder.ferryBoss;
  holder.ferryBoss = undefined;
  created.clear();
  await boss?.stop({ graceful: false, wait: true, timeout: 5_000 });
}
