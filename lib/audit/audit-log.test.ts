import { describe, expect, it } from "vitest";
import { withoutSecrets } from "./audit-log";

describe("audit details", () => {
  it("drop secret-looking fields at any depth", () => {
    expect(
      withoutSecrets({ email: "a@example.com", password: "x", nested: { apiKey: "k", api_key: "k", name: "n", token: "t" }, list: [{ secret: 1, ok: 2 }] }),
    ).toEqual({ email: "a@example.com", nested: { name: "n" }, list: [{ ok: 2 }] });
  });
});
