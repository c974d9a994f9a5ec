import { beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/passwords";
import { db } from "@/lib/db/client";
import { ExpectedError } from "@/lib/errors";
import { createTestUser, resetDatabase } from "@/lib/testing/database";
import { changeUserRole, createUser, listUsers, setUserActive } from "./users";

const expectError = async (promise: Promise<unknown>, key: string) => {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ExpectedError);
  expect((error as ExpectedError).messageKey).toBe(key);
};

describe("users", () => {
  beforeEach(resetDatabase);

  it("creates a user with a hashed password and writes the audit log without secrets", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    const user = await createUser(admin, { name: "Nora", email: "nora@example.com", role: "VIEWER", password: "a-long-password" });
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(stored.passwordHash).not.toContain("a-long-password");
    expect(await verifyPassword("a-long-password", stored.passwordHash)).toBe(true);
    expect(await verifyPassword("wrong-password", stored.passwordHash)).toBe(false);

    const entries = await db().auditLog.findMany({ where: { targetId: user.id } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: admin.id, actorEmail: admin.email, action: "user.created", targetType: "user" });
    expect(JSON.stringify(entries[0]!.details)).not.toMatch(/password|\$2[aby]\$/i);
  });

  it("never returns password hashes from ordinary queries", async () => {
    await createTestUser("VIEWER");
    const [user] = await listUsers();
    expect(user).toBeDefined();
    expect(Object.keys(user!)).not.toContain("passwordHash");
  });

  it("refuses an email already in use, and saves nothing", async () => {
    const admin = await createTestUser("ADMINISTRATOR", { email: "taken@example.com" });
    await expectError(createUser(admin, { name: "Dup", email: "taken@example.com", role: "VIEWER", password: "a-long-password" }), "users.emailTaken");
    expect(await db().user.count()).toBe(1);
    expect(await db().auditLog.count()).toBe(0);
  });

  it("changes a role and records from → to", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    const viewer = await createTestUser("VIEWER");
    await changeUserRole(admin, { userId: viewer.id, role: "CONTRIBUTOR" });
    expect((await db().user.findUniqueOrThrow({ where: { id: viewer.id } })).role).toBe("CONTRIBUTOR");
    const entry = await db().auditLog.findFirstOrThrow({ where: { action: "user.role_changed" } });
    expect(entry.details).toMatchObject({ from: "VIEWER", to: "CONTRIBUTOR" });
  });

  it("never demotes or deactivates the last active administrator", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    await createTestUser("ADMINISTRATOR", { active: false });
    await expectError(changeUserRole(admin, { userId: admin.id, role: "VIEWER" }), "users.lastAdmin");
    const other = await createTestUser("CONTRIBUTOR");
    await expectError(setUserActive(other, { userId: admin.id, active: false }), "users.lastAdmin");
    expect(await db().user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ role: "ADMINISTRATOR", active: true });
  });

  it("lets one of two administrators go, but not both at once", async () => {
    const first = await createTestUser("ADMINISTRATOR");
    const second = await createTestUser("ADMINISTRATOR");
    const results = await Promise.allSettled([
      changeUserRole(second, { userId: first.id, role: "VIEWER" }),
      changeUserRole(first, { userId: second.id, role: "VIEWER" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db().user.count({ where: { role: "ADMINISTRATOR", active: true } })).toBe(1);
  });

  it("deactivates and reactivates, never oneself", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    await createTestUser("ADMINISTRATOR");
    const viewer = await createTestUser("VIEWER");
    await setUserActive(admin, { userId: viewer.id, active: false });
    const stored = await db().user.findUniqueOrThrow({ where: { id: viewer.id } });
    expect(stored.active).toBe(false);
    expect(stored.deactivatedAt).toBeInstanceOf(Date);
    await setUserActive(admin, { userId: viewer.id, active: true });
    expect((await db().user.findUniqueOrThrow({ where: { id: viewer.id } })).active).toBe(true);
    await expectError(setUserActive(admin, { userId: admin.id, active: false }), "users.cannotDeactivateSelf");
    const actions = (await db().auditLog.findMany({ orderBy: { id: "asc" } })).map((entry) => entry.action);
    expect(actions).toEqual(["user.deactivated", "user.reactivated"]);
  });

  it("reports a user that does not exist", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    await expectError(changeUserRole(admin, { userId: "00000000-0000-4000-8000-000000000000", role: "VIEWER" }), "users.notFound");
  });
});
