// Playwright's web server: two Iterable sandboxes standing in for the US and EU data centers,
// then the start command users run (`scripts/start.ts --fresh`) with Iterable's hosts pointed
// at them. Everything the app prints is also copied to a log file, which the leak check reads.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { startSandbox } from "@/sandbox/index";
import { RESPONSE_SCANS_DIR, RUN_DIR, SANDBOXES_FILE, SERVER_LOG, type E2ESandboxes } from "./run-files";

async function main() {
  fs.rmSync(RUN_DIR, { recursive: true, force: true });
  fs.mkdirSync(RESPONSE_SCANS_DIR, { recursive: true });
  // Fresh random keys each run: a leak cannot hide behind a value printed elsewhere on purpose.
  const key = (label: string) => `e2e-${label}-${randomBytes(16).toString("hex")}`;
  const sandboxes: E2ESandboxes = {
    us: { url: "", project: "US project", key: key("us"), rotatedKey: key("us-rotated") },
    eu: { url: "", project: "EU project", key: key("eu") },
    invalidKey: key("invalid"),
  };
  const us = await startSandbox({ port: 0, host: "127.0.0.1", projects: [{ name: sandboxes.us.project, apiKey: sandboxes.us.key }, { name: sandboxes.us.project, apiKey: sandboxes.us.rotatedKey }] });
  const eu = await startSandbox({ port: 0, host: "127.0.0.1", projects: [{ name: sandboxes.eu.project, apiKey: sandboxes.eu.key }] });
  sandboxes.us.url = us.url;
  sandboxes.eu.url = eu.url;
  fs.writeFileSync(SANDBOXES_FILE, JSON.stringify(sandboxes, null, 2));

  const log = fs.createWriteStream(SERVER_LOG);
  const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts", "--fresh"], {
    env: { ...process.env, FERRY_ITERABLE_US_URL: us.url, FERRY_ITERABLE_EU_URL: eu.url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk: Buffer) => { process.stdout.write(chunk); log.write(chunk); });
  child.stderr.on("data", (chunk: Buffer) => { process.stderr.write(chunk); log.write(chunk); });
  const stop = () => child.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", async (code) => {
    log.end();
    await Promise.all([us.close(), eu.close()]);
    process.exit(code ?? 0);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
