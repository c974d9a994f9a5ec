import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// Measures how many subscribers per second the sandbox ingests at 1000 per request.
// The sandbox runs in its own process (as in the demo), so client and server do not share one
// event loop. Usage: npx tsx sandbox/bench-ingest.ts [--rows 200000] [--concurrency 4]
//   [--state /tmp/bench-state.json]  (measure with the debounced state-file saves switched on)
//
// Every email is new (subscribe's worst case: list insert + profile write), with two dataFields.
// Also prints the sandbox process's CPU seconds over the timed ingest (Linux: /proc/<pid>/stat),
// since on the benchmark machine every sandbox CPU second is taken from the engine.

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i] ?? "", process.argv[i + 1] ?? "");
const totalRows = Number(args.get("--rows") ?? 200_000);
const concurrency = Number(args.get("--concurrency") ?? 4);
const stateFile = args.get("--state");
const batchSize = 1000;
const apiKey = "ferry-sandbox-demo-key-0000000000000000";

/** utime + stime of a process in seconds, or undefined where /proc is missing. */
function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

async function startChild(): Promise<{ url: string; pid: number | undefined; stop: () => void }> {
  const main = fileURLToPath(new URL("./main.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", main, "--port", "0", ...(stateFile ? ["--state", stateFile] : ["--no-state"])], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return { url, pid: child.pid, stop: () => child.kill("SIGTERM") };
}

async function main(): Promise<void> {
  const { url, pid, stop } = await startChild();
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method: "POST",
      headers: { "Api-Key": apiKey, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
    return JSON.parse(text) as { listId?: number; successCount?: number };
  };
  try {
    const { listId } = await post("/api/lists", { name: `bench ${Date.now()}` });
    const batches = Math.ceil(totalRows / batchSize);
    // Bodies are built before timing starts: we measure the server, not JSON.stringify here.
    const bodies = Array.from({ length: batches }, (_, b) =>
      JSON.stringify({
        listId,
        subscribers: Array.from({ length: batchSize }, (_, i) => ({
          email: `bench.user.${b * batchSize + i}@example.com`,
          dataFields: { segment: "bench", rank: i },
        })),
      }),
    );
    let next = 0;
    let accepted = 0;
    const started = performance.now();
    const cpuBefore = cpuSeconds(pid);
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++] as string;
          const res = await fetch(`${url}/api/lists/subscribe`, {
            method: "POST",
            headers: { "Api-Key": apiKey, "Content-Type": "application/json" },
            body,
          });
          const json = (await res.json()) as { successCount: number };
          if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
          accepted += json.successCount;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = cpuSeconds(pid);
    const sandboxCpuSeconds = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : null;
    console.log(
      JSON.stringify({
        rows: accepted,
        batchSize,
        concurrency,
        stateFile: stateFile ?? null,
        seconds: Number(seconds.toFixed(3)),
        subscribersPerSecond: Math.round(accepted / seconds),
        sandboxCpuSeconds: sandboxCpuSeconds === null ? null : Number(sandboxCpuSeconds.toFixed(2)),
        sandboxCpuSecondsPerMillionRows: sandboxCpuSeconds === null ? null : Number(((sandboxCpuSeconds * 1e6) / accepted).toFixed(2)),
      }),
    );
  } finally {
    stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
