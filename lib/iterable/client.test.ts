import { describe, expect, it } from "vitest";
import { createIterableClient, type IterableClientOptions } from "./client";
import {
  IterableBadKeyError,
  IterableListNotFoundError,
  IterableNetworkError,
  IterableRateLimitedError,
  IterableServerError,
  IterableUnexpectedResponseError,
  IterableUsageError,
} from "./errors";
import type { RetryEvent } from "./executor";
import { createLimiterRegistry } from "./rate-limiter";
import { MemoryScheduleStore } from "./schedule-store";
import { FakeClock } from "./testing/fake-clock";
import { drive, fakeTransport, type FakeAnswer } from "./testing/fake-transport";

const OK_BULK = { successCount: 1, failCount: 0, failedUpdates: {} };

function setup(answers: FakeAnswer[], overrides: Partial<IterableClientOptions> = {}) {
  const clock = new FakeClock();
  const transport = fakeTransport(answers);
  const retries: RetryEvent[] = [];
  const client = createIterableClient({
    apiKey: "unit-test-key-1234567890",
    region: { baseUrl: "http://iterable.test" },
    retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 10_000 },
    rateLimit: { requestsPerSecond: 1000, concurrency: 10 },
    timeoutMs: 50,
    transport,
    clock,
    random: () => 0.5,
    limiters: createLimiterRegistry(new MemoryScheduleStore(), clock),
    onRetry: (e) => retries.push(e),
    ...overrides,
  });
  return { client, clock, transport, retries };
}

describe("retries", () => {
  it("retries 503 and 502 with full-jitter delays, then succeeds", async () => {
    const { client, clock, transport, retries } = setup([{ status: 503 }, { status: 502 }, { status: 200, json: OK_BULK }]);
    const result = await drive(clock, client.subscribe(1, [{ email: "a@example.com" }]));
    expect(result.attempts).toBe(3);
    expect(transport.requests).toHaveLength(3);
    expect(retries.map((r) => [r.reason, r.status, r.attempt, r.delayMs])).toEqual([
      ["serverError", 503, 1, 50],
      ["serverError", 502, 2, 100],
    ]);
    expect(client.stats()).toMatchObject({ requests: 3, retries: 2, retriesByReason: { serverError: 2 } });
  });

  it("gives up after maxAttempts with a typed server error", async () => {
    const { client, clock, transport } = setup([{ status: 500 }, { status: 500 }, { status: 500 }, { status: 200, json: OK_BULK }]);
    const error = await drive(clock, client.subscribe(1, [{ email: "a@example.com" }])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IterableServerError);
    expect(error).toMatchObject({ kind: "serverError", status: 500, attempts: 3, retryable: true });
    expect(transport.requests).toHaveLength(3);
  });

  it("honours Retry-After on a plain-text 429", async () => {
    const { client, clock, retries } = setup([
      { status: 429, body: "Rate limit exceeded. Please try again later.", headers: { "retry-after": "2" } },
      { status: 200, json: OK_BULK },
    ]);
    await drive(clock, client.subscribe(1, [{ email: "a@example.com" }]));
    expect(retries[0]).toMatchObject({ reason: "rateLimited", retryAfterMs: 2000, delayMs: 2050 });
  });

  it("does not wait for a Retry-After beyond maxRetryAfterMs: the caller reschedules", async () => {
    const { client, clock, transport } = setup([{ status: 429, body: "Rate limit exceeded.", headers: { "retry-after": "3600" } }]);
    const error = await drive(clock, client.subscribe(1, [{ email: "a@example.com" }])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IterableRateLimitedError);
    expect(error).toMatchObject({ retryAfterMs: 3_600_000, attempts: 1 });
    expect(transport.requests).toHaveLength(1);
  });

  it("retries network errors and reports the socket error code", async () => {
    const { client, clock, retries } = setup([{ networkError: "ECONNRESET" }, { networkError: "ECONNREFUSED" }, { networkError: "ECONNREFUSED" }]);
    const error = await drive(clock, client.listLists()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IterableNetworkError);
    expect(error).toMatchObject({ kind: "network", causeCode: "ECONNREFUSED", attempts: 3 });
    expect(retries.map((r) => r.reason)).toEqual(["network", "network"]);
  });

  it("times out a hanging request and retries it", async () => {
    const { client, clock, retries } = setup([{ hang: true }, { status: 200, json: { lists: [] } }]);
    await expect(drive(clock, client.listLists())).resolves.toEqual([]);
    expect(retries.map((r) => r.reason)).toEqual(["timeout"]);
  });

  it("never retries a 401", async () => {
    const { client, clock, transport } = setup([{ status: 401, json: { msg: "Invalid API key", code: "BadApiKey", params: {} } }]);
    const error = await drive(clock, client.listLists()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IterableBadKeyError);
    expect(transport.requests).toHaveLength(1);
  });

  it("passes per-call onRetry as well as the client's", async () => {
    const { client, clock } = setup([{ status: 504 }, { status: 200, json: OK_BULK }]);
    const perCall: RetryEvent[] = [];
    await drive(clock, client.unsubscribe(1, [{ email: "a@example.com" }], { onRetry: (e) => perCall.push(e) }));
    expect(perCall).toHaveLength(1);
  });
});

describe("list not found / not ready", () => {
  const notReady: FakeAnswer = { status: 400, json: { msg: "Invalid list id: 5", code: "Success", params: {} } };

  it("surfaces a 400 with code Success as IterableListNotFoundError by default", async () => {
    const { client, clock, transport } = setup([notReady]);
    const error = await drive(clock, client.subscribe(5, [{ email: "a@example.com" }])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IterableListNotFoundError);
    expect(error).toMatchObject({ listId: 5, status: 400, code: "Success" });
    expect(transport.requests).toHaveLength(1);
  });

  it("retries a bounded number of times when the caller opts in", async () => {
    const { client, clock, transport } = setup([notReady, notReady, { status: 200, json: OK_BULK }]);
    const result = await drive(clock, client.subscribe(5, [{ email: "a@example.com" }], { listNotReady: { retries: 2, delayMs: 500 } }));
    expect(result.counts.accepted).toBe(1);
    expect(transport.requests).toHaveLength(3);
    expect(clock.sleeps.filter((ms) => ms === 500)).toHaveLength(2);
  });
});

describe("calls", () => {
  it("always sends channelUnsubscribe:false on unsubscribe", async () => {
    const { client, clock, transport } = setup([{ status: 200, json: OK_BULK }]);
    await drive(clock, client.unsubscribe(9, [{ email: "a@example.com" }]));
    expect(JSON.parse(transport.requests[0]?.body ?? "{}")).toEqual({ listId: 9, subscribers: [{ email: "a@example.com" }], channelUnsubscribe: false });
  });

  it("refuses a batch naming the same person twice, before sending", async () => {
    const { client, transport } = setup([]);
    await expect(client.subscribe(1, [{ email: "A@example.com" }, { email: "a@example.com " }])).rejects.toBeInstanceOf(IterableUsageError);
    expect(transport.requests).toHaveLength(0);
  });

  it("reads getUsers as text/plain and size as a number", async () => {
    const { client, clock } = setup([
      { status: 200, body: "a@example.com\nb@example.com\n" },
      { status: 200, body: "42" },
    ]);
    expect(await drive(clock, client.getListUsers(3))).toEqual(["a@example.com", "b@example.com"]);
    expect(await drive(clock, client.listSize(3))).toBe(42);
  });

  it("classifies a 200 that breaks the schema as an unexpected response", async () => {
    const { client, clock } = setup([{ status: 200, body: "<html>login</html>" }]);
    await expect(drive(clock, client.createList("x"))).rejects.toBeInstanceOf(IterableUnexpectedResponseError);
  });

  it("picks the data center's base URL", () => {
    expect(createIterableClient({ apiKey: "k-123456", region: "eu" }).baseUrl).toBe("https://api.eu.iterable.com");
    expect(createIterableClient({ apiKey: "k-123456", region: "us" }).baseUrl).toBe("https://api.iterable.com");
  });
});

describe("checkConnection", () => {
  it.each([
    [{ status: 200, json: { lists: [] } } as FakeAnswer, { ok: true, listCount: 0 }],
    [{ status: 401, json: { msg: "Invalid API key", code: "BadApiKey", params: {} } } as FakeAnswer, { ok: false, problem: "badKey" }],
    [{ status: 403, json: { msg: "Forbidden", code: "Forbidden" } } as FakeAnswer, { ok: false, problem: "forbidden" }],
    [{ status: 429, body: "Rate limit exceeded. Please try again later." } as FakeAnswer, { ok: false, problem: "rateLimited" }],
    [{ status: 503 } as FakeAnswer, { ok: false, problem: "serverError" }],
    [{ networkError: "ENOTFOUND" } as FakeAnswer, { ok: false, problem: "unreachable" }],
    [{ hang: true } as FakeAnswer, { ok: false, problem: "timeout" }],
  ])("maps %j in one attempt", async (answer, expected) => {
    const { client, clock, transport } = setup([answer]);
    expect(await drive(clock, client.checkConnection({ timeoutMs: 30 }))).toMatchObject(expected);
    expect(transport.requests).toHaveLength(1);
  });

  it("suggests the other data center on a 401 for a named region", async () => {
    const { client, clock } = setup([{ status: 401, json: { msg: "Invalid API key", code: "BadApiKey", params: {} } }], { region: "us" });
    expect(await drive(clock, client.checkConnection())).toMatchObject({ ok: false, problem: "badKey", suggestRegion: "eu" });
  });
});
