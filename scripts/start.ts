// `npm start`: everything Ferry needs on one machine, in one command.
//  1. PostgreSQL: DATABASE_URL when set, otherwise embedded PostgreSQL in the data folder.
//  2. Migrations applied; demo users and profiles seeded on an empty database.
//  3. The local Iterable sandbox (FERRY_SANDBOX=off to skip it).
//  4. A job worker, in this process (FERRY_WORKER=off to run workers elsewhere).
//  5. The production build of the app (rebuilt when the sources changed), served on PORT.
// Ctrl-C stops all of it cleanly. `--dev` serves with `next dev` instead.
import fs from "node:fs";
import path from "node:path";
import { settings } from "@/lib/config/env";
import { localSecret } from "@/lib/config/local-secrets";
import { openDatabaseServer } from "@/lib/db/database-server";
import { migrateDeploy } from "@/lib/db/migrate";
import { DEMO_USERS } from "@/lib/users/demo-accounts";
import { buildIsCurrent, recordBuild, sourceFingerprint } from "./lib/build-fingerprint";
import { run, startLongRunning, stopChild, waitForHttp } from "./lib/processes";

const root = path.resolve(__dirname, "..");
const dev = process.argv.includes("--dev");
const fresh = process.argv.includes("--fresh");
const log = (line: string) => console.log(`[ferry] ${line}`);

async function main() {
  const config = settings();
  const started = Date.now();
  if (fresh) resetDataDir(config.dataDir);
  fs.mkdirSync(config.dataDir, { recursive: true });

  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log("stopping…");
    for (const stop of stops.reverse()) await stop().catch((error) => console.error(error));
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  const database = await openDatabaseServer();
  stops.push(database.stop);
  process.env.DATABASE_URL = database.url;
  log(database.embedded ? `embedded PostgreSQL in ${path.join(config.dataDir, "postgres")} (port ${config.FERRY_PG_PORT})` : "PostgreSQL from DATABASE_URL");
  await migrateDeploy(database.url, { quiet: true });
  log("migrations applied");

  const { db } = await import("@/lib/db/client");
  if ((await db().user.count()) === 0) {
    const { seedDemoData } = await import("@/lib/db/seed");
    log(`empty database: seeding demo data (${config.FERRY_SEED_PROFILES.toLocaleString("en")} profiles)`);
    await seedDemoData({ profiles: config.FERRY_SEED_PROFILES, log });
  }

  // The job worker runs inside this process on the defaults; `npm run worker` adds more.
  if (config.FERRY_WORKER === "on") {
    const { startWorker } = await import("@/lib/jobs/worker");
    const { stopBoss } = await import("@/lib/jobs/queue");
    const { JOB_DEFINITIONS } = await import("@/lib/jobs/registry");
    const { startScheduler } = await import("@/lib/schedule/scheduler");
    const worker = await startWorker({ definitions: JOB_DEFINITIONS });
    const scheduler = startScheduler();
    stops.push(async () => {
      scheduler.stop();
      await worker.stop();
      await stopBoss();
    });
    log(`job worker ${worker.id}`);
  }

  let sandboxLine = "Iterable sandbox: off";
  let sandboxUrl: string | undefined;
  if (config.FERRY_SANDBOX === "on") {
    const { startSandbox } = await import("@/sandbox/server");
    const { SANDBOX_DEMO_API_KEY } = await import("@/sandbox/constants");
    const sandbox = await startSandbox({
      port: config.FERRY_SANDBOX_PORT,
      host: "127.0.0.1",
      stateFile: path.join(config.dataDir, "sandbox", "state.json"),
    });
    stops.push(() => sandbox.close());
    sandboxUrl = sandbox.url;
    sandboxLine = `Iterable sandbox: ${sandbox.url}  (demo API key: ${SANDBOX_DEMO_API_KEY})`;
  }

  const port = String(config.PORT);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: config.NEXTAUTH_SECRET ?? localSecret(config.dataDir, "nextauth-secret"),
    NEXTAUTH_URL: config.NEXTAUTH_URL ?? `http://localhost:${port}`,
    // Seals the connections' API keys; like the session secret, generated once on the embedded defaults.
    FERRY_MASTER_KEY: config.FERRY_MASTER_KEY ?? localSecret(config.dataDir, "master-key"),
    // The wizard offers this sandbox as the "Local sandbox" data center.
    ...(sandboxUrl ? { FERRY_SANDBOX_URL: sandboxUrl } : {}),
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: dev ? "development" : "production",
  };
  const nextBin = path.join(root, "node_modules/next/dist/bin/next");
  if (!dev && !buildIsCurrent(root)) {
    log("building the app (only when the sources changed)…");
    const fingerprint = sourceFingerprint(root);
    await run(process.execPath, [nextBin, "build"], env, root);
    recordBuild(root, fingerprint);
  }
  const app = startLongRunning(process.execPath, [nextBin, dev ? "dev" : "start", "-p", port], env, root);
  stops.push(() => stopChild(app));
  app.on("exit", (code) => {
    if (!stopping) {
      log(`the app stopped (exit ${code ?? "signal"})`);
      void shutdown(code ?? 1);
    }
  });
  await waitForHttp(`http://127.0.0.1:${port}/sign-in`, 120_000, () => app.exitCode === null);

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    [
      "",
      `  Ferry is ready at http://localhost:${port}  (started in ${seconds} s)`,
      "  Demo accounts:",
      ...DEMO_USERS.map((user) => `    ${user.role.padEnd(13)} ${user.email.padEnd(26)} ${user.password}`),
      `  ${sandboxLine}`,
      "  Stop with Ctrl-C.",
      "",
    ].join("\n"),
  );
}

// `--fresh` wipes the data folder first; only ever a folder under this project's .data/.
function resetDataDir(dataDir: string) {
  const allowed = path.join(root, ".data") + path.sep;
  if (!dataDir.startsWith(allowed)) throw new Error(`--fresh only resets folders under ${allowed}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(`[ferry] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
