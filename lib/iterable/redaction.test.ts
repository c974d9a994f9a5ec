import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createIterableClient } from "./client";
import { IterableError } from "./errors";
import { createLimiterRegistry } from "./rate-limiter";
import { MemoryScheduleStore } from "./schedule-store";
import { FakeClock } from "./testing/fake-clock";
import { drive, fakeTransport, type FakeAnswer } from "./testing/fake-transport";

// The API key must never appear in a log line, error message, exception or serialized object.
const KEY = "SECRET-KEY-do-not-leak-7f3a9c";

function everyRendering(value: unknown): string {
  const parts = [
    JSON.stringify(value) ?? "",
    inspect(value, { depth: null, showHidden: true, getters: true }),
    String(value),
  ];
  if (value instanceof Error) {
    parts.push(value.stack ?? "", value.message);
    for (let cause: unknown = value.cause; cause; cause = (cause as { cause?: unknown }).cause) {
      parts.push(inspect(cause, { depth: null, showHidden: true }));
    }
  }
  return parts.join("\n");
}

function setup(answers: FakeAnswer[]) {
  const clock = new FakeClock();
  const logLines: string[] = [];
  const logger = {
    warn: (fields: Record<string, unknown>, message: string) => logLines.push(JSON.stringify({ ...fields, message })),
    debug: (fields: Record<string, unknown>, message: string) => logLines.push(JSON.stringify({ ...fields, message })),
  };
  const transport = fakeTransport(answers);
  const events: unknown[] = [];
  const client = createIterableClient({
    apiKey: KEY,
    region: { baseUrl: "http://iterable.test" },
    retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 10 },
    timeoutMs: 30,
    transport,
    clock,
    logger,
    onRetry: (e) => events.push(e),
    limiters: createLimiterRegistry(new MemoryScheduleStore(), clock),
  });
  return { client, clock, logLines, transport, events };
}

describe("API key secrecy", () => {
  it("is absent from every rendering of the client", () => {
    const { client } = setup([]);
    expect(everyRendering(client)).not.toContain(KEY);
    expect(everyRendering({ nested: { client } })).not.toContain(KEY);
    expect(JSON.stringify(Object.entries(client))).not.toContain(KEY);
    expect(client.projectId).toMatch(/^prj_[0-9a-f]{16}$/);
  });

  it.each<[string, FakeAnswer[]]>([
    ["401 whose body echoes the key", [{ status: 401, json: { msg: `Invalid API key ${KEY}`, code: "BadApiKey", params: { apiKey: KEY } } }]],
    ["plain-text 429s echoing the key", [{ status: 429, body: `slow down ${KEY}` }, { status: 429, body: `slow down ${KEY}` }]],
    ["HTML 502s", [{ status: 502, body: `<title>${KEY}</title>` }, { status: 502, body: `<title>${KEY}</title>` }]],
    ["network errors", [{ networkError: "ECONNREFUSED" }, { networkError: "ECONNREFUSED" }]],
    ["timeouts", [{ hang: true }, { hang: true }]],
    ["list not found", [{ status: 400, json: { msg: `Invalid list id for ${KEY}`, code: "Success" } }]],
  ])("is absent from errors, logs and retry events on %s", async (_label, answers) => {
    const { client, clock, logLines, events, transport } = setup(answers);
    const error = await drive(clock, client.subscribe(11, [{ email: "a@example.com" }])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IterableError);
    expect(everyRendering(error)).not.toContain(KEY);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join("\n")).not.toContain(KEY);
    expect(JSON.stringify(events)).not.toContain(KEY);
    // It is only ever sent in the Api-Key header, never in the URL.
    expect(transport.requests.every((r) => !r.url.includes(KEY) && r.headers["Api-Key"] === KEY)).toBe(true);
  });
});
