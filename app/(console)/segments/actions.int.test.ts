// Permission test for every Data › Segments action and role, called directly with a signed-in
// user of each role and with nobody signed in; plus the bad-input answers editors get.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { closeBulkPool } from "@/lib/db/bulk";
import { db } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/queue";
import { createTestUser, formData, resetDatabase } from "@/lib/testing/database";
import {
  deleteSegmentAction,
  refreshAllSegmentsAction,
  refreshSegmentAction,
  saveDynamicSegmentAction,
  saveStaticSegmentAction,
} from "./actions";

const RULES = JSON.stringify({ type: "group", combinator: "and", children: [{ type: "condition", attribute: "country", operator: "equals", values: ["ES"] }] });

async function seedSegment() {
  await db().attribute.create({ data: { name: "country", type: "TEXT" } });
  await db().profile.create({ data: { customerId: "C1", attributes: { country: "ES" } } });
  return db().segment.create({ data: { name: `Existing ${Date.now()}`, kind: "DYNAMIC", rules: JSON.parse(RULES) } });
}

type Actor = Awaited<ReturnType<typeof createTestUser>> | null;
const CASES: { name: string; call: (actor: Actor, segmentId: string) => ReturnType<typeof saveDynamicSegmentAction.runAs> }[] = [
  { name: "createDynamic", call: (actor) => saveDynamicSegmentAction.runAs(actor, formData({ name: "Spain", rules: RULES })) },
  { name: "updateDynamic", call: (actor, segmentId) => saveDynamicSegmentAction.runAs(actor, formData({ segmentId, name: "Renamed", rules: RULES })) },
  { name: "createStatic", call: (actor) => saveStaticSegmentAction.runAs(actor, formData({ name: "VIP", matchBy: "customer_id", list: "C1\nC2" })) },
  { name: "delete", call: (actor, segmentId) => deleteSegmentAction.runAs(actor, formData({ segmentId })) },
  { name: "refresh", call: (actor, segmentId) => refreshSegmentAction.runAs(actor, formData({ segmentId })) },
  { name: "refreshAll", call: (actor) => refreshAllSegmentsAction.runAs(actor, formData({})) },
];
const ALLOWED: Record<Role, boolean> = { ADMINISTRATOR: true, CONTRIBUTOR: true, VIEWER: false };
const snapshot = async () => ({ segments: await db().segment.findMany({ orderBy: { id: "asc" } }), jobs: await db().job.count() });

afterAll(async () => {
  await stopBoss();
  await closeBulkPool();
});

describe("Data › Segments actions: permissions", () => {
  beforeEach(resetDatabase);

  for (const action of CASES) {
    for (const role of Object.keys(ALLOWED) as Role[]) {
      it(`${action.name} as ${role}: ${ALLOWED[role] ? "allowed" : "refused"}`, async () => {
        const segment = await seedSegment();
        const actor = await createTestUser(role);
        const before = await snapshot();
        const state = await action.call(actor, segment.id);
        if (ALLOWED[role]) {
          expect(state.status, JSON.stringify(state)).toBe("ok");
          expect(await db().auditLog.count()).toBe(1);
        } else {
          expect(state).toMatchObject({ status: "error", message: { key: "errors.notAllowed" } });
          expect(await snapshot()).toEqual(before);
          expect(await db().auditLog.count()).toBe(0);
        }
      });
    }
    it(`${action.name} signed out: refused`, async () => {
      const segment = await seedSegment();
      const state = await action.call(null, segment.id);
      expect(state).toMatchObject({ status: "error", message: { key: "errors.notSignedIn" } });
      expect(await db().auditLog.count()).toBe(0);
    });
  }
});

describe("Data › Segments actions: bad input", () => {
  beforeEach(resetDatabase);

  it("refuses rules that do not fit the catalog, tampered JSON, and a taken name", async () => {
    const segment = await seedSegment();
    const admin = await createTestUser("ADMINISTRATOR");
    const unknown = JSON.stringify({ type: "group", combinator: "and", children: [{ type: "condition", attribute: "nope", operator: "equals", values: ["x"] }] });
    expect(await saveDynamicSegmentAction.runAs(admin, formData({ name: "X", rules: unknown }))).toMatchObject({ fieldErrors: { rules: { key: "segments.rulesInvalid" } } });
    expect(await saveDynamicSegmentAction.runAs(admin, formData({ name: "X", rules: "{not json" }))).toMatchObject({ fieldErrors: { rules: { key: "validation.tampered" } } });
    const empty = JSON.stringify({ type: "group", combinator: "and", children: [] });
    expect(await saveDynamicSegmentAction.runAs(admin, formData({ name: "X", rules: empty }))).toMatchObject({ fieldErrors: { rules: { key: "segments.rulesInvalid" } } });
    expect(await saveDynamicSegmentAction.runAs(admin, formData({ name: segment.name, rules: RULES }))).toMatchObject({ fieldErrors: { name: { key: "segments.nameTaken" } } });
    expect(await saveDynamicSegmentAction.runAs(admin, formData({ name: " ", rules: RULES }))).toMatchObject({ fieldErrors: { name: { key: "validation.required" } } });
    expect(await db().segment.count()).toBe(1);
  });

  it("renames a segment and records the old name", async () => {
    const segment = await seedSegment();
    const admin = await createTestUser("CONTRIBUTOR");
    expect((await saveDynamicSegmentAction.runAs(admin, formData({ segmentId: segment.id, name: "New name", rules: RULES }))).status).toBe("ok");
    const entry = await db().auditLog.findFirstOrThrow();
    expect(entry).toMatchObject({ action: "segment.updated", details: { name: "New name", renamedFrom: segment.name } });
  });
});
