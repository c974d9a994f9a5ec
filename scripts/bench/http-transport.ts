// The Iterable client's HTTP transport against fetch, for the export's traffic: `--requests`
// POSTs (default 1000) of a subscribe body of 1000 subscribers (~110 kB) to a local server in
// its own process, `--concurrency` (default 8) at a time. Prints wall time and this process's
// CPU (user + system) per variant, alternating, three rounds (figures vary from run to run on
// this machine: compare within a run).
//   npx tsx scripts/bench/http-transport.ts [--requests 1000] [--concurrency 8]
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { httpTransport, type HttpRequest } from "@/lib/iterable/transport";

const { values } = parseArgs({ options: { requests: { type: "string" }, concurrency: { type: "string" } } });
const REQUESTS = Number(values.requests ?? 1000);
const CONCURRENCY = Number(values.concurrency ?? 8);

// Reads each body whole and answers like Iterable's bulk endpoints.
const SERVER = `
const http = require("node:http");
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = JSON.stringify({ successCount: Buffer.concat(chunks).length > 0 ? 1000 : 0, failCount: 0 });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));`;

const subscribers = Array.from(
  { length: 1000 },
  (_, i) => `{"email":"member.${i}.${(i * 7919).toString(36)}@example.com","dataFields":{"benchMark":${i},"loyaltyTier":"gold"}}`,
);
const body = `{"listId":1,"subscribers":[${subscribers.join(",")}],"updateExistingUsersOnly":false}`;

async function main() {
  const server = spawn(process.execPath, ["-e", SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve) => server.stdout!.once("data", (data: Buffer) => resolve(Number(data.toString().trim()))));
  const request: HttpRequest = {
    method: "POST",
    url: `http://127.0.0.1:${port}/api/lists/subscribe`,
    headers: { "Api-Key": "bench", "Content-Type": "application/json", Accept: "application/json, text/plain" },
    body,
  };
  const variants: Record<string, () => Promise<unknown>> = {
    "node:http (httpTransport)": () => httpTransport(request, 30_000),
    fetch: async () => {
      const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
      return response.text();
    },
  };
  console.log(`${REQUESTS} requests of ${(Buffer.byteLength(body) / 1000).toFixed(0)} kB, ${CONCURRENCY} at a time`);
  for (let round = 1; round <= 3; round += 1) {
    for (const [name, send] of Object.entries(variants)) {
      const cpu = process.cpuUsage();
      const started = Date.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < REQUESTS) {
            next += 1;
            await send();
          }
        }),
      );
      const used = process.cpuUsage(cpu);
      console.log(`round ${round} ${name.padEnd(26)} wall ${Date.now() - started} ms, client CPU ${((used.user + used.system) / 1000).toFixed(0)} ms`);
    }
  }
  server.kill();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
