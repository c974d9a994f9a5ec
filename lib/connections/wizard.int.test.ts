// The connection wizard's domain functions against real PostgreSQL and the Iterable sandbox:
// nothing is stored before a successful Connect, specific check results, Save and its audit.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createTestUser, resetDatabase, TEST_PASSWORD } from "@/lib/testing/database";
import { startSandbox, type SandboxHandle } from "@/sandbox/index";
import { saveDraftAsConnection } from "./connections";
import { confirmDraftExportUser, connectDraft, getDraft, saveDraftName, saveDraftSharing, startDraft } from "./drafts";
import { PRIVACY_NOTICE_VERSION } from "./privacy-notice";

const US_KEY = `us-key-${"a".repeat(24)}-wiz1`;
const EU_KEY = `eu-key-${"b".repeat(24)}-wiz2`;
let us: SandboxHandle;
let eu: SandboxHandle;

// The US and EU hosts are two sandboxes here (the e2e tests do the same through the environment).
vi.mock("./endpoints", async (original) => ({
  ...(await original<typeof import("./endpoints")>()),
  iterableEndpoint: (region: string, baseUrl?: string | null) => ({ baseUrl: region === "US" ? us.url : region === "EU" ? eu.url : baseUrl! }),
}));

beforeAll(async () => {
  us = await startSandbox({ port: 0, projects: [{ name: "US project", apiKey: US_KEY }] });
  eu = await startSandbox({ port: 0, projects: [{ name: "EU project", apiKey: EU_KEY }] });
});
afterAll(async () => {
  await us.close();
  await eu.close();
});
beforeEach(resetDatabase);

async function draftAtConnect() {
  const admin = await createTestUser("ADMINISTRATOR");
  const draft = await startDraft(admin, { type: "ITERABLE" });
  await saveDraftName(admin, { draftId: draft.id, displayName: "Iterable US newsletters" });
  await saveDraftSharing(admin, { draftId: draft.id, sharing: "ADMINISTRATORS_AND_CONTRIBUTORS" });
  return { admin, draftId: draft.id };
}
const connectInput = (draftId: string, apiKey: string, region: "US" | "EU" | "SANDBOX", baseUrl?: string) => ({ draftId, apiKey, region, baseUrl, agree: "on" as const, noticeVersion: PRIVACY_NOTICE_VERSION });

async function allStoredText() {
  const rows = await db().$queryRawUnsafe<{ dump: string }[]>(
    "SELECT (SELECT coalesce(json_agg(c), '[]') FROM connections c)::text || (SELECT coalesce(json_agg(d), '[]') FROM connection_drafts d)::text || (SELECT coalesce(json_agg(a), '[]') FROM audit_log a)::text AS dump",
  );
  return rows[0]!.dump;
}

describe("the wizard, step by step", () => {
  it("goes from nothing to a saved, audited connection; the key is stored only encrypted", async () => {
    const { admin, draftId } = await draftAtConnect();
    await expect(connectDraft(admin, connectInput(draftId, US_KEY, "US"))).resolves.toEqual({ listCount: 0 });
    await confirmDraftExportUser(admin, { draftId, password: TEST_PASSWORD });
    const saved = await saveDraftAsConnection(admin, { draftId });
    expect(saved).not.toHaveProperty("apiKeyCiphertext");
    const connection = await db().connection.findUniqueOrThrow({ where: { id: saved.id }, omit: { apiKeyCiphertext: false } });
    expect(connection).toMatchObject({
      displayName: "Iterable US newsletters", type: "ITERABLE", sharing: "ADMINISTRATORS_AND_CONTRIBUTORS", region: "US",
      apiKeyLast4: "wiz1", checkStatus: "CONNECTED", exportUserId: admin.id, privacyAcceptedById: admin.id,
      privacyNoticeVersion: PRIVACY_NOTICE_VERSION, requestsPerSecond: 10, concurrency: 4, batchSize: 1000, createdById: admin.id,
    });
    expect(connection.apiKeyCiphertext).toMatch(/^v1\./);
    expect(await db().connectionDraft.count()).toBe(0);
    const audit = await db().auditLog.findMany({ orderBy: { id: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual(["connection.created", "connection.privacy_accepted", "connection.export_user_changed"]);
    expect(audit[1]!.details).toMatchObject({ noticeVersion: PRIVACY_NOTICE_VERSION });
    expect(audit.every((entry) => entry.actorId === admin.id && entry.targetId === saved.id)).toBe(true);
    expect(await allStoredText()).not.toContain(US_KEY);
  });

  it("stores nothing when Connect fails, and says which data center the key belongs to", async () => {
    const { admin, draftId } = await draftAtConnect();
    await expect(connectDraft(admin, connectInput(draftId, EU_KEY, "US"))).rejects.toMatchObject({
      messageKey: "connections.check.otherRegion", options: { field: "apiKey", params: { region: "EU" } },
    });
    const draft = await getDraft(admin, draftId);
    expect(draft).toMatchObject({ apiKeyLast4: null, connectedAt: null, completedStep: 3, privacyAcceptedAt: null });
    expect(await db().connection.count()).toBe(0);
    expect(await allStoredText()).not.toContain(EU_KEY);
    await expect(connectDraft(admin, connectInput(draftId, EU_KEY, "EU"))).resolves.toEqual({ listCount: 0 });
  });

  it("forgets a key that passed before when another one fails", async () => {
    const { admin, draftId } = await draftAtConnect();
    await connectDraft(admin, connectInput(draftId, US_KEY, "US"));
    await expect(connectDraft(admin, connectInput(draftId, "wrong-key-123456", "SANDBOX", us.url))).rejects.toMatchObject({ messageKey: "connections.check.badKey" });
    expect(await getDraft(admin, draftId)).toMatchObject({ apiKeyLast4: null, apiKeyMasterKeyId: null, completedStep: 3 });
    await expect(saveDraftAsConnection(admin, { draftId })).rejects.toMatchObject({ messageKey: "connections.stepOutOfOrder" });
  });

  it("tells an unreachable host from one that does not answer in time", async () => {
    const { admin, draftId } = await draftAtConnect();
    await expect(connectDraft(admin, connectInput(draftId, US_KEY, "SANDBOX", "http://127.0.0.1:1"))).rejects.toMatchObject({ messageKey: "connections.check.unreachable" });
    const slow = await startSandbox({ port: 0, projects: [{ name: "Slow", apiKey: US_KEY }], faults: { hangRate: 1, hangMs: 5_000 } });
    try {
      await expect(connectDraft(admin, connectInput(draftId, US_KEY, "SANDBOX", slow.url), { timeoutMs: 300 })).rejects.toMatchObject({ messageKey: "connections.check.timeout" });
    } finally {
      await slow.close();
    }
  });

  it("requires I agree to the current notice, and the steps in order", async () => {
    const { admin, draftId } = await draftAtConnect();
    const checksBefore = JSON.stringify(us.control.stats().requests);
    await expect(connectDraft(admin, { ...connectInput(draftId, US_KEY, "US"), noticeVersion: "1999-01-01" })).rejects.toMatchObject({ messageKey: "connections.noticeChanged" });
    const early = await startDraft(admin, { type: "ITERABLE" });
    await expect(connectDraft(admin, connectInput(early.id, US_KEY, "US"))).rejects.toMatchObject({ messageKey: "connections.stepOutOfOrder" });
    await expect(saveDraftAsConnection(admin, { draftId: early.id })).rejects.toMatchObject({ messageKey: "connections.stepOutOfOrder" });
    // Refused before anything was sent to Iterable.
    expect(JSON.stringify(us.control.stats().requests)).toBe(checksBefore);
  });

  it("checks the export user's password and keeps drafts private and short-lived", async () => {
    const { admin, draftId } = await draftAtConnect();
    await connectDraft(admin, connectInput(draftId, US_KEY, "US"));
    await expect(confirmDraftExportUser(admin, { draftId, password: "not-my-password" })).rejects.toMatchObject({ messageKey: "connections.wrongPassword", options: { field: "password" } });
    const other = await createTestUser("ADMINISTRATOR");
    await expect(getDraft(other, draftId)).rejects.toMatchObject({ messageKey: "connections.draftGone" });
    await db().connectionDraft.update({ where: { id: draftId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(getDraft(admin, draftId)).rejects.toMatchObject({ messageKey: "connections.draftGone" });
    await startDraft(admin, { type: "ITERABLE" });
    expect(await db().connectionDraft.findUnique({ where: { id: draftId } })).toBeNull();
  });

  it("keeps display names unique, ignoring case", async () => {
    const { admin, draftId } = await draftAtConnect();
    await connectDraft(admin, connectInput(draftId, US_KEY, "US"));
    await confirmDraftExportUser(admin, { draftId, password: TEST_PASSWORD });
    await saveDraftAsConnection(admin, { draftId });
    const second = await startDraft(admin, { type: "ITERABLE" });
    await expect(saveDraftName(admin, { draftId: second.id, displayName: "ITERABLE us NEWSLETTERS" })).rejects.toMatchObject({ messageKey: "connections.nameTaken", options: { field: "displayName" } });
  });
});
