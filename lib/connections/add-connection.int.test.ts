// `addConnection` (the CLI's connections add) against the wizard: the same row and the same audit
// trail for the same input, the same refusals, and nothing stored when Connect fails.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTestConnection } from "@/lib/testing/connections";
import { createTestUser, resetDatabase } from "@/lib/testing/database";
import { startSandbox, type SandboxHandle } from "@/sandbox/index";
import { addConnection } from "./add-connection";
import { decryptConnectionKey } from "./connection-key";
import { PRIVACY_NOTICE_VERSION } from "./privacy-notice";

const KEY = `cli-key-${"c".repeat(24)}-add1`;
let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, projects: [{ name: "CLI project", apiKey: KEY }] });
});
afterAll(() => sandbox.close());
beforeEach(resetDatabase);

const input = (overrides: Record<string, unknown> = {}) => ({
  type: "ITERABLE" as const, displayName: "From the CLI", sharing: "ADMINISTRATORS" as const, region: "SANDBOX" as const,
  baseUrl: sandbox.url, apiKey: KEY, agree: "on" as const, noticeVersion: PRIVACY_NOTICE_VERSION, ...overrides,
});

// Everything that may differ between two connections made the same way (ids, times, ciphertext).
const VARYING = new Set(["id", "displayName", "nameKey", "apiKeyCiphertext", "checkedAt", "exportUserSince", "privacyAcceptedAt", "apiKeyChangedAt", "createdAt", "updatedAt"]);
const comparable = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([field]) => !VARYING.has(field)));

describe("addConnection (ferry connections add)", () => {
  it("stores what the wizard stores, with the same audit entries, and the key decrypts", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    const viaWizard = await createTestConnection(admin, { baseUrl: sandbox.url, apiKey: KEY, name: "From the wizard" });
    const { connection: viaCli, listCount } = await addConnection(admin, input());
    expect(listCount).toBe(0);
    expect(comparable(viaCli)).toEqual(comparable(viaWizard));
    expect(viaCli).toMatchObject({ exportUserId: admin.id, privacyAcceptedById: admin.id, privacyNoticeVersion: PRIVACY_NOTICE_VERSION, checkStatus: "CONNECTED" });
    await expect(decryptConnectionKey(viaCli.id)).resolves.toBe(KEY);

    const trail = async (id: string) =>
      (await db().auditLog.findMany({ where: { targetId: id }, orderBy: { id: "asc" } })).map((entry) => ({
        action: entry.action, actorId: entry.actorId, detailKeys: Object.keys(entry.details as object).sort(),
      }));
    expect(await trail(viaCli.id)).toEqual(await trail(viaWizard.id));
    expect((await trail(viaCli.id)).map((entry) => entry.action)).toEqual(["connection.created", "connection.privacy_accepted", "connection.export_user_changed"]);
  });

  it("refuses without the agreement, with an older notice, with a taken name or a key Iterable refuses; stores nothing", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    await expect(addConnection(admin, input({ agree: undefined }))).rejects.toThrow(/connections\.agreeRequired/);
    await expect(addConnection(admin, input({ noticeVersion: "2020-01-01" }))).rejects.toMatchObject({ messageKey: "connections.noticeChanged" });
    await expect(addConnection(admin, input({ apiKey: "not-the-key" }))).rejects.toMatchObject({ messageKey: "connections.check.badKey" });
    await expect(addConnection(admin, input({ baseUrl: undefined }))).rejects.toThrow(/connections\.baseUrlRequired/);
    expect(await db().connection.count()).toBe(0);
    await addConnection(admin, input());
    await expect(addConnection(admin, input({ displayName: "  from the cli " }))).rejects.toMatchObject({ messageKey: "connections.nameTaken" });
    expect(await db().connection.count()).toBe(1);
  });
});
