// Removing a connection that exports use: the admin must choose to detach or remove them; the
// choice and the removal commit together (or not at all), audited.
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createSegment } from "@/lib/export-engine/testing/engine-fixture";
import { stopBoss } from "@/lib/jobs/queue";
import { createTestUser, resetDatabase } from "@/lib/testing/database";
import { ExpectedError } from "@/lib/errors";
import { removeConnection } from "./connections";
import { removeConnectionSchema } from "./schemas";

/** What the server action does after its permission check: the shared schema, then the domain. */
async function remove(admin: Awaited<ReturnType<typeof createTestUser>>, fields: Record<string, string>) {
  const input = removeConnectionSchema.safeParse(fields);
  if (!input.success) return { status: "invalid" as const, issue: input.error.issues[0] };
  try {
    await removeConnection(admin, input.data);
    return { status: "ok" as const };
  } catch (error) {
    if (error instanceof ExpectedError) return { status: "error" as const, key: error.messageKey, field: error.options.field };
    return { status: "failed" as const, error };
  }
}

async function setup() {
  const suffix = randomUUID().slice(0, 8);
  const connection = await db().connection.create({
    data: {
      type: "ITERABLE", displayName: `Going ${suffix}`, nameKey: `going ${suffix}`, region: "SANDBOX", sharing: "ADMINISTRATORS",
      apiKeyCiphertext: "placeholder", apiKeyMasterKeyId: "placeholder", apiKeyLast4: "0000",
      checkStatus: "CONNECTED", checkedAt: new Date(), privacyNoticeVersion: "test", privacyAcceptedAt: new Date(),
    },
  });
  const staying = await db().connection.create({
    data: {
      type: "ITERABLE", displayName: `Staying ${suffix}`, nameKey: `staying ${suffix}`, region: "SANDBOX", sharing: "ADMINISTRATORS",
      apiKeyCiphertext: "placeholder", apiKeyMasterKeyId: "placeholder", apiKeyLast4: "0000",
      checkStatus: "CONNECTED", checkedAt: new Date(), privacyNoticeVersion: "test", privacyAcceptedAt: new Date(),
    },
  });
  const segmentId = await createSegment(`Segment ${suffix}`);
  const make = (name: string, connectionId: string) =>
    db().export.create({ data: { name, connectionId, emailAttribute: "email", lists: { create: [{ segmentId, listName: "Seg", position: 0, iterableListId: 5 }] }, runs: { create: [{ trigger: "MANUAL", status: "SUCCEEDED" }] } } });
  const a = await make("Alpha", connection.id);
  const b = await make("Beta", connection.id);
  const other = await make("Elsewhere", staying.id);
  // What Iterable acknowledged on each export's list.
  const lists = await db().exportList.findMany({ include: { export: { select: { name: true } } } });
  await db().exportListMember.createMany({ data: lists.map((list) => ({ exportListId: list.id, email: `${list.export.name.toLowerCase()}@example.com`, dataHash: "h" })) });
  return { admin: await createTestUser("ADMINISTRATOR"), connection, staying, ids: [a.id, b.id], otherId: other.id };
}

describe("removing a connection that exports use", () => {
  beforeEach(resetDatabase);
  afterAll(stopBoss);

  it("asks what happens to the exports and changes nothing until the admin chooses", async () => {
    const s = await setup();
    const state = await remove(s.admin, { connectionId: s.connection.id });
    expect(state).toMatchObject({ status: "error", key: "connections.remove.exportsChoiceRequired", field: "exports" });
    expect(await db().connection.count()).toBe(2);
    expect(await db().export.count({ where: { connectionId: s.connection.id } })).toBe(2);
    const forged = await remove(s.admin, { connectionId: s.connection.id, exports: "keep" });
    expect(forged).toMatchObject({ status: "invalid", issue: { path: ["exports"], message: "connections.remove.exportsChoiceRequired" } });
    expect(await db().connection.count()).toBe(2);
  });

  it("detach: the exports keep their settings, lists and history, with no connection; audited in the same change", async () => {
    const s = await setup();
    expect(await remove(s.admin, { connectionId: s.connection.id, exports: "detach" })).toEqual({ status: "ok" });
    expect(await db().connection.findUnique({ where: { id: s.connection.id } })).toBeNull();
    const detached = await db().export.findMany({ where: { id: { in: s.ids } }, include: { lists: true, runs: true }, orderBy: { name: "asc" } });
    expect(detached.map((e) => [e.name, e.connectionId, e.lists[0]?.iterableListId, e.runs.length])).toEqual([["Alpha", null, 5, 1], ["Beta", null, 5, 1]]);
    expect((await db().export.findUniqueOrThrow({ where: { id: s.otherId } })).connectionId).toBe(s.staying.id);
    const audit = await db().auditLog.findMany({ orderBy: { id: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["export.detach", "export.detach", "connection.removed"]);
    expect(audit[2]).toMatchObject({ actorId: s.admin.id, details: { exports: "detach", exportNames: ["Alpha", "Beta"] } });
  });

  it("remove: the exports and their history are removed with the connection; others stay", async () => {
    const s = await setup();
    expect(await remove(s.admin, { connectionId: s.connection.id, exports: "remove" })).toEqual({ status: "ok" });
    expect(await db().export.findMany({ select: { name: true } })).toEqual([{ name: "Elsewhere" }]);
    expect(await db().exportRun.count()).toBe(1);
    expect((await db().exportListMember.findMany()).map((member) => member.email)).toEqual(["elsewhere@example.com"]);
    const audit = await db().auditLog.findMany({ orderBy: { id: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["export.remove", "export.remove", "connection.removed"]);
    expect(audit[2]).toMatchObject({ details: { exports: "remove", exportNames: ["Alpha", "Beta"] } });
  });

  it("one transaction: when the removal fails, the exports are neither removed nor detached", async () => {
    const s = await setup();
    await db().$executeRawUnsafe(`CREATE FUNCTION ferry_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$`);
    await db().$executeRawUnsafe(`CREATE TRIGGER ferry_test_refuse BEFORE DELETE ON connections FOR EACH ROW EXECUTE FUNCTION ferry_test_refuse()`);
    try {
      for (const choice of ["detach", "remove"]) {
        const state = await remove(s.admin, { connectionId: s.connection.id, exports: choice });
        expect(state.status).toBe("failed");
      }
    } finally {
      await db().$executeRawUnsafe("DROP TRIGGER ferry_test_refuse ON connections");
      await db().$executeRawUnsafe("DROP FUNCTION ferry_test_refuse()");
    }
    expect(await db().export.count({ where: { connectionId: s.connection.id } })).toBe(2);
    expect(await db().exportRun.count()).toBe(3);
    expect(await db().exportListMember.count()).toBe(3);
    expect(await db().auditLog.count()).toBe(0);
  });

  it("a connection no export uses is removed without a choice, as before", async () => {
    const s = await setup();
    await db().export.deleteMany({ where: { connectionId: s.connection.id } });
    expect(await remove(s.admin, { connectionId: s.connection.id })).toEqual({ status: "ok" });
    expect(await db().connection.findMany({ select: { id: true } })).toEqual([{ id: s.staying.id }]);
  });
});
