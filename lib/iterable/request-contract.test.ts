import { describe, expect, it } from "vitest";
import { createIterableClient } from "./client";
import { createLimiterRegistry } from "./rate-limiter";
import { MemoryScheduleStore } from "./schedule-store";
import { FakeClock } from "./testing/fake-clock";
import { drive, fakeTransport } from "./testing/fake-transport";
import { createOpenApiValidator } from "./testing/openapi";
import spec from "./testing/iterable-openapi.json";

// Contract: every request body the client produces is valid against the request definition
// that iterable-openapi.json names for that operation (strict: no unknown fields).
const validator = createOpenApiValidator();
const paths = (spec as unknown as { paths: Record<string, Record<string, { parameters?: { in: string; schema?: { $ref?: string } }[] }>> }).paths;

function bodyDefinition(path: string, method: string): string | undefined {
  const body = paths[path]?.[method.toLowerCase()]?.parameters?.find((p) => p.in === "body");
  return body?.schema?.$ref?.replace("#/definitions/", "");
}

const OK_BULK = { successCount: 1, failCount: 0, failedUpdates: {} };

async function captured(run: (client: ReturnType<typeof createIterableClient>) => Promise<unknown>, answer: unknown) {
  const clock = new FakeClock();
  const transport = fakeTransport([{ status: 200, json: answer }]);
  const client = createIterableClient({
    apiKey: "contract-key-123456",
    region: { baseUrl: "http://iterable.test" },
    transport,
    clock,
    limiters: createLimiterRegistry(new MemoryScheduleStore(), clock),
  });
  await drive(clock, run(client));
  const request = transport.requests[0];
  if (!request) throw new Error("no request made");
  return { method: request.method, path: new URL(request.url).pathname, body: JSON.parse(request.body ?? "null") as unknown };
}

describe("request bodies match iterable-openapi.json", () => {
  it.each([
    ["createList", (c: ReturnType<typeof createIterableClient>) => c.createList("Segment: VIPs", "Ferry export"), { listId: 1 }, "/api/lists"],
    ["createList without description", (c: ReturnType<typeof createIterableClient>) => c.createList("Segment"), { listId: 1 }, "/api/lists"],
    [
      "subscribe",
      (c: ReturnType<typeof createIterableClient>) =>
        c.subscribe(12, [{ email: "a@example.com", dataFields: { tier: "gold", score: 3 } }, { email: "b@example.com" }], {
          updateExistingUsersOnly: true,
        }),
      OK_BULK,
      "/api/lists/subscribe",
    ],
    [
      "subscribeSerialized",
      (c: ReturnType<typeof createIterableClient>) =>
        c.subscribeSerialized(
          12,
          { emails: ["a@example.com", "b@example.com"], json: ['{"email": "a@example.com", "dataFields": {"tier": "gold", "score": 3}}', '{"email":"b@example.com"}'] },
          { updateExistingUsersOnly: true },
        ),
      OK_BULK,
      "/api/lists/subscribe",
    ],
    [
      "unsubscribe",
      (c: ReturnType<typeof createIterableClient>) => c.unsubscribe(12, [{ email: "a@example.com" }], { campaignId: 99 }),
      OK_BULK,
      "/api/lists/unsubscribe",
    ],
    [
      "bulkUpdateUsers",
      (c: ReturnType<typeof createIterableClient>) => c.bulkUpdateUsers([{ email: "a@example.com", dataFields: { plan: "pro" } }], { createNewFields: true }),
      OK_BULK,
      "/api/users/bulkUpdate",
    ],
  ] as const)("%s", async (_name, run, answer, expectedPath) => {
    const request = await captured(run, answer);
    expect(request.path).toBe(expectedPath);
    const definition = bodyDefinition(request.path, request.method);
    expect(definition).toBeDefined();
    expect(validator.errors(definition as string, request.body)).toEqual([]);
  });

  it("unsubscribe carries channelUnsubscribe:false explicitly", async () => {
    const request = await captured((c) => c.unsubscribe(12, [{ email: "a@example.com" }]), OK_BULK);
    expect(request.body).toMatchObject({ channelUnsubscribe: false });
  });

  it("subscribeSerialized sends the same body as subscribe", async () => {
    const rows = [{ email: "a@example.com", dataFields: { tier: "gold", note: "quote \" and \u00e9" } }, { email: "b@example.com" }];
    const plain = await captured((c) => c.subscribe(12, rows, { updateExistingUsersOnly: false }), OK_BULK);
    const serialized = await captured(
      (c) => c.subscribeSerialized(12, { emails: rows.map((r) => r.email), json: rows.map((r) => JSON.stringify(r)) }, { updateExistingUsersOnly: false }),
      OK_BULK,
    );
    expect(serialized.body).toEqual(plain.body);
    const joined = await captured(
      (c) => c.subscribeSerialized(12, { emails: rows.map((r) => r.email), joined: rows.map((r) => JSON.stringify(r)).join(",") }, { updateExistingUsersOnly: false }),
      OK_BULK,
    );
    expect(joined.body).toEqual(plain.body);
  });

  it("subscribeSerialized refuses mismatched rows and duplicate emails", async () => {
    const client = createIterableClient({ apiKey: "contract-key-123456", region: { baseUrl: "http://iterable.test" }, transport: fakeTransport([]) });
    await expect(client.subscribeSerialized(1, { emails: ["a@example.com"], json: [] })).rejects.toThrow(/one serialised subscriber per email/);
    await expect(client.subscribeSerialized(1, { emails: ["a@example.com", "A@example.com "], json: ["{}", "{}"] })).rejects.toThrow(/same email twice/);
    await expect(client.subscribeSerialized(1, { emails: ["b@example.com", " B@example.com"], joined: "{},{}" })).rejects.toThrow(/same email twice/);
  });

  it("the validator rejects a misspelt field (the contract can fail)", () => {
    expect(validator.errors("UnsubscribeRequest", { listId: 1, subscribers: [], channelUnsubcribe: false })).not.toEqual([]);
    expect(validator.errors("SubscribeRequest", { listId: "1", subscribers: [] })).not.toEqual([]);
  });
});
