// Permission test for every Admin › Users action and role: each action is called directly
// with a signed-in user of each role (and with nobody signed in).
import { beforeEach, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { createTestUser, formData, resetDatabase } from "@/lib/testing/database";
import { changeRoleAction, createUserAction, setActiveAction } from "./actions";

type Case = { name: string; call: (actor: Awaited<ReturnType<typeof createTestUser>> | null, target: string) => ReturnType<typeof createUserAction.runAs> };

const CASES: Case[] = [
  {
    name: "createUser",
    call: (actor) => createUserAction.runAs(actor, formData({ name: "New", email: `new-${Date.now()}@example.com`, role: "VIEWER", password: "a-long-password" })),
  },
  { name: "changeRole", call: (actor, target) => changeRoleAction.runAs(actor, formData({ userId: target, role: "CONTRIBUTOR" })) },
  { name: "setActive", call: (actor, target) => setActiveAction.runAs(actor, formData({ userId: target, active: "false" })) },
];
const ALLOWED: Record<Role, boolean> = { ADMINISTRATOR: true, CONTRIBUTOR: false, VIEWER: false };

describe("Admin › Users actions: permissions", () => {
  beforeEach(resetDatabase);

  for (const action of CASES) {
    for (const role of Object.keys(ALLOWED) as Role[]) {
      it(`${action.name} as ${role}: ${ALLOWED[role] ? "allowed" : "refused"}`, async () => {
        await createTestUser("ADMINISTRATOR");
        const actor = await createTestUser(role);
        const target = await createTestUser("VIEWER");
        const usersBefore = await db().user.findMany({ orderBy: { id: "asc" } });
        const state = await action.call(actor, target.id);
        if (ALLOWED[role]) {
          expect(state.status).toBe("ok");
          expect(await db().auditLog.count()).toBe(1);
        } else {
          expect(state).toMatchObject({ status: "error", message: { key: "errors.notAllowed" } });
          expect(await db().user.findMany({ orderBy: { id: "asc" } })).toEqual(usersBefore);
          expect(await db().auditLog.count()).toBe(0);
        }
      });
    }
    it(`${action.name} signed out: refused`, async () => {
      const target = await createTestUser("VIEWER");
      const state = await action.call(null, target.id);
      expect(state).toMatchObject({ status: "error", message: { key: "errors.notSignedIn" } });
      expect(await db().auditLog.count()).toBe(0);
    });
  }
});

describe("Admin › Users actions: bad input", () => {
  beforeEach(resetDatabase);

  it("gives field errors, keeps what was typed but never the password, and saves nothing", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    const state = await createUserAction.runAs(admin, formData({ name: "", email: "nope", role: "ROOT", password: "short" }));
    expect(state.status).toBe("error");
    expect(state.fieldErrors).toMatchObject({
      name: { key: "validation.required" },
      email: { key: "validation.email" },
      role: { key: "validation.role" },
      password: { key: "validation.passwordMin", params: { min: 10 } },
    });
    expect(state.values).toEqual({ name: "", email: "nope", role: "ROOT" });
    expect(await db().user.count()).toBe(1);
  });

  it("reports an email already in use on the email field", async () => {
    const admin = await createTestUser("ADMINISTRATOR", { email: "admin@example.com" });
    const state = await createUserAction.runAs(admin, formData({ name: "Dup", email: "ADMIN@example.com", role: "VIEWER", password: "a-long-password" }));
    expect(state).toMatchObject({ status: "error", fieldErrors: { email: { key: "users.emailTaken" } } });
  });

  it("refuses a tampered user id or a missing field", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    const tampered = await changeRoleAction.runAs(admin, formData({ userId: "'; DROP TABLE users; --", role: "VIEWER" }));
    expect(tampered.fieldErrors?.userId?.key).toBe("validation.tampered");
    const missing = await setActiveAction.runAs(admin, formData({ userId: admin.id }));
    expect(missing.fieldErrors?.active?.key).toBe("validation.tampered");
    expect(await db().auditLog.count()).toBe(0);
  });

  it("shows the last-administrator rule as a message", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    const state = await changeRoleAction.runAs(admin, formData({ userId: admin.id, role: "VIEWER" }));
    expect(state).toMatchObject({ status: "error", message: { key: "users.lastAdmin" } });
  });
});
