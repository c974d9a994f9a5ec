// Files shared by the end-to-end web server and the tests of one run (outside the app's data
// folder, which `--fresh` wipes): the sandboxes' addresses and keys, the server's log, and
// what every test saw in the app's responses.
import fs from "node:fs";
import path from "node:path";

export const RUN_DIR = path.resolve(".data/e2e-run");
export const SERVER_LOG = path.join(RUN_DIR, "server.log");
export const SANDBOXES_FILE = path.join(RUN_DIR, "sandboxes.json");
export const RESPONSE_SCANS_DIR = path.join(RUN_DIR, "response-scans");

export const E2E_PORT = Number(process.env.FERRY_E2E_PORT ?? 3100);
export const E2E_PG_PORT = Number(process.env.FERRY_E2E_PG_PORT ?? 54339);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
// The embedded server's local-only credentials (lib/db/embedded-postgres.ts).
export const E2E_DATABASE_URL = `postgresql://postgres:ferry-local@127.0.0.1:${E2E_PG_PORT}/ferry`;

/** Two sandboxes stand in for Iterable's US and EU data centers (the app is pointed at them). */
export type E2ESandboxes = {
  us: { url: string; project: string; key: string; rotatedKey: string };
  eu: { url: string; project: string; key: string };
  /** Typed in the "invalid key" flow: must not leak either. */
  invalidKey: string;
};

export function readSandboxes(): E2ESandboxes {
  return JSON.parse(fs.readFileSync(SANDBOXES_FILE, "utf8")) as E2ESandboxes;
}

export function secretsOfRun(): string[] {
  const s = readSandboxes();
  return [s.us.key, s.us.rotatedKey, s.eu.key, s.invalidKey];
}
