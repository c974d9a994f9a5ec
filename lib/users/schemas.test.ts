import { describe, expect, it } from "vitest";
import { signInSchema } from "@/lib/auth/schemas";
import { changeRoleSchema, createUserSchema, setActiveSchema } from "./schemas";

const valid = { name: "Nora Nuevo", email: "  Nora@Example.COM ", role: "CONTRIBUTOR", password: "long-enough-pw" };
const firstMessage = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((issue) => `${String(issue.path[0])}:${issue.message}`);

describe("createUserSchema", () => {
  it("accepts a valid user and normalises the email", () => {
    const parsed = createUserSchema.parse(valid);
    expect(parsed.email).toBe("nora@example.com");
    expect(parsed.name).toBe("Nora Nuevo");
  });

  it.each([
    [{ name: "  " }, "name:validation.required"],
    [{ email: "" }, "email:validation.required"],
    [{ email: "not-an-email" }, "email:validation.email"],
    [{ role: "SUPERUSER" }, "role:validation.role"],
    [{ role: "administrator" }, "role:validation.role"],
    [{ password: "" }, "password:validation.passwordMin"],
    [{ password: "short" }, "password:validation.passwordMin"],
    [{ name: "x".repeat(121) }, "name:validation.tooLong"],
  ])("refuses %o", (change, expected) => {
    expect(firstMessage(createUserSchema.safeParse({ ...valid, ...change }))).toContain(expected);
  });
});

describe("changeRoleSchema and setActiveSchema", () => {
  const id = "4f1c2a9e-8f6b-4a53-9d2e-6f0c7b5b1a11";

  it("accept a user id with a role or an activity flag", () => {
    expect(changeRoleSchema.parse({ userId: id, role: "VIEWER" })).toEqual({ userId: id, role: "VIEWER" });
    expect(setActiveSchema.parse({ userId: id, active: "false" })).toEqual({ userId: id, active: false });
  });

  it("refuse tampered fields", () => {
    expect(firstMessage(changeRoleSchema.safeParse({ userId: "1 OR 1=1", role: "VIEWER" }))).toContain("userId:validation.tampered");
    expect(firstMessage(setActiveSchema.safeParse({ userId: id, active: "yes" }))).toContain("active:validation.tampered");
    expect(changeRoleSchema.safeParse({ userId: id, role: "OWNER" }).success).toBe(false);
  });
});

describe("signInSchema", () => {
  it("needs an email and a password, and lowercases the email", () => {
    expect(signInSchema.parse({ email: " Admin@Example.com", password: "x" }).email).toBe("admin@example.com");
    expect(firstMessage(signInSchema.safeParse({ email: "admin@example.com", password: "" }))).toContain("password:validation.required");
    expect(firstMessage(signInSchema.safeParse({ email: "", password: "x" }))).toContain("email:validation.required");
  });
});
