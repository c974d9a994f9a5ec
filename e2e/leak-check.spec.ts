// Runs after every other end-to-end test (its own Playwright project): the full value of no
// API key used in the run is in any response the app sent (scanned test by test), in the
// server's log output, or in an audit-log row; and the stored connections hold only ciphertext.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { E2E_DATABASE_URL, RESPONSE_SCANS_DIR, SERVER_LOG, secretsOfRun } from "./support/run-files";

type Scan = { title: string; responses: number; serverActions: number; html: number; leaks: string[] };

test("no API key leaked into responses, logs or the audit log", async () => {
  const secrets = secretsOfRun();

  const scans = fs.readdirSync(RESPONSE_SCANS_DIR).map((file) => JSON.parse(fs.readFileSync(path.join(RESPONSE_SCANS_DIR, file), "utf8")) as Scan);
  expect(scans.flatMap((scan) => scan.leaks.map((leak) => `${scan.title}: ${leak}`))).toEqual([]);
  // The flows ran and were scanned: HTML pages and server-action answers among them.
  expect(scans.reduce((sum, scan) => sum + scan.html, 0)).toBeGreaterThan(20);
  expect(scans.reduce((sum, scan) => sum + scan.serverActions, 0)).toBeGreaterThan(20);

  const log = fs.readFileSync(SERVER_LOG, "utf8");
  expect(log).toContain("Ferry is ready");
  for (const secret of secrets) expect(log.includes(secret), "server log").toBe(false);

  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    const audit = await client.query<{ dump: string; rows: number }>("SELECT coalesce(json_agg(a)::text, '') AS dump, count(*)::int AS rows FROM audit_log a");
    expect(audit.rows[0]!.rows).toBeGreaterThan(10);
    expect(audit.rows[0]!.dump).toContain("connection.key_rotated");
    for (const secret of secrets) expect(audit.rows[0]!.dump.includes(secret), "audit log").toBe(false);
    const stored = await client.query<{ dump: string }>("SELECT (SELECT coalesce(json_agg(c)::text, '') FROM connections c) || (SELECT coalesce(json_agg(d)::text, '') FROM connection_drafts d) AS dump");
    for (const secret of secrets) expect(stored.rows[0]!.dump.includes(secret), "connections table").toBe(false);
  } finally {
    await client.end();
  }
});
