import { describe, expect, it } from "vitest";
import { isValidEmail, normalizeEmail } from "./email";

describe("isValidEmail (Apache Commons EmailValidator rules)", () => {
  it.each([
    "ada@example.com",
    "ada.lovelace+ferry@example.co.uk",
    "o'brien@example.ie",
    "user_name-1@sub.example.io",
    '"quoted user"@example.com',
    "ada@[192.168.0.1]",
    "jose@exämple.de",
    "ada@example.xn--p1ai",
    "ada@example.рф",
    "a@b.photography",
    "{ada}|~^`#$%&*/=?!@example.com",
    "ada\\ lovelace@example.com",
  ])("accepts %s", (email) => {
    expect(isValidEmail(email)).toBe(true);
  });

  it.each([
    "",
    "plainaddress",
    "@example.com",
    "ada@",
    "ada@example",
    "ada@example.notatld",
    "ada@example.com.",
    "ada..lovelace@example.com",
    ".ada@example.com",
    "ada.@example.com",
    "ada lovelace@example.com",
    "ada@exa mple.com",
    "ada@exa\tmple.com",
    "a@b@exa mple.com",
    "ada@-example.com",
    "ada@example-.com",
    "ada(comment)@example.com",
    "ada@[999.1.1.1]",
    `${"a".repeat(65)}@example.com`,
    "ada@example.c0m",
  ])("rejects %j", (email) => {
    expect(isValidEmail(email)).toBe(false);
  });

  it("splits at the last @ like Java's greedy EMAIL_REGEX", () => {
    expect(isValidEmail('"a@b"@example.com')).toBe(true);
    expect(isValidEmail("a@b@example.com")).toBe(false);
  });
});

describe("normalizeEmail", () => {
  it("trims and lowercases as Iterable stores it", () => {
    expect(normalizeEmail("  Ada@Example.COM ")).toBe("ada@example.com");
  });
});
