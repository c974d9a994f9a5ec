// The command line as a user drives it: `scripts/ferry.ts` spawned as a child process against the
// test database and a sandbox started here. Connections are added through the CLI (privacy flag,
// role, key never shown), exports are added and run through it, and the counts it prints are
// checked against what the sandbox's list holds and what the segment implies.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";
import { PRIVACY_NOTICE_VERSION } from "@/lib/connections/privacy-notice";
import { db } from "@/lib/db/client";
import { addProfiles, createSegment, setMembers } from "@/lib/export-engine/testing/engine-fixture";
import { startSandboxFixture, type SandboxFixture } from "@/lib/iterable/testing/sandbox-fixture";
import { createTestUser, resetDatabase } from "@/lib/testing/database";

const root = path.resolve(__dirname, "../..");
// The CLI seals keys with this master key; the test process never decrypts.
const MASTER_KEY = randomBytes(32).toString("base64");
const CLI_TIMEOUT_MS = 90_000;
type CliResult = { code: number; stdout: string; stderr: string };

let fx: SandboxFixture;
let admin: CurrentUser;
let contributor: CurrentUser;
let viewer: CurrentUser;
const outputs: string[] = [];

/** `node --import tsx scripts/ferry.ts …` (what `npx tsx` runs, without npx's own start-up). */
function ferry(args: string[], options: { env?: Record<string, string>; stdin?: string } = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: process.env.DATABASE_URL, FERRY_MASTER_KEY: MASTER_KEY, LOG_LEVEL: "info", ...options.env };
  // Runs must go through the stored connection, not a benchmark override.
  for (const name of Object.keys(env)) if (name.startsWith("FERRY_EXPORT_TARGET_") || name === "FERRY_EXPORT_BATCH_SIZE") delete env[name];
  const started = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/ferry.ts", ...args], { cwd: root, env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (data: Buffer) => (stdout += data.toString()));
  child.stderr.on("data", (data: Buffer) => (stderr += data.toString()));
  child.stdin.end(options.stdin ?? "");
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`ferry ${args.join(" ")} did not finish in time:\n${stdout}\n${stderr}`));
    }, CLI_TIMEOUT_MS - 5_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      outputs.push(stdout, stderr);
      if (process.env.FERRY_CLI_TEST_TIMINGS) console.log(`${((Date.now() - started) / 1000).toFixed(1)} s  ferry ${args.slice(0, 2).join(" ")} (exit ${code})`);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

function json<T = Record<string, unknown>>(result: CliResult): T {
  if (result.code !== 0 && result.code !== 3) throw new Error(`exit ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

type RunJson = {
  id: string; status: string; errorKey: string | null; error: string | null;
  lists: { listName: string; iterableListId: number | null; members: number; validEmails: number; missingEmails: number; invalidEmails: number; duplicates: number;
    added: number; updated: number; removed: number; unchanged: number; rejectedInvalid: number; rejectedForgotten: number; rejectedConflict: number;
    rejectedInvalidData: number; rejectedNotFound: number }[];
};

const addArgs = (as: string, name: string) => ["connections", "add", "--as", as, "--name", name, "--base-url", fx.sandbox.url];
const emails = (prefix: string, from: number, to: number) => Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}@example.com`);

describe("ferry CLI against the sandbox", { timeout: CLI_TIMEOUT_MS * 2 }, () => {
  let v: bigint[];
  let n: bigint[];
  let odd: bigint[];
  let segmentId: string;

  beforeAll(async () => {
    await resetDatabase();
    fx = await startSandboxFixture();
    admin = await createTestUser("ADMINISTRATOR");
    contributor = await createTestUser("CONTRIBUTOR");
    viewer = await createTestUser("VIEWER");
    // 9 valid addresses, a duplicate of the last one, one missing, one invalid; 3 more to join later.
    v = await addProfiles(emails("v", 0, 9).map((email) => ({ email })), "v");
    odd = await addProfiles([{ email: "  V8@Example.COM " }, {}, { email: "not-an-email" }], "odd");
    n = await addProfiles(emails("n", 0, 3).map((email) => ({ email })), "n");
    segmentId = await createSegment("CLI VIP", [...v, ...odd]);
  });

  afterAll(async () => {
    await fx?.sandbox.close();
    // Whatever happened, the key never left: not in any output nor in the audit log.
    for (const output of outputs) expect(output).not.toContain(fx.apiKey);
    const audit = await db().$queryRaw<{ row: string }[]>`SELECT a::text AS row FROM audit_log a`;
    for (const { row } of audit) expect(row).not.toContain(fx.apiKey);
  });

  it("refuses a connection without --accept-privacy, showing the notice; creates nothing", async () => {
    const result = await ferry([...addArgs(admin.email, "Refused"), "--key-env", "ITERABLE_KEY"], { env: { ITERABLE_KEY: fx.apiKey } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`data privacy notice (version ${PRIVACY_NOTICE_VERSION})`);
    expect(result.stderr).toContain("When you enable this connection, Ferry sends data to Iterable");
    expect(result.stderr).toContain("--accept-privacy");
    expect(await db().connection.count()).toBe(0);
  });

  it("refuses a contributor (connections:manage), non-zero exit, nothing created", async () => {
    const result = await ferry([...addArgs(contributor.email, "Contributor's"), "--key-env", "ITERABLE_KEY", "--accept-privacy"], { env: { ITERABLE_KEY: fx.apiKey } });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("is not allowed connections:manage");
    expect(await db().connection.count()).toBe(0);
  });

  it("refuses a key Iterable does not accept with the wizard's message, and keeps nothing", async () => {
    const wrongKey = `wrong-${randomBytes(8).toString("hex")}`;
    const result = await ferry([...addArgs(admin.email, "Wrong key"), "--key-stdin", "--accept-privacy"], { stdin: `${wrongKey}\n` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Iterable did not accept this API key");
    expect(result.stdout + result.stderr).not.toContain(wrongKey);
    expect(await db().connection.count()).toBe(0);
  });

  it("adds a connection (key from standard input): connected, privacy acceptance and export user recorded as the wizard does", async () => {
    const result = await ferry([...addArgs(admin.email, "Sandbox shared"), "--key-stdin", "--accept-privacy", "--share-with-contributors", "--json"], { stdin: `${fx.apiKey}\n` });
    const created = json(result);
    expect(created).toMatchObject({
      name: "Sandbox shared", type: "ITERABLE", region: "SANDBOX", baseUrl: fx.sandbox.url, status: "connected",
      sharedWithContributors: true, exportUser: admin.email, keyLast4: fx.apiKey.slice(-4), privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
    });
    const row = await db().connection.findUniqueOrThrow({ where: { id: created.id as string } });
    expect(row).toMatchObject({
      checkStatus: "CONNECTED", exportUserId: admin.id, createdById: admin.id, privacyAcceptedById: admin.id,
      privacyNoticeVersion: PRIVACY_NOTICE_VERSION, apiKeyLast4: fx.apiKey.slice(-4), sharing: "ADMINISTRATORS_AND_CONTRIBUTORS",
    });
    const sealed = await db().connection.findUniqueOrThrow({ where: { id: row.id }, select: { apiKeyCiphertext: true } });
    expect(sealed.apiKeyCiphertext).toMatch(/^v1\./);
    expect(sealed.apiKeyCiphertext).not.toContain(fx.apiKey);
    const audit = await db().auditLog.findMany({ where: { targetId: row.id }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => [entry.action, entry.actorId])).toEqual([
      ["connection.created", admin.id], ["connection.privacy_accepted", admin.id], ["connection.export_user_changed", admin.id],
    ]);
    expect(audit[1]!.details).toEqual({ noticeVersion: PRIVACY_NOTICE_VERSION, acceptedAt: row.privacyAcceptedAt.toISOString() });

    // A second one, for administrators only, with the key from an environment variable.
    const second = await ferry([...addArgs(admin.email, "Admins only"), "--key-env", "ITERABLE_KEY", "--accept-privacy"], { env: { ITERABLE_KEY: fx.apiKey } });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Connection "Admins only" created');
  });

  it("lists connections: everything but the key for an administrator, shared ones by name and type for a contributor; not for a viewer", async () => {
    // Three independent reads: at once, to keep the file short.
    const [asAdmin, asContributor, refused] = await Promise.all([
      ferry(["connections", "list", "--as", admin.email, "--json"]),
      ferry(["connections", "list", "--as", contributor.email, "--json"]),
      ferry(["connections", "list", "--as", viewer.email, "--json"]),
    ]);
    const all = json<Record<string, unknown>[]>(asAdmin);
    expect(all.map((c) => c.name)).toEqual(["Admins only", "Sandbox shared"]);
    expect(all[1]).toMatchObject({
      type: "ITERABLE", region: "SANDBOX", baseUrl: fx.sandbox.url, status: "connected", sharedWithContributors: true,
      exportUser: admin.email, keyLast4: fx.apiKey.slice(-4), exports: 0,
    });
    expect(all[0]).toMatchObject({ sharedWithContributors: false });
    expect(JSON.stringify(all)).not.toMatch(/ciphertext/i);

    const shared = json<Record<string, unknown>[]>(asContributor);
    expect(shared).toEqual([{ id: all[1]!.id, name: "Sandbox shared", type: "ITERABLE" }]);

    expect(refused.code).toBe(4);
    expect(refused.stdout).toBe("");
  });

  it("adds an export on a shared connection by name; not on one the contributor may not use", async () => {
    const refused = await ferry(["exports", "add", "--as", contributor.email, "--name", "Nope", "--connection", "Admins only", "--segment", "CLI VIP"]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('No connection named "Admins only"');

    const created = json(await ferry(["exports", "add", "--as", contributor.email, "--name", "CLI VIP export", "--connection", "sandbox SHARED", "--segment", "CLI VIP", "--json"]));
    const connection = await db().connection.findFirstOrThrow({ where: { displayName: "Sandbox shared" } });
    expect(created).toMatchObject({ name: "CLI VIP export", connectionId: connection.id, emailAttribute: "email", mode: "MIRROR" });
    expect(await db().auditLog.findFirst({ where: { action: "export.create", targetId: created.id as string } })).toMatchObject({ actorId: contributor.id });
  });

  let listId: number;

  it("runs the export and prints exact counts, equal to the sandbox's list", async () => {
    const result = await ferry(["exports", "run", "CLI VIP export", "--as", contributor.email, "--json"]);
    expect(result.code).toBe(0);
    const run = json<RunJson>(result);
    expect(run).toMatchObject({ status: "SUCCEEDED", errorKey: null, error: null });
    expect(run.lists).toHaveLength(1);
    expect(run.lists[0]).toMatchObject({
      listName: "CLI VIP", members: 12, validEmails: 10, missingEmails: 1, invalidEmails: 1, duplicates: 1,
      added: 9, updated: 0, removed: 0, unchanged: 0, rejectedInvalid: 0, rejectedForgotten: 0, rejectedConflict: 0, rejectedInvalidData: 0, rejectedNotFound: 0,
    });
    listId = run.lists[0]!.iterableListId!;
    expect(fx.sandbox.control.lists(fx.project)).toEqual([expect.objectContaining({ id: listId, name: "CLI VIP", size: 9 })]);
    expect(fx.sandbox.control.members(listId)).toEqual(emails("v", 0, 9).sort());
    const audit = await db().auditLog.findFirst({ where: { action: "export.run", details: { path: ["runId"], equals: run.id } } });
    expect(audit).toMatchObject({ actorId: contributor.id, actorEmail: contributor.email });
  });

  it("after the segment changed, a second run sends exactly the joiners and removes exactly the leavers", async () => {
    // v0–v2 leave, n0 and n1 join (the duplicate of v8 stays).
    await setMembers(segmentId, [...v.slice(3), ...odd, ...n.slice(0, 2)]);
    fx.sandbox.control.resetStats();
    const run = json<RunJson>(await ferry(["exports", "run", "CLI VIP export", "--as", contributor.email, "--json"]));
    expect(run.status).toBe("SUCCEEDED");
    expect(run.lists[0]).toMatchObject({ members: 11, validEmails: 9, duplicates: 1, added: 2, updated: 0, removed: 3, unchanged: 6 });
    expect(fx.sandbox.control.members(listId)).toEqual([...emails("v", 3, 9), ...emails("n", 0, 2)].sort());
    expect(fx.sandbox.control.stats()).toMatchObject({ subscribedRows: 2, unsubscribedRows: 3 });
  });

  it("dry-runs the next change without sending anything", async () => {
    await setMembers(segmentId, [...v.slice(4), ...odd, ...n]);
    fx.sandbox.control.resetStats();
    const plan = json<{ lists: { listName: string; members: number; toAdd: number; toRemove: number; toUpdate: number; unchanged: number }[]; needsConfirmation: boolean }>(
      await ferry(["exports", "dry-run", "CLI VIP export", "--as", contributor.email, "--json"]));
    expect(plan.lists).toEqual([expect.objectContaining({ listName: "CLI VIP", members: 11, toAdd: 1, toRemove: 1, toUpdate: 0, unchanged: 7 })]);
    expect(plan.needsConfirmation).toBe(false);
    expect(fx.sandbox.control.stats()).toMatchObject({ subscribedRows: 0, unsubscribedRows: 0 });
    expect(fx.sandbox.control.members(listId)).toHaveLength(8);
  });

  it("refuses a viewer's run with a non-zero exit and starts nothing", async () => {
    const before = await db().exportRun.count();
    const result = await ferry(["exports", "run", "CLI VIP export", "--as", viewer.email, "--json"]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("is not allowed exports:run");
    expect(await db().exportRun.count()).toBe(before);
  });

  it("prints a failed run's error in English and exits 3 (the key revoked in Iterable)", async () => {
    fx.sandbox.control.setRevoked(fx.apiKey, true);
    try {
      const result = await ferry(["exports", "run", "CLI VIP export", "--as", contributor.email]);
      expect(result.code).toBe(3);
      expect(result.stdout).toMatch(/FAILED.*Iterable refused the API key \(HTTP 401\).*What Iterable acknowledged before is kept/);
    } finally {
      fx.sandbox.control.setRevoked(fx.apiKey, false);
    }
    expect(fx.sandbox.control.members(listId)).toHaveLength(8);
  });

  it("cancels a queued run", async () => {
    const queued = json<RunJson>(await ferry(["exports", "run", "CLI VIP export", "--as", contributor.email, "--no-worker", "--no-wait", "--json"]));
    expect(queued.status).toBe("QUEUED");
    const canceled = json<RunJson>(await ferry(["exports", "cancel", "CLI VIP export", "--as", contributor.email, "--json"]));
    expect(canceled).toMatchObject({ id: queued.id, status: "CANCELED" });
    expect(await db().auditLog.findFirst({ where: { action: "export.run.cancel", details: { path: ["runId"], equals: queued.id } } })).toMatchObject({ actorId: contributor.id });
    const again = await ferry(["exports", "cancel", "CLI VIP export", "--as", contributor.email]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("no active run");
  });
});
