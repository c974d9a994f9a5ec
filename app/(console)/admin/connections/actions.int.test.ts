// Permission test for every Admin › Connections action and role: each action is called
// directly with a signed-in user of each role (and with nobody signed in). No answer ever
// carries the key.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { PRIVACY_NOTICE_VERSION } from "@/lib/connections/privacy-notice";
import { db } from "@/lib/db/client";
import { createTestConnection } from "@/lib/testing/connections";
import { createTestUser, formData, resetDatabase, TEST_PASSWORD } from "@/lib/testing/database";
import { startSandbox, type SandboxHandle } from "@/sandbox/index";
import {
  cancelDraftAction, checkNowAction, draftConnectAction, draftExportUserAction, draftNameAction, draftSharingAction,
  removeAction, rotateKeyAction, saveDraftAction, startDraftAction, takeOverAction, updateSettingsAction,
} from "./actions";

const KEY = `perm-key-${"e".repeat(24)}-prm1`;
let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, projects: [{ name: "Project", apiKey: KEY }] });
});
afterAll(() => sandbox.close());

type Fixture = { owner: CurrentUser; draftId: string; connectionId: string };
type Case = { name: string; call: (actor: CurrentUser | null, f: Fixture) => ReturnType<typeof startDraftAction.runAs> };

// Drafts belong to their owner: for the wizard's steps the acting admin is the owner.
const CASES: Case[] = [
  { name: "startDraft", call: (actor) => startDraftAction.runAs(actor, formData({ type: "ITERABLE" })) },
  { name: "draftName", call: (actor, f) => draftNameAction.runAs(actor, formData({ draftId: f.draftId, displayName: "Another one" })) },
  { name: "draftSharing", call: (actor, f) => draftSharingAction.runAs(actor, formData({ draftId: f.draftId, sharing: "ADMINISTRATORS" })) },
  { name: "draftConnect", call: (actor, f) => draftConnectAction.runAs(actor, formData({ draftId: f.draftId, region: "SANDBOX", baseUrl: sandbox.url, apiKey: KEY, agree: "on", noticeVersion: PRIVACY_NOTICE_VERSION })) },
  { name: "draftExportUser", call: (actor, f) => draftExportUserAction.runAs(actor, formData({ draftId: f.draftId, password: TEST_PASSWORD })) },
  { name: "save", call: (actor, f) => saveDraftAction.runAs(actor, formData({ draftId: f.draftId })) },
  { name: "cancelDraft", call: (actor, f) => cancelDraftAction.runAs(actor, formData({ draftId: f.draftId })) },
  { name: "checkNow", call: (actor, f) => checkNowAction.runAs(actor, formData({ connectionId: f.connectionId })) },
  { name: "updateSettings", call: (actor, f) => updateSettingsAction.runAs(actor, formData({ connectionId: f.connectionId, displayName: "Renamed", sharing: "ADMINISTRATORS", requestsPerSecond: "5", concurrency: "", batchSize: "" })) },
  { name: "rotateKey", call: (actor, f) => rotateKeyAction.runAs(actor, formData({ connectionId: f.connectionId, region: "SANDBOX", baseUrl: sandbox.url, apiKey: KEY })) },
  { name: "takeOver", call: (actor, f) => takeOverAction.runAs(actor, formData({ connectionId: f.connectionId, password: TEST_PASSWORD })) },
  { name: "remove", call: (actor, f) => removeAction.runAs(actor, formData({ connectionId: f.connectionId })) },
];
const ALLOWED: Record<Role, boolean> = { ADMINISTRATOR: true, CONTRIBUTOR: false, VIEWER: false };

/** A saved connection (export user: another admin) and a draft of `owner` ready for any step. */
async function fixture(owner: CurrentUser): Promise<Fixture> {
  const creator = await createTestUser("ADMINISTRATOR");
  const connection = await createTestConnection(creator, { baseUrl: sandbox.url, apiKey: KEY, name: "Existing" });
  const draft = await db().connectionDraft.create({ data: { ownerId: owner.id, type: "ITERABLE", completedStep: 3, displayName: "Draft", expiresAt: new Date(Date.now() + 60_000) } });
  if (owner.role === "ADMINISTRATOR") {
    await draftConnectAction.runAs(owner, formData({ draftId: draft.id, region: "SANDBOX", baseUrl: sandbox.url, apiKey: KEY, agree: "on", noticeVersion: PRIVACY_NOTICE_VERSION }));
    await draftExportUserAction.runAs(owner, formData({ draftId: draft.id, password: TEST_PASSWORD }));
  }
  await db().auditLog.deleteMany();
  return { owner, draftId: draft.id, connectionId: connection.id };
}

const snapshot = async () => JSON.stringify([
  await db().connection.findMany({ orderBy: { id: "asc" }, omit: { apiKeyCiphertext: false } }),
  await db().connectionDraft.findMany({ orderBy: { id: "asc" }, omit: { apiKeyCiphertext: false } }),
]);

describe("Admin › Connections actions: permissions", () => {
  beforeEach(resetDatabase);

  for (const action of CASES) {
    for (const role of Object.keys(ALLOWED) as Role[]) {
      it(`${action.name} as ${role}: ${ALLOWED[role] ? "allowed" : "refused"}`, async () => {
        const actor = await createTestUser(role);
        const f = await fixture(actor);
        const before = await snapshot();
        const state = await action.call(actor, f);
        expect(JSON.stringify(state)).not.toContain(KEY);
        if (ALLOWED[role]) {
          expect(state).toMatchObject({ status: "ok" });
        } else {
          expect(state).toMatchObject({ status: "error", message: { key: "errors.notAllowed" } });
          expect(await snapshot()).toEqual(before);
          expect(await db().auditLog.count()).toBe(0);
        }
      });
    }
    it(`${action.name} signed out: refused`, async () => {
      const f = await fixture(await createTestUser("ADMINISTRATOR"));
      const state = await action.call(null, f);
      expect(state).toMatchObject({ status: "error", message: { key: "errors.notSignedIn" } });
      expect(await db().auditLog.count()).toBe(0);
    });
  }
});

describe("Admin › Connections actions: answers", () => {
  beforeEach(resetDatabase);

  it("a failed Connect keeps what was typed except the key, and names the problem on the key field", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    const f = await fixture(admin);
    const wrong = `${KEY}-typo`;
    const state = await draftConnectAction.runAs(admin, formData({ draftId: f.draftId, region: "SANDBOX", baseUrl: sandbox.url, apiKey: wrong, agree: "on", noticeVersion: PRIVACY_NOTICE_VERSION }));
    expect(state).toMatchObject({ status: "error", fieldErrors: { apiKey: { key: "connections.check.badKey" } }, values: { region: "SANDBOX", baseUrl: sandbox.url, agree: "on" } });
    expect(state.values).not.toHaveProperty("apiKey");
    expect(JSON.stringify(state)).not.toContain(wrong);
  });

  it("moves the wizard on by redirecting to the next step", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    const started = await startDraftAction.runAs(admin, formData({ type: "ITERABLE" }));
    expect(started.redirectTo).toMatch(/^\/admin\/connections\/new\/[0-9a-f-]{36}\/name$/);
  });

  it("Check now on a revoked key answers the specific reason", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    const f = await fixture(admin);
    sandbox.control.setRevoked(KEY, true);
    try {
      const state = await checkNowAction.runAs(admin, formData({ connectionId: f.connectionId }));
      expect(state).toMatchObject({ status: "error", message: { key: "connections.check.badKey" } });
    } finally {
      sandbox.control.setRevoked(KEY, false);
    }
  });
});
