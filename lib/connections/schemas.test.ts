import { describe, expect, it } from "vitest";
import { connectionSettingsSchema, draftConnectSchema, draftNameSchema, nameKeyOf, rotateKeySchema } from "./schemas";

const draftId = "6f1c5d2e-8a4b-4c3d-9e2f-1a2b3c4d5e6f";
const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [String(issue.path[0]), issue.message]));

describe("connection schemas", () => {
  it("requires a display name, trimmed", () => {
    expect(draftNameSchema.parse({ draftId, displayName: "  Iterable EU  " }).displayName).toBe("Iterable EU");
    expect(issues(draftNameSchema.safeParse({ draftId, displayName: "   " }))).toEqual({ displayName: "validation.required" });
    expect(nameKeyOf(" Iterable EU ")).toBe("iterable eu");
  });

  it("Connect needs the key, a data center and I agree", () => {
    const result = draftConnectSchema.safeParse({ draftId, noticeVersion: "v" });
    expect(issues(result)).toEqual({ apiKey: "connections.keyRequired", region: "connections.regionRequired", agree: "connections.agreeRequired" });
  });

  it("needs a base URL only for the local sandbox, http or https", () => {
    const base = { draftId, apiKey: "k", agree: "on", noticeVersion: "v" };
    expect(draftConnectSchema.safeParse({ ...base, region: "US" }).success).toBe(true);
    expect(issues(draftConnectSchema.safeParse({ ...base, region: "SANDBOX", baseUrl: "" }))).toEqual({ baseUrl: "connections.baseUrlRequired" });
    expect(issues(draftConnectSchema.safeParse({ ...base, region: "SANDBOX", baseUrl: "ftp://x" }))).toEqual({ baseUrl: "connections.baseUrlInvalid" });
    expect(draftConnectSchema.parse({ ...base, region: "SANDBOX", baseUrl: "http://127.0.0.1:4010/" }).baseUrl).toBe("http://127.0.0.1:4010");
    expect(issues(rotateKeySchema.safeParse({ connectionId: draftId, apiKey: "k", region: "MARS" }))).toEqual({ region: "connections.regionRequired" });
  });

  it("uses the defaults for empty sending settings and bounds them", () => {
    const base = { connectionId: draftId, displayName: "X", sharing: "ADMINISTRATORS" };
    expect(connectionSettingsSchema.parse({ ...base, requestsPerSecond: "", concurrency: "", batchSize: "" })).toMatchObject({ requestsPerSecond: 10, concurrency: 4, batchSize: 1000 });
    expect(issues(connectionSettingsSchema.safeParse({ ...base, requestsPerSecond: "0", concurrency: "2.5", batchSize: "1001" }))).toEqual({
      requestsPerSecond: "connections.range", concurrency: "connections.wholeNumber", batchSize: "connections.range",
    });
    expect(issues(connectionSettingsSchema.safeParse({ ...base, connectionId: "x", sharing: "EVERYONE" }))).toMatchObject({ connectionId: "validation.tampered", sharing: "validation.tampered" });
  });
});
