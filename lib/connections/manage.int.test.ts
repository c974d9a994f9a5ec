// A saved connection's life: Check now, edit, key rotation, export user takeover and
// deactivation, what the export engine may read, removal, and master-key rotation.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setUserActive } from "@/lib/users/users";
import { db } from "@/lib/db/client";
import { createTestConnection } from "@/lib/testing/connections";
import { createTestUser, resetDatabase, TEST_PASSWORD } from "@/lib/testing/database";
import { startSandbox, type SandboxHandle } from "@/sandbox/index";
import { checkConnectionNow, rotateConnectionKey } from "./connection-key";
import { findConnection, removeConnection, updateConnectionSettings } from "./connections";
import { connectionReadyForExport, listUsableConnections } from "./export-readiness";
import { takeOverExportUser } from "./export-user";
import { keyring } from "./master-keys";
import { reencryptUnderCurrentMasterKey } from "./master-key-rotation";
import { encryptSecret, parseMasterKey } from "./secret-box";

const KEY = `live-key-${"c".repeat(24)}-old1`;
const NEW_KEY = `live-key-${"d".repeat(24)}-new2`;
let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, projects: [{ name: "Project", apiKey: KEY }, { name: "Project", apiKey: NEW_KEY }] });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await resetDatabase();
  sandbox.control.setRevoked(KEY, false);
});

async function setUp() {
  const admin = await createTestUser("ADMINISTRATOR");
  const connection = await createTestConnection(admin, { baseUrl: sandbox.url, apiKey: KEY, name: "Newsletters" });
  await db().auditLog.deleteMany();
  return { admin, connection };
}

describe("a saved connection", () => {
  it("Check now records failing with the reason, then connected again", async () => {
    const { admin, connection } = await setUp();
    sandbox.control.setRevoked(KEY, true);
    expect(await checkConnectionNow(admin, { connectionId: connection.id })).toMatchObject({ ok: false, problem: "badKey", status: 401 });
    expect(await findConnection(connection.id)).toMatchObject({ status: "failing", checkProblem: "badKey", checkHttpStatus: 401 });
    sandbox.control.setRevoked(KEY, false);
    expect(await checkConnectionNow(admin, { connectionId: connection.id })).toEqual({ ok: true, listCount: 0 });
    expect(await findConnection(connection.id)).toMatchObject({ status: "connected", checkProblem: null });
    expect((await db().auditLog.findMany({ orderBy: { id: "asc" } })).map((entry) => entry.details)).toEqual([{ ok: false, problem: "badKey", status: 401 }, { ok: true }]);
  });

  it("edits name, sharing and sending settings, audited with what changed", async () => {
    const { admin, connection } = await setUp();
    await updateConnectionSettings(admin, { connectionId: connection.id, displayName: "Newsletters EU", sharing: "ADMINISTRATORS_AND_CONTRIBUTORS", requestsPerSecond: 20, concurrency: 4, batchSize: 500 });
    const [entry] = await db().auditLog.findMany();
    expect(entry).toMatchObject({ action: "connection.updated", details: { changes: {
      displayName: { from: "Newsletters", to: "Newsletters EU" }, sharing: { from: "ADMINISTRATORS", to: "ADMINISTRATORS_AND_CONTRIBUTORS" },
      requestsPerSecond: { from: 10, to: 20 }, batchSize: { from: 1000, to: 500 },
    } } });
    expect(Object.keys((entry!.details as { changes: object }).changes)).not.toContain("concurrency");
  });

  it("rotates the key only after the new one passed Connect", async () => {
    const { admin, connection } = await setUp();
    await expect(rotateConnectionKey(admin, { connectionId: connection.id, region: "SANDBOX", baseUrl: sandbox.url, apiKey: "revoked-or-wrong-0000" })).rejects.toMatchObject({ messageKey: "connections.check.badKey", options: { field: "apiKey" } });
    expect(await findConnection(connection.id)).toMatchObject({ apiKeyLast4: "old1" });
    expect(await db().auditLog.count()).toBe(0);
    await rotateConnectionKey(admin, { connectionId: connection.id, region: "SANDBOX", baseUrl: sandbox.url, apiKey: NEW_KEY });
    const ready = await connectionReadyForExport(connection.id);
    expect(ready).toMatchObject({ ready: true, connection: { apiKey: NEW_KEY } });
    const [entry] = await db().auditLog.findMany();
    expect(entry).toMatchObject({ action: "connection.key_rotated", details: { keyLast4: { from: "old1", to: "new2" } } });
    expect(JSON.stringify(entry!.details)).not.toContain(NEW_KEY);
  });

  it("lets another administrator take over as export user with their password; a deactivated one stops exports", async () => {
    const { admin, connection } = await setUp();
    const second = await createTestUser("ADMINISTRATOR");
    await expect(takeOverExportUser(admin, { connectionId: connection.id, password: TEST_PASSWORD })).rejects.toMatchObject({ messageKey: "connections.alreadyExportUser" });
    await expect(takeOverExportUser(second, { connectionId: connection.id, password: "wrong-password" })).rejects.toMatchObject({ messageKey: "connections.wrongPassword" });
    await takeOverExportUser(second, { connectionId: connection.id, password: TEST_PASSWORD });
    expect(await db().auditLog.findFirst({ where: { action: "connection.export_user_changed" } })).toMatchObject({ details: { from: admin.email, to: second.email } });
    expect(await connectionReadyForExport(connection.id)).toMatchObject({ ready: true, connection: { exportUser: { id: second.id }, rateLimit: { requestsPerSecond: 10, concurrency: 4 }, batchSize: 1000, region: { baseUrl: sandbox.url } } });

    await setUserActive(admin, { userId: second.id, active: false });
    expect(await findConnection(connection.id)).toMatchObject({ status: "needsExportUser" });
    expect(await connectionReadyForExport(connection.id)).toEqual({ ready: false, reason: "needsExportUser" });
    await takeOverExportUser(admin, { connectionId: connection.id, password: TEST_PASSWORD });
    expect(await connectionReadyForExport(connection.id)).toMatchObject({ ready: true });
  });

  it("shows contributors only shared connections, name and type; viewers none", async () => {
    const { admin } = await setUp();
    await createTestConnection(admin, { baseUrl: sandbox.url, apiKey: KEY, name: "Shared", sharing: "ADMINISTRATORS_AND_CONTRIBUTORS" });
    expect((await listUsableConnections("ADMINISTRATOR")).map((c) => c.displayName)).toEqual(["Newsletters", "Shared"]);
    expect(await listUsableConnections("CONTRIBUTOR")).toEqual([{ id: expect.any(String), displayName: "Shared", type: "ITERABLE" }]);
    expect(await listUsableConnections("VIEWER")).toEqual([]);
  });

  it("removes a connection, audited, and exports can no longer use it", async () => {
    const { admin, connection } = await setUp();
    await removeConnection(admin, { connectionId: connection.id });
    expect(await db().connection.count()).toBe(0);
    expect(await db().auditLog.findFirst()).toMatchObject({ action: "connection.removed", details: { displayName: "Newsletters" } });
    expect(await connectionReadyForExport(connection.id)).toEqual({ ready: false, reason: "notFound" });
  });

  it("re-encrypts keys sealed with an older master key", async () => {
    const { connection } = await setUp();
    const old = parseMasterKey(Buffer.alloc(32, 7).toString("base64"));
    keyring().all.push(old); // as FERRY_MASTER_KEY_PREVIOUS would
    try {
      const context = `ferry.connection.api-key:${connection.id}`;
      await db().connection.update({ where: { id: connection.id }, data: { apiKeyCiphertext: encryptSecret(KEY, old, context), apiKeyMasterKeyId: old.id } });
      expect(await reencryptUnderCurrentMasterKey()).toEqual({ connections: 1, drafts: 0 });
      const row = await db().connection.findUniqueOrThrow({ where: { id: connection.id } });
      expect(row.apiKeyMasterKeyId).toBe(keyring().current.id);
      keyring().all.pop();
      expect(await connectionReadyForExport(connection.id)).toMatchObject({ ready: true, connection: { apiKey: KEY } });
      expect(await reencryptUnderCurrentMasterKey()).toEqual({ connections: 0, drafts: 0 });
    } finally {
      if (keyring().all.includes(old)) keyring().all.pop();
    }
  });
});
