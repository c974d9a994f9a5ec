// The exports list's row actions (Duplicate, Detach connection, Remove): a permission test for
// every action and role (and signed out), the shared-connection rule for contributors, and what
// each does; Run now refused on a detached export; a detached export attached again with Edit.
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { createSegment } from "@/lib/export-engine/testing/engine-fixture";
import { stopBoss } from "@/lib/jobs/queue";
import { createTestUser, resetDatabase } from "@/lib/testing/database";
import { formOf as form, insertPlaceholderConnection as insertConnection } from "@/lib/testing/export-fixtures";
import { detachExportAction, duplicateExportAction, removeExportAction, runExportAction, saveExportAction } from "./actions";

type Setup = { connectionId: string; segmentId: string; exportId: string; name: string };

async function setup(shared: boolean): Promise<Setup> {
  const connectionId = await insertConnection(shared);
  const segmentId = await createSegment(`Segment ${randomUUID().slice(0, 8)}`);
  const exp = await db().export.create({
    data: {
      name: `Export ${randomUUID().slice(0, 8)}`, connectionId, emailAttribute: "contact_email", mode: "ADD_ONLY",
      dataFields: [{ attribute: "tier", field: "loyaltyTier" }], maxRemovalShare: 0.2,
      lists: { create: [{ segmentId, listName: "Seg", position: 0, iterableListId: 77 }] },
    },
  });
  // A finished run: part of the history a removal removes.
  await db().exportRun.create({ data: { exportId: exp.id, trigger: "MANUAL", status: "SUCCEEDED", finishedAt: new Date() } });
  return { connectionId, segmentId, exportId: exp.id, name: exp.name };
}

type Case = { name: string; call: (actor: CurrentUser | null, s: Setup) => ReturnType<typeof duplicateExportAction.runAs> };
const CASES: Case[] = [
  { name: "duplicateExport", call: (actor, s) => duplicateExportAction.runAs(actor, form({ exportId: s.exportId, name: `Copy of ${s.name}` })) },
  { name: "detachExport", call: (actor, s) => detachExportAction.runAs(actor, form({ exportId: s.exportId })) },
  { name: "removeExport", call: (actor, s) => removeExportAction.runAs(actor, form({ exportId: s.exportId })) },
];
const ALLOWED: Record<Role, boolean> = { ADMINISTRATOR: true, CONTRIBUTOR: true, VIEWER: false };

const snapshot = async () => ({
  exports: await db().export.findMany({ orderBy: { id: "asc" } }),
  lists: await db().exportList.findMany({ orderBy: { id: "asc" } }),
  runs: await db().exportRun.findMany({ orderBy: { id: "asc" } }),
  audit: await db().auditLog.count(),
});

describe("Data › Exports row actions: permissions", () => {
  beforeEach(resetDatabase);
  afterAll(stopBoss);

  for (const action of CASES) {
    for (const role of Object.keys(ALLOWED) as Role[]) {
      it(`${action.name} as ${role} on a shared connection: ${ALLOWED[role] ? "allowed" : "refused"}`, async () => {
        const s = await setup(true);
        const actor = await createTestUser(role);
        const before = await snapshot();
        const state = await action.call(actor, s);
        if (ALLOWED[role]) {
          expect(state.status, JSON.stringify(state)).toBe("ok");
          expect(await snapshot()).not.toEqual(before);
          expect(await db().auditLog.count()).toBeGreaterThan(0);
        } else {
          expect(state).toMatchObject({ status: "error", message: { key: "errors.notAllowed" } });
          expect(await snapshot()).toEqual(before);
        }
      });
    }
    it(`${action.name} as CONTRIBUTOR on a connection not shared with contributors: refused`, async () => {
      const s = await setup(false);
      const before = await snapshot();
      const state = await action.call(await createTestUser("CONTRIBUTOR"), s);
      expect(state).toMatchObject({ status: "error", message: { key: "errors.notAllowed" } });
      expect(await snapshot()).toEqual(before);
    });
    it(`${action.name} as ADMINISTRATOR on a connection not shared with contributors: allowed`, async () => {
      const s = await setup(false);
      const state = await action.call(await createTestUser("ADMINISTRATOR"), s);
      expect(state.status, JSON.stringify(state)).toBe("ok");
    });
    it(`${action.name} signed out: refused`, async () => {
      const s = await setup(true);
      const before = await snapshot();
      const state = await action.call(null, s);
      expect(state).toMatchObject({ status: "error", message: { key: "errors.notSignedIn" } });
      expect(await snapshot()).toEqual(before);
    });
  }
});

describe("Data › Exports row actions: what they do", () => {
  beforeEach(resetDatabase);

  it("Duplicate copies the settings and segments under the name given, with no history and no Iterable list yet", async () => {
    const s = await setup(true);
    const contributor = await createTestUser("CONTRIBUTOR");
    const state = await duplicateExportAction.runAs(contributor, form({ exportId: s.exportId, name: "  Weekly copy  " }));
    expect(state).toMatchObject({ status: "ok", message: { key: "exports.duplicated", params: { name: "Weekly copy" } } });
    const copy = await db().export.findUniqueOrThrow({ where: { name: "Weekly copy" }, include: { lists: true, runs: true } });
    expect(copy).toMatchObject({
      connectionId: s.connectionId, emailAttribute: "contact_email", mode: "ADD_ONLY", maxRemovalShare: 0.2,
      dataFields: [{ attribute: "tier", field: "loyaltyTier" }], createdById: contributor.id, runs: [],
    });
    expect(copy.lists).toEqual([expect.objectContaining({ segmentId: s.segmentId, iterableListId: null })]);
    expect(await db().auditLog.findFirst({ where: { targetId: copy.id } })).toMatchObject({ action: "export.create", actorId: contributor.id });
  });

  it("Duplicate refuses an empty or taken name on the name field, and keeps what was typed", async () => {
    const s = await setup(true);
    const admin = await createTestUser("ADMINISTRATOR");
    expect(await duplicateExportAction.runAs(admin, form({ exportId: s.exportId, name: " " }))).toMatchObject({
      status: "error", fieldErrors: { name: { key: "validation.required" } },
    });
    const taken = await duplicateExportAction.runAs(admin, form({ exportId: s.exportId, name: s.name }));
    expect(taken).toMatchObject({ status: "error", fieldErrors: { name: { key: "exports.error.nameTaken" } }, values: { name: s.name } });
    expect(await db().export.count()).toBe(1);
  });

  it("Detach keeps the settings, lists and history; Run now is then refused; Edit attaches another connection", async () => {
    const s = await setup(true);
    const contributor = await createTestUser("CONTRIBUTOR");
    expect(await detachExportAction.runAs(contributor, form({ exportId: s.exportId }))).toMatchObject({ status: "ok", message: { key: "exports.detached" } });
    const detached = await db().export.findUniqueOrThrow({ where: { id: s.exportId }, include: { lists: true, runs: true } });
    expect(detached).toMatchObject({ connectionId: null, emailAttribute: "contact_email", mode: "ADD_ONLY" });
    expect(detached.lists).toEqual([expect.objectContaining({ iterableListId: 77 })]);
    expect(detached.runs).toHaveLength(1);
    expect(await db().auditLog.findFirst({ where: { action: "export.detach" } })).toMatchObject({ details: { name: s.name, connectionId: s.connectionId } });

    const runs = await db().exportRun.count();
    for (const role of ["ADMINISTRATOR", "CONTRIBUTOR"] as const) {
      const refused = await runExportAction.runAs(await createTestUser(role), form({ exportId: s.exportId }));
      expect(refused).toMatchObject({ status: "error", message: { key: "exports.error.detached" } });
    }
    expect(await db().exportRun.count()).toBe(runs);

    const other = await insertConnection(true);
    const saved = await saveExportAction.runAs(contributor, form({
      exportId: s.exportId, connectionId: other, name: s.name, emailAttribute: "contact_email", segmentIds: [s.segmentId],
      dataFieldAttribute: ["tier"], dataFieldName: ["loyaltyTier"], addOnly: "on",
    }));
    expect(saved.status, JSON.stringify(saved)).toBe("ok");
    const attached = await db().export.findUniqueOrThrow({ where: { id: s.exportId }, include: { lists: true } });
    expect(attached.connectionId).toBe(other);
    expect(attached.lists).toEqual([expect.objectContaining({ iterableListId: 77 })]);
  });

  it("a contributor may not attach a detached export to a connection not shared with contributors", async () => {
    const s = await setup(true);
    const contributor = await createTestUser("CONTRIBUTOR");
    await detachExportAction.runAs(contributor, form({ exportId: s.exportId }));
    const adminsOnly = await insertConnection(false);
    const state = await saveExportAction.runAs(contributor, form({ exportId: s.exportId, connectionId: adminsOnly, name: s.name, emailAttribute: "email", segmentIds: [s.segmentId] }));
    expect(state).toMatchObject({ status: "error", fieldErrors: { connectionId: { key: "exports.form.connectionUnavailable" } } });
    expect((await db().export.findUniqueOrThrow({ where: { id: s.exportId } })).connectionId).toBeNull();
  });

  it("Remove removes the export and its run history, audited; the Iterable lists are not touched", async () => {
    const s = await setup(true);
    const admin = await createTestUser("ADMINISTRATOR");
    expect(await removeExportAction.runAs(admin, form({ exportId: s.exportId }))).toMatchObject({ status: "ok", message: { key: "exports.removed", params: { name: s.name } } });
    expect(await db().export.count()).toBe(0);
    expect(await db().exportList.count()).toBe(0);
    expect(await db().exportRun.count()).toBe(0);
    expect(await db().auditLog.findFirst({ where: { action: "export.remove" } })).toMatchObject({ targetId: s.exportId, details: { name: s.name } });
    expect(await removeExportAction.runAs(admin, form({ exportId: s.exportId }))).toMatchObject({ status: "error", message: { key: "exports.error.notFound" } });
  });

  it("Detach and Remove wait for a run under way to end (or be canceled)", async () => {
    const s = await setup(true);
    const admin = await createTestUser("ADMINISTRATOR");
    await db().exportRun.create({ data: { exportId: s.exportId, trigger: "MANUAL", status: "RUNNING", startedAt: new Date() } });
    const before = await snapshot();
    for (const action of [detachExportAction, removeExportAction]) {
      expect(await action.runAs(admin, form({ exportId: s.exportId }))).toMatchObject({ status: "error", message: { key: "exports.error.runUnderWay" } });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("bad ids are refused as tampered input", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    for (const action of [detachExportAction, removeExportAction]) {
      expect(await action.runAs(admin, form({ exportId: "not-a-uuid" }))).toMatchObject({ status: "error", fieldErrors: { exportId: { key: "validation.tampered" } } });
    }
  });
});
