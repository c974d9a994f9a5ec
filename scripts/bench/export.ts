// Export engine benchmark:
//   npm run bench:export -- [--members 1000000] [--rate 20] [--throttled-members 200000] [--concurrency 4] [--skip-throttled]
// The sandbox and the worker each run in their own process; this script seeds, triggers runs
// through the domain API and reads the figures from the run rows and /proc (worker peak RSS).
//   A. first export of the segment, sandbox unthrottled            (target ≤ 20 s)
//   B. again after 1% of members changed: joined, left, new data   (target ≤ 5 s)
//   C. first export of --throttled-members with the sandbox limited to N requests/s
//                                                                   (target within 10% of members/1000/N)
// Besides wall times it prints the CPU seconds the worker, the sandbox and PostgreSQL spent on
// each run, and the load average: the machine is shared, CPU time is the steadier figure.
// Uses DATABASE_URL, or the embedded PostgreSQL on FERRY_PG_PORT (data in FERRY_DATA_DIR).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabaseServer } from "@/lib/db/database-server";
import { migrateDeploy } from "@/lib/db/migrate";
import { dropListTablesSql } from "@/lib/export-engine/ack-partitions";
import { SANDBOX_DEMO_API_KEY, SANDBOX_DEMO_PROJECT } from "@/sandbox/index";

const root = path.resolve(__dirname, "../..");
const { values } = parseArgs({
  options: {
    members: { type: "string" }, rate: { type: "string" }, "throttled-members": { type: "string" },
    concurrency: { type: "string" }, "skip-throttled": { type: "boolean" },
  },
});
const MEMBERS = Number(values.members ?? 1_000_000);
const RATE = Number(values.rate ?? 20);
const THROTTLED_MEMBERS = Math.min(MEMBERS, Number(values["throttled-members"] ?? 200_000));
const CONCURRENCY = Number(values.concurrency ?? 4);
const CHANGE = Math.floor(MEMBERS / 300); // three kinds of change, ~1% of members together
const BENCH_CONNECTION_ID = "00000000-0000-4000-8000-000000000001";
const log = (line: string) => console.log(`[bench] ${line}`);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

function startChild(script: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  // FERRY_BENCH_CPU_PROF=<dir>: the children write V8 CPU profiles there when they exit.
  const profile = process.env.FERRY_BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.FERRY_BENCH_CPU_PROF] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", script, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (data: Buffer) => {
      output += data.toString();
      // The engine logs where each run spent its time.
      for (const line of data.toString().split("\n")) if (line.includes('"timings"')) log(`  ${JSON.stringify(JSON.parse(line).timings)}`);
      if (ready.test(output)) resolve(child);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (data: Buffer) => {
      onData(data);
      process.stderr.write(data);
    });
    child.once("exit", (code) => reject(new Error(`${script} exited (${code}): ${output.slice(-2000)}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** CPU seconds (user + system) a process has used; with `reaped`, also its finished children's. */
function cpuSeconds(pid: number, reaped = false): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
    // After "(comm) ": state is field 0, utime 11, stime 12, cutime 13, cstime 14 (clock ticks).
    const ticks = Number(fields[11]) + Number(fields[12]) + (reaped ? Number(fields[13]) + Number(fields[14]) : 0);
    return ticks / 100;
  } catch {
    return 0; // the process ended meanwhile
  }
}

/** CPU seconds of PostgreSQL: the postmaster with its reaped children, plus the live ones. */
function pgCpuSeconds(postmaster: number): number {
  let total = cpuSeconds(postmaster, true);
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(fs.readFileSync(`/proc/${entry}/stat`, "utf8").replace(/^.*\) /, "").split(" ")[1]);
      if (ppid === postmaster) total += cpuSeconds(Number(entry));
    } catch {
      // gone
    }
  }
  return total;
}

const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" ");

/** Peak resident memory of a process (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function main() {
  const server = await openDatabaseServer();
  process.env.DATABASE_URL = server.url;
  await migrateDeploy(server.url, { quiet: true });
  const { db } = await import("@/lib/db/client");
  const { seedDemoProfiles } = await import("@/lib/profiles/demo-profiles");
  const { createExport, findExportByName, requestRun, waitForRun } = await import("@/lib/export-engine");
  const { runErrorText } = await import("@/lib/export-engine/run-errors");
  const { stopBoss } = await import("@/lib/jobs/queue");
  const children: ChildProcess[] = [];
  try {
    const wanted = MEMBERS + CHANGE + 10;
    const count = (await db().$queryRaw<{ count: bigint }[]>`SELECT count(*) FROM profiles`)[0]?.count ?? 0;
    if (Number(count) < wanted) {
      log(`seeding ${wanted.toLocaleString("en")} profiles…`);
      await seedDemoProfiles(wanted);
    }
    await db().$executeRaw`UPDATE profiles SET attributes = attributes - 'bench_mark' WHERE attributes ? 'bench_mark'`;
    const segment = await db().segment.upsert({ where: { name: "Bench members" }, create: { name: "Bench members", kind: "STATIC" }, update: {} });
    await db().$executeRaw`DELETE FROM segment_members WHERE segment_id = ${segment.id}::uuid`;
    await db().$executeRaw`INSERT INTO segment_members (segment_id, profile_id) SELECT ${segment.id}::uuid, id FROM profiles ORDER BY id LIMIT ${MEMBERS}`;
    await db().$executeRaw`ANALYZE segment_members`;
    // Exports reference a stored connection (foreign key); the worker's FERRY_EXPORT_TARGET_URL/KEY
    // override every export's target, so this row's key is a placeholder and never decrypted.
    const connection = await db().connection.upsert({
      where: { id: BENCH_CONNECTION_ID },
      create: {
        id: BENCH_CONNECTION_ID, type: "ITERABLE", displayName: "Bench sandbox", nameKey: "bench sandbox", region: "SANDBOX",
        apiKeyCiphertext: "placeholder", apiKeyMasterKeyId: "placeholder", apiKeyLast4: "0000",
        checkStatus: "CONNECTED", checkedAt: new Date(), privacyNoticeVersion: "bench", privacyAcceptedAt: new Date(),
      },
      update: {},
    });
    const benchExport = async (name: string, segmentId: string) =>
      (await findExportByName(name)) ??
      (await createExport(null, {
        name, connectionId: connection.id, emailAttribute: "email", segmentIds: [segmentId],
        dataFields: [{ attribute: "loyalty_tier", field: "loyaltyTier" }, { attribute: "bench_mark", field: "benchMark" }],
        maxRemovalShare: 1,
      }));
    const exp = await benchExport("Bench export", segment.id);
    // A true first export: nothing acknowledged, no list, no snapshot of an earlier bench.
    const fresh = async (exportId: string) => {
      const listIds = (await db().exportList.findMany({ where: { exportId } })).map((list) => list.id);
      // A new list has no acknowledged table of its own yet (ack-partitions.ts), nor rows elsewhere.
      for (const sql of dropListTablesSql(listIds)) await db().$executeRawUnsafe(sql);
      await db().exportListMember.deleteMany({ where: { exportListId: { in: listIds } } });
      await db().exportList.updateMany({ where: { exportId }, data: { iterableListId: null, iterableListCreatedAt: null } });
      await db().$executeRaw`DELETE FROM export_list_plan_states WHERE export_list_id IN (SELECT id FROM export_lists WHERE export_id = ${exportId}::uuid)`;
      await db().$executeRaw`DELETE FROM export_list_snapshots WHERE export_list_id IN (SELECT id FROM export_lists WHERE export_id = ${exportId}::uuid)`;
      // The last benchmark's B changed 1% of the profiles and members: vacuumed now, not by
      // autovacuum in the middle of A.
      await db().$executeRaw`VACUUM ANALYZE profiles`;
      await db().$executeRaw`VACUUM ANALYZE segment_members`;
      await db().$executeRaw`VACUUM ANALYZE export_list_snapshots`;
      await db().$executeRaw`VACUUM ANALYZE export_list_members`;
    };
    const postmaster = Number(
      fs.readFileSync(`/proc/${(await db().$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0]!.pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ")[1],
    );
    const startSandbox = async (rate?: number) => {
      const port = await freePort();
      const child = await startChild("sandbox/main.ts", ["--no-state", "--port", String(port)], {}, /listening on/);
      children.push(child);
      const url = `http://127.0.0.1:${port}`;
      if (rate) {
        const limits = { subscribe: { limit: rate, per: "second" }, unsubscribe: { limit: rate, per: "second" } };
        await fetch(`${url}/_sandbox/rate-limits`, { method: "PUT", body: JSON.stringify(limits), headers: { "content-type": "application/json" } });
      }
      return { url, child };
    };
    const startEngineWorker = async (url: string, rps: number) => {
      const child = await startChild("scripts/worker.ts", [], {
        LOG_LEVEL: "info", FERRY_EXPORT_TARGET_URL: url, FERRY_EXPORT_TARGET_KEY: SANDBOX_DEMO_API_KEY,
        FERRY_EXPORT_TARGET_RPS: String(rps), FERRY_EXPORT_TARGET_CONCURRENCY: String(CONCURRENCY), FERRY_EXPORT_BATCH_SIZE: "1000",
      }, /\[worker\].*running/);
      children.push(child);
      return child;
    };
    const timedRun = async (label: string, procs: { worker: ChildProcess; sandbox: ChildProcess }, exportId = exp.id) => {
      const wall = Date.now();
      const cpu = () => ({ worker: cpuSeconds(procs.worker.pid!), sandbox: cpuSeconds(procs.sandbox.pid!), pg: pgCpuSeconds(postmaster), bench: cpuSeconds(process.pid) });
      const before = cpu();
      const loadBefore = load();
      const { run } = await requestRun(exportId, { trigger: "MANUAL", actor: null });
      // Every 500 ms: polling every 100 ms (a run and its lists through Prisma) cost this script
      // ~1.5 CPU s during A, taken from the two cores the export runs on. The run's time comes
      // from its own start and finish, not from the polls.
      const done = await waitForRun(run.id, { timeoutMs: 30 * 60_000, pollMs: 500 });
      const after = cpu();
      const seconds = (done.finishedAt!.getTime() - done.startedAt!.getTime()) / 1000;
      const l = done.lists[0]!;
      const used = `CPU s: worker ${(after.worker - before.worker).toFixed(1)}, sandbox ${(after.sandbox - before.sandbox).toFixed(1)}, PostgreSQL ${(after.pg - before.pg).toFixed(1)}, this script ${(after.bench - before.bench).toFixed(1)}`;
      const loads = `load ${loadBefore} → ${load()}`;
      log(`${label}: ${done.status} in ${seconds.toFixed(1)} s (request → done ${((Date.now() - wall) / 1000).toFixed(1)} s); members ${l.members}, added ${l.added}, updated ${l.updated}, removed ${l.removed}, unchanged ${l.unchanged}`);
      log(`  ${used}; ${loads}`);
      if (!done.status.startsWith("SUCCEEDED")) throw new Error(`run ${done.status}: ${runErrorText(done)}`);
      return { seconds, run: done, detail: `${used}; ${loads}` };
    };
    const listSize = async (url: string) => {
      const answer = (await (await fetch(`${url}/_sandbox/projects/${encodeURIComponent(SANDBOX_DEMO_PROJECT)}/lists`)).json()) as unknown;
      const lists = (Array.isArray(answer) ? answer : (answer as { lists: { size: number }[] }).lists) as { size: number }[];
      return lists[0]?.size;
    };

    const figures: string[] = [];
    await fresh(exp.id);
    const sandbox = await startSandbox();
    const worker = await startEngineWorker(sandbox.url, 100_000);
    const procs = { worker, sandbox: sandbox.child };
    const first = await timedRun(`A. first export, ${MEMBERS.toLocaleString("en")} members, unthrottled`, procs);
    figures.push(`A first export: ${first.seconds.toFixed(1)} s (target ≤ 20 s); list size ${await listSize(sandbox.url)}; ${first.detail}`);

    const ids = await db().$queryRaw<{ id: bigint }[]>`SELECT profile_id AS id FROM segment_members WHERE segment_id = ${segment.id}::uuid ORDER BY profile_id LIMIT ${2 * CHANGE}`;
    const leavers = ids.slice(0, CHANGE).map((r) => r.id);
    const changed = ids.slice(CHANGE).map((r) => r.id);
    await db().$executeRaw`DELETE FROM segment_members WHERE segment_id = ${segment.id}::uuid AND profile_id = ANY(${leavers}::bigint[])`;
    await db().$executeRaw`INSERT INTO segment_members (segment_id, profile_id) SELECT ${segment.id}::uuid, p.id FROM profiles p WHERE NOT EXISTS (SELECT 1 FROM segment_members m WHERE m.segment_id = ${segment.id}::uuid AND m.profile_id = p.id) AND p.id <> ALL(${leavers}::bigint[]) ORDER BY p.id LIMIT ${CHANGE}`;
    await db().$executeRaw`UPDATE profiles SET attributes = attributes || '{"bench_mark": 1}' WHERE id = ANY(${changed}::bigint[])`;
    const second = await timedRun(`B. again after ${(3 * CHANGE).toLocaleString("en")} changes`, procs);
    figures.push(`B re-run after 1% changed: ${second.seconds.toFixed(1)} s (target ≤ 5 s); ${second.detail}`);
    const rss = peakRssMb(worker.pid!);
    figures.push(`worker peak RSS (VmHWM) over A and B: ${rss.toFixed(0)} MB (target ≤ 512 MB)`);
    await stop(worker);
    await stop(sandbox.child);

    if (!values["skip-throttled"]) {
      // Its own segment (the first THROTTLED_MEMBERS profiles) and export, exported from scratch.
      const small = await db().segment.upsert({ where: { name: "Bench members (throttled)" }, create: { name: "Bench members (throttled)", kind: "STATIC" }, update: {} });
      await db().$executeRaw`DELETE FROM segment_members WHERE segment_id = ${small.id}::uuid`;
      await db().$executeRaw`INSERT INTO segment_members (segment_id, profile_id) SELECT ${small.id}::uuid, id FROM profiles ORDER BY id LIMIT ${THROTTLED_MEMBERS}`;
      await db().$executeRaw`ANALYZE segment_members`;
      const throttled = await benchExport("Bench export (throttled)", small.id);
      await fresh(throttled.id);
      const limited = await startSandbox(RATE);
      const limitedWorker = await startEngineWorker(limited.url, RATE);
      const third = await timedRun(`C. first export, ${THROTTLED_MEMBERS.toLocaleString("en")} members, sandbox limited to ${RATE} requests/s`, { worker: limitedWorker, sandbox: limited.child }, throttled.id);
      const ideal = THROTTLED_MEMBERS / 1000 / RATE;
      const ratio = third.seconds / ideal;
      figures.push(`C ${THROTTLED_MEMBERS.toLocaleString("en")} members limited to ${RATE} req/s: ${third.seconds.toFixed(1)} s vs ${ideal.toFixed(1)} s ideal (ratio ${ratio.toFixed(3)}, ${((ratio - 1) * 100).toFixed(1)}% over; target ≤ 10%); ${third.detail}; sandbox subscribe answers: ${JSON.stringify(((await (await fetch(`${limited.url}/_sandbox/stats`)).json()) as { requests: Record<string, unknown> }).requests.subscribe)}`);
      await stop(limitedWorker);
      await stop(limited.child);
    }
    console.log(`\n${figures.join("\n")}`);
  } finally {
    for (const child of children) await stop(child).catch(() => {});
    await stopBoss().catch(() => {});
    await db().$disconnect();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
