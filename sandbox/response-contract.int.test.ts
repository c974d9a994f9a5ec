import {
  CreateListResponseSchema,
  GetListsResponseSchema,
  UserBulkUpdateListResponseSchema,
} from "@iterable/api/dist/types/lists.js";
import { IterableErrorResponseSchema, IterableSuccessResponseSchema } from "@iterable/api/dist/types/common.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenApiValidator, responseDefinition } from "../lib/iterable/testing/openapi";
import { startSandbox, type SandboxHandle } from "./server";

// Contract: every sandbox answer is valid against the response definitions of
// iterable-openapi.json (strict: no fields the document does not define) and is accepted by
// @iterable/api's own zod response schemas.
const KEY = "contract-sandbox-key-0000";
const validator = createOpenApiValidator();
let s: SandboxHandle;
let listId: number;

beforeAll(async () => {
  s = await startSandbox({ projects: [{ name: "C", apiKey: KEY, forgottenEmails: ["gone@example.com"], conflictEmails: ["clash@example.com"] }] });
});
afterAll(async () => {
  await s.close();
});

async function call(method: string, path: string, body?: unknown, key = KEY) {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: { "Api-Key": key, "Content-Type": "application/json" },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, text: await res.text(), type: res.headers.get("content-type") ?? "" };
}

function expectDocumented(specPath: string, method: string, res: { status: number; text: string }) {
  const definition = responseDefinition(specPath, method, res.status);
  expect(definition, `${method} ${specPath} documents a ${res.status} schema`).toBeDefined();
  const value = definition === "string" ? res.text : (JSON.parse(res.text) as unknown);
  if (definition !== "string") expect(validator.errors(definition as string, value)).toEqual([]);
  return value;
}

describe("sandbox answers match iterable-openapi.json and @iterable/api", () => {
  it("POST /api/lists → CreateListResponse", async () => {
    const res = await call("POST", "/api/lists", { name: "Contract", description: "d" });
    const value = expectDocumented("/api/lists", "post", res);
    expect(CreateListResponseSchema.safeParse(value).success).toBe(true);
    listId = (value as { listId: number }).listId;
  });

  it("GET /api/lists → GetListsResponse", async () => {
    const value = expectDocumented("/api/lists", "get", await call("GET", "/api/lists"));
    expect(GetListsResponseSchema.safeParse(value).success).toBe(true);
    expect((value as { lists: unknown[] }).lists).toHaveLength(1);
  });

  it.each([
    ["subscribe", "/api/lists/subscribe", () => ({
      listId,
      subscribers: [{ email: "a@example.com", dataFields: { n: 1 } }, { email: "bad" }, { email: "gone@example.com" }, { email: "clash@example.com" }, { email: "a2@example.com", dataFields: "x" }],
    })],
    ["unsubscribe", "/api/lists/unsubscribe", () => ({ listId, subscribers: [{ email: "a@example.com" }, { email: "nobody@example.com" }], channelUnsubscribe: false })],
    ["bulkUpdate", "/api/users/bulkUpdate", () => ({ users: [{ email: "u@example.com", dataFields: { n: 1 } }, { email: "gone@example.com", dataFields: {} }] })],
  ] as const)("POST %s → UserBulkUpdateListResponse (partial success)", async (_name, path, body) => {
    const res = await call("POST", path, body());
    expect(res.status).toBe(200);
    const value = expectDocumented(path, "post", res) as { failCount: number };
    expect(value.failCount).toBeGreaterThan(0);
    expect(UserBulkUpdateListResponseSchema.safeParse(value).success).toBe(true);
  });

  it("GET getUsers and size → text/plain strings", async () => {
    const users = await call("GET", `/api/lists/getUsers?listId=${listId}`);
    expect(users.type).toMatch(/^text\/plain/);
    expectDocumented("/api/lists/getUsers", "get", users);
    const size = await call("GET", `/api/lists/${listId}/size`);
    expect(expectDocumented("/api/lists/{listId}/size", "get", size)).toMatch(/^\d+$/);
  });

  it("DELETE /api/lists/{id} → IterableApiResponse", async () => {
    const value = expectDocumented("/api/lists/{listId}", "delete", await call("DELETE", `/api/lists/${listId}`));
    expect(IterableSuccessResponseSchema.safeParse(value).success).toBe(true);
  });

  it("error envelopes (401, 400 unknown list, 400 bad params) are IterableApiResponse", async () => {
    for (const res of [
      await call("GET", "/api/lists", undefined, "wrong-key-0000000"),
      await call("POST", "/api/lists/subscribe", { listId: 1, subscribers: [] }),
      await call("POST", "/api/lists", {}),
    ]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      const value = JSON.parse(res.text) as unknown;
      expect(validator.errors("IterableApiResponse", value)).toEqual([]);
      expect(IterableErrorResponseSchema.safeParse(value).success).toBe(true);
    }
  });
});
