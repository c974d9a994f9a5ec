// Data › Exports actions: a permission test for every action and role (and signed out), the
// shared-connection rule for contributors, bad input, and the happy paths against the sandbox.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { waitForRun } from "@/lib/export-engine";
import { acknowledgedEmails, addProfiles, createSegment, startEngineFixture, type EngineFixture } from "@/lib/export-engine/testing/engine-fixture";
import { stopBoss } from "@/lib/jobs/queue";
import { createTestUser, resetDatabase } from "@/lib/testing/database";
import { formOf as form, insertPlaceholderConnection as insertConnection } from "@/lib/testing/export-fixtures";
import { cancelRunAction, confirmRunAction, runExportAction, saveExportAction } from "./actions";

type Fields = Record<string, string | string[]>;

async function insertExport(connectionId: string, segmentId: string) {
  return db().export.create({
    data: { name: `Export ${randomUUID().slice(0, 8)}`, connectionId, emailAttribute: "email", lists: { create: [{ segmentId, listName: "Seg", position: 0 }] } },
  });
}

const exportForm = (connectionId: string, segmentId: string, extra: Fields = {}): Fields => ({
  connectionId, name: `Weekly ${randomUUID().slice(0, 8)}`, emailAttribute: "email", segmentIds: [segmentId],
  dataFieldAttribute: ["tier", ""], dataFieldName: ["loyaltyTier", ""], ...extra,
});

type Setup = { connectionId: string; segmentId: string; exportId: string; runId: string };
type Case = {
  name: string;
  /** Before the snapshot: what the action needs to find. */
  prepare?: (s: Setup) => Promise<unknown>;
  call: (actor: CurrentUser | null, s: Setup) => ReturnType<typeof saveExportAction.runAs>;
};

const CASES: Case[] = [
  { name: "saveExport (create)", call: (actor, s) => saveExportAction.runAs(actor, form(exportForm(s.connectionId, s.segmentId))) },
  { name: "saveExport (edit)", call: (actor, s) => saveExportAction.runAs(actor, form({ ...exportForm(s.connectionId, s.segmentId), exportId: s.exportId })) },
  // Without an active run (an active one is joined, not started again).
  {
    name: "runExport",
    prepare: (s) => db().exportRun.delete({ where: { id: s.runId } }),
    call: (actor, s) => runExportAction.runAs(actor, form({ exportId: s.exportId })),
  },
  { name: "cancelRun", call: (actor, s) => cancelRunAction.runAs(actor, form({ runId: s.runId })) },
  { name: "confirmRun", call: (actor, s) => confirmRunAction.runAs(actor, form({ runId: s.runId })) },
];
const ALLOWED: Record<Role, boolean> = { ADMINISTRATOR: true, CONTRIBUTOR: true, VIEWER: false };

async function setup(shared: boolean): Promise<Setup> {
  const connectionId = await insertConnection(shared);
  const segmentId = await createSegment(`Segment ${randomUUID().slice(0, 8)}`);
  const exp = await insertExport(connectionId, segmentId);
  // A run the guardrail stopped: it can be confirmed or canceled, and blocks no job.
  const run = await db().exportRun.create({ data: { exportId: exp.id, trigger: "MANUAL", status: "NEEDS_CONFIRMATION" } });
  return { connectionId, segmentId, exportId: exp.id, runId: run.id };
}

const snapshot = async () => ({
  exports: await db().export.findMany({ orderBy: { id: "asc" } }),
  runs: await db().exportRun.findMany({ orderBy: { id: "asc" } }),
  audit: await db().auditLog.count(),
});

describe("Data › Exports actions: permissions", () => {
  beforeEach(resetDatabase);
  afterAll(stopBoss);

  for (const action of CASES) {
    for (const role of Object.keys(ALLOWED) as Role[]) {
      it(`${action.name} as ${role} on a shared connection: ${ALLOWED[role] ? "allowed" : "refused"}`, async () => {
        const s = await setup(true);
        const actor = await createTestUser(role);
        await action.prepare?.(s);
        const before = await snapshot();
        const state = await action.call(actor, s);
        if (ALLOWED[role]) {
          expect(state.status, JSON.stringify(state)).toBe("ok");
          expect(await db().auditLog.count()).toBeGreaterThan(0);
        } else {
          expect(state).toMatchObject({ status: "error", message: { key: "errors.notAllowed" } });
          expect(await snapshot()).toEqual(before);
        }
      });
    }
    it(`${action.name} as CONTRIBUTOR on a connection not shared with contributors: refused`, async () => {
      const s = await setup(false);
      const actor = await createTestUser("CONTRIBUTOR");
      await action.prepare?.(s);
      const before = await snapshot();
      const state = await action.call(actor, s);
      expect(state.status).toBe("error");
      expect(["errors.notAllowed", "exports.form.connectionUnavailable"]).toContain(state.message?.key);
      expect(await snapshot()).toEqual(before);
    });
    it(`${action.name} as ADMINISTRATOR on a connection not shared with contributors: allowed`, async () => {
      const s = await setup(false);
      await action.prepare?.(s);
      const state = await action.call(await createTestUser("ADMINISTRATOR"), s);
      expect(state.status, JSON.stringify(state)).toBe("ok");
    });
    it(`${action.name} signed out: refused`, async () => {
      const s = await setup(true);
      await action.prepare?.(s);
      const state = await action.call(null, s);
      expect(state).toMatchObject({ status: "error", message: { key: "errors.notSignedIn" } });
      expect(await db().auditLog.count()).toBe(0);
    });
  }
});

describe("Data › Exports actions: bad input", () => {
  beforeEach(resetDatabase);

  it("gives field errors from the shared schema, keeps what was typed and saves nothing", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    const state = await saveExportAction.runAs(admin, form({ connectionId: "", name: "  ", emailAttribute: "", dataFieldAttribute: ["tier"], dataFieldName: ["email"] }));
    expect(state.status).toBe("error");
    expect(state.fieldErrors).toMatchObject({
      connectionId: { key: "exports.form.connectionRequired" },
      name: { key: "validation.required" },
      emailAttribute: { key: "exports.form.emailRequired" },
      segmentIds: { key: "exports.error.noSegments" },
      dataFields: { key: "exports.form.dataFieldEmail" },
    });
    expect(state.values).toMatchObject({ name: "  ", dataFieldAttribute: "tier" });
    expect(await db().export.count()).toBe(0);
  });

  it("a taken name is an error on the name field", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    const s = await setup(true);
    const taken = (await db().export.findUniqueOrThrow({ where: { id: s.exportId } })).name;
    const state = await saveExportAction.runAs(admin, form(exportForm(s.connectionId, s.segmentId, { name: taken })));
    expect(state.fieldErrors).toMatchObject({ name: { key: "exports.error.nameTaken" } });
  });
});

describe("Data › Exports actions: against the sandbox", () => {
  let fx: EngineFixture;
  beforeAll(async () => {
    await resetDatabase();
    fx = await startEngineFixture();
    await db().connection.update({ where: { id: fx.connectionId }, data: { sharing: "ADMINISTRATORS_AND_CONTRIBUTORS" } });
  });
  afterAll(async () => fx.stop());

  it("a contributor saves (nothing runs), then runs now: the list is created with the segment's name and filled", async () => {
    const contributor = await createTestUser("CONTRIBUTOR");
    const ids = await addProfiles(Array.from({ length: 30 }, (_, i) => ({ email: `member${i}@example.com`, tier: "gold" })));
    const segmentId = await createSegment("Gold members", ids);

    const saved = await saveExportAction.runAs(contributor, form(exportForm(fx.connectionId, segmentId, { name: "Gold to Iterable", addOnly: "on" })));
    expect(saved).toMatchObject({ status: "ok", message: { key: "exports.saved" } });
    const exp = await db().export.findUniqueOrThrow({ where: { name: "Gold to Iterable" } });
    expect(exp).toMatchObject({ mode: "ADD_ONLY", emailAttribute: "email", dataFields: [{ attribute: "tier", field: "loyaltyTier" }] });
    expect(saved.redirectTo).toBe(`/exports/${exp.id}`);
    expect(await db().exportRun.count({ where: { exportId: exp.id } })).toBe(0);

    const ran = await runExportAction.runAs(contributor, form({ exportId: exp.id }));
    expect(ran).toMatchObject({ status: "ok", message: { key: "exports.run.started" } });
    const run = await db().exportRun.findFirstOrThrow({ where: { exportId: exp.id } });
    expect(run.requestedById).toBe(contributor.id);
    const done = await waitForRun(run.id, { timeoutMs: 20_000, pollMs: 50 });
    expect(done.status).toBe("SUCCEEDED");
    expect(done.lists[0]).toMatchObject({ listName: "Gold members", added: 30 });
    expect(fx.sandbox.control.lists(fx.project)).toEqual([expect.objectContaining({ name: "Gold members", size: 30 })]);
  });

  it("save and run now starts a run; editing keeps the lists already bound", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    const ids = await addProfiles([{ email: "a@example.com" }, { email: "b@example.com" }]);
    const segmentId = await createSegment("Two people", ids);
    const state = await saveExportAction.runAs(admin, form(exportForm(fx.connectionId, segmentId, { name: "Two", runNow: "1" })));
    expect(state).toMatchObject({ status: "ok", message: { key: "exports.savedAndRunning" } });
    const exp = await db().export.findUniqueOrThrow({ where: { name: "Two" }, include: { lists: true } });
    const run = await db().exportRun.findFirstOrThrow({ where: { exportId: exp.id } });
    expect((await waitForRun(run.id, { timeoutMs: 20_000, pollMs: 50 })).status).toBe("SUCCEEDED");
    const bound = await db().exportList.findMany({ where: { exportId: exp.id } });
    expect(bound[0]?.iterableListId).toEqual(expect.any(Number));

    const edited = await saveExportAction.runAs(admin, form(exportForm(fx.connectionId, segmentId, { name: "Two renamed", exportId: exp.id })));
    expect(edited.status).toBe("ok");
    const after = await db().export.findUniqueOrThrow({ where: { id: exp.id }, include: { lists: true } });
    expect(after.name).toBe("Two renamed");
    expect(after.lists.map((l) => [l.id, l.iterableListId])).toEqual(bound.map((l) => [l.id, l.iterableListId]));
    expect(await db().exportRun.count({ where: { exportId: exp.id } })).toBe(1);
    expect(await acknowledgedEmails(exp.id)).toEqual(["a@example.com", "b@example.com"]);

    // Another segment instead: the old binding goes, and with it what Iterable acknowledged on it.
    const other = await createSegment("Someone else", ids.slice(0, 1));
    const swapped = await saveExportAction.runAs(admin, form(exportForm(fx.connectionId, other, { name: "Two renamed", exportId: exp.id })));
    expect(swapped.status).toBe("ok");
    const lists = await db().exportList.findMany({ where: { exportId: exp.id } });
    expect(lists.map((l) => [l.segmentId, l.iterableListId])).toEqual([[other, null]]);
    expect(await acknowledgedEmails(exp.id)).toEqual([]);
    expect(await db().exportListMember.count({ where: { exportListId: bound[0]!.id } })).toBe(0);
  });
});
