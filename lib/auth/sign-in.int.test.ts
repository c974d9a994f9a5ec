import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTestUser, resetDatabase, TEST_PASSWORD } from "@/lib/testing/database";
import { authorizeCredentials } from "./auth-options";
import { accountKey, FREE_FAILURES, recentFailures } from "./sign-in-throttle";

const from = (ip: string) => ({ "x-forwarded-for": ip });

describe("sign-in", () => {
  beforeEach(resetDatabase);

  it("signs in an active user with the right password, whatever the email's case", async () => {
    const user = await createTestUser("CONTRIBUTOR", { email: "carla@example.com" });
    const result = await authorizeCredentials({ email: " Carla@Example.com ", password: TEST_PASSWORD }, from("192.0.2.1"));
    expect(result).toEqual({ id: user.id, email: user.email, name: user.name, role: "CONTRIBUTOR" });
  });

  it("answers a wrong password, an unknown email and a deactivated user alike", async () => {
    await createTestUser("VIEWER", { email: "vic@example.com" });
    await createTestUser("VIEWER", { email: "gone@example.com", active: false });
    const attempts = [
      { email: "vic@example.com", password: "wrong-password" },
      { email: "nobody@example.com", password: TEST_PASSWORD },
      { email: "gone@example.com", password: TEST_PASSWORD },
      { email: "", password: "" },
    ];
    for (const credentials of attempts) expect(await authorizeCredentials(credentials, from("192.0.2.2"))).toBeNull();
  });

  it("slows down repeated failures on one account even when every attempt claims another address", async () => {
    await createTestUser("VIEWER", { email: "vic@example.com" });
    const bad = { email: "Vic@Example.com", password: "wrong-password" };
    for (let attempt = 0; attempt < FREE_FAILURES; attempt += 1) await authorizeCredentials(bad, from(`203.0.113.${attempt + 10}`));
    expect(await recentFailures(accountKey("vic@example.com"))).toBe(FREE_FAILURES);
    const started = Date.now();
    await authorizeCredentials(bad, from("203.0.113.99"));
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(await recentFailures(accountKey("other@example.com"))).toBe(0);
  });

  it("slows down repeated failures from one address, not from others", async () => {
    await createTestUser("VIEWER", { email: "vic@example.com" });
    const bad = { email: "vic@example.com", password: "wrong-password" };
    for (let attempt = 0; attempt < FREE_FAILURES; attempt += 1) await authorizeCredentials(bad, from("198.51.100.9"));
    expect(await recentFailures("198.51.100.9")).toBe(FREE_FAILURES);
    const started = Date.now();
    await authorizeCredentials(bad, from("198.51.100.9"));
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(await recentFailures("203.0.113.1")).toBe(0);
    expect(await db().signInAttempt.count({ where: { succeeded: false, clientKey: { startsWith: "account:" } } })).toBe(FREE_FAILURES + 1);
  });
});
