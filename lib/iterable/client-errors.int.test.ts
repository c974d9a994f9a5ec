import { afterEach, describe, expect, it } from "vitest";
import {
  IterableBadKeyError,
  IterableConflictError,
  IterableForbiddenError,
  IterableListNotFoundError,
  IterableNetworkError,
  IterableRateLimitedError,
  IterableServerError,
} from "./errors";
import type { RetryEvent } from "./executor";
import { createIterableClient } from "./client";
import { startSandboxFixture, type SandboxFixture } from "./testing/sandbox-fixture";

// Client against the sandbox: one test per failure behaviour.
let fixtures: SandboxFixture[] = [];
async function fixture(...args: Parameters<typeof startSandboxFixture>) {
  const f = await startSandboxFixture(...args);
  fixtures.push(f);
  return f;
}
afterEach(async () => {
  await Promise.all(fixtures.map((f) => f.sandbox.close()));
  fixtures = [];
});

describe("keys and hosts", () => {
  it("bad key → IterableBadKeyError, not retried", async () => {
    const f = await fixture();
    const client = createIterableClient({ apiKey: "not-a-real-key-000", region: { baseUrl: f.sandbox.url } });
    await expect(client.listLists()).rejects.toBeInstanceOf(IterableBadKeyError);
    expect(f.sandbox.control.stats().requests.getLists).toEqual({ "401": 1 });
  });

  it("wrong host: an EU project's key against the US instance → 401, and checkConnection says so", async () => {
    const us = await fixture();
    const eu = await fixture();
    const euKeyOnUsHost = eu.client({ region: { baseUrl: us.sandbox.url } });
    await expect(euKeyOnUsHost.listLists()).rejects.toMatchObject({ kind: "badKey", status: 401, code: "BadApiKey" });
    expect(await euKeyOnUsHost.checkConnection()).toMatchObject({ ok: false, problem: "badKey", status: 401 });
    expect(await eu.client().checkConnection()).toEqual({ ok: true, listCount: 0 });
  });

  it("revoked key → 401 from then on", async () => {
    const f = await fixture();
    const client = f.client();
    await client.listLists();
    f.sandbox.control.setRevoked(f.apiKey, true);
    await expect(client.createList("x")).rejects.toBeInstanceOf(IterableBadKeyError);
  });

  it("read-only key → forbidden on writes, while the connection check passes", async () => {
    const f = await fixture();
    f.sandbox.control.addProject({ name: f.project, apiKey: `${f.apiKey}-ro`, keyType: "readOnly" });
    const readOnly = createIterableClient({ apiKey: `${f.apiKey}-ro`, region: { baseUrl: f.sandbox.url } });
    expect(await readOnly.checkConnection()).toMatchObject({ ok: true });
    await expect(readOnly.createList("x")).rejects.toBeInstanceOf(IterableForbiddenError);
  });

  it("unreachable host → network error after bounded retries", async () => {
    const f = await fixture();
    const url = f.sandbox.url;
    await f.sandbox.close();
    const events: RetryEvent[] = [];
    const client = f.client({ region: { baseUrl: url }, onRetry: (e) => events.push(e) });
    await expect(client.listLists()).rejects.toMatchObject({ kind: "network", attempts: 4, causeCode: "ECONNREFUSED" });
    expect(events).toHaveLength(3);
    expect(await client.checkConnection()).toMatchObject({ ok: false, problem: "unreachable" });
  });
});

describe("429 storms", () => {
  it("without Retry-After: backs off with jitter until every batch is accepted, nothing resent", async () => {
    const f = await fixture({ rateLimits: { subscribe: { limit: 5, per: "second", retryAfter: "none" } } });
    const client = f.client({ retry: { maxAttempts: 20, baseDelayMs: 100, maxDelayMs: 800 } });
    const listId = await client.createList("storm");
    const batches = Array.from({ length: 15 }, (_, b) => Array.from({ length: 20 }, (_, i) => ({ email: `s${b}-${i}@example.com` })));
    const results = await Promise.all(batches.map((batch) => client.subscribe(listId, batch)));
    expect(results.every((r) => r.counts.accepted === 20)).toBe(true);
    const stats = f.sandbox.control.stats();
    expect(stats.requests.subscribe?.["429"]).toBeGreaterThan(0);
    expect(stats.requests.subscribe?.["200"]).toBe(15);
    expect(stats.resubscribes).toBe(0);
    expect(f.sandbox.control.members(listId)).toHaveLength(300);
    expect(client.stats().retriesByReason.rateLimited).toBe(stats.requests.subscribe?.["429"]);
  });

  it("with Retry-After (seconds): waits what the server asks", async () => {
    const f = await fixture({ rateLimits: { subscribe: { limit: 2, per: "second", retryAfter: "seconds" } } });
    const events: RetryEvent[] = [];
    const client = f.client({ onRetry: (e) => events.push(e), retry: { maxAttempts: 10, baseDelayMs: 20, maxDelayMs: 100 } });
    const listId = await client.createList("storm");
    const batches = Array.from({ length: 5 }, (_, b) => [{ email: `r${b}@example.com` }]);
    await Promise.all(batches.map((batch) => client.subscribe(listId, batch)));
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.reason === "rateLimited" && e.retryAfterMs === 1000 && e.delayMs >= 1000)).toBe(true);
    expect(f.sandbox.control.members(listId)).toHaveLength(5);
    expect(f.sandbox.control.stats().resubscribes).toBe(0);
  });

  it("with Retry-After as an HTTP-date, and giving up when it is too far away", async () => {
    const f = await fixture();
    const client = f.client();
    const listId = await client.createList("dates");
    f.sandbox.control.setFaults({ script: [{ kind: "rateLimit", endpoint: "subscribe", retryAfter: new Date(Date.now() + 1500).toUTCString() }] });
    const events: RetryEvent[] = [];
    await client.subscribe(listId, [{ email: "d@example.com" }], { onRetry: (e) => events.push(e) });
    expect(events[0]?.retryAfterMs).toBeGreaterThan(0);

    f.sandbox.control.setFaults({ script: [{ kind: "rateLimit", endpoint: "subscribe", retryAfter: "3600" }] });
    const error = await client.subscribe(listId, [{ email: "e@example.com" }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IterableRateLimitedError);
    expect(error).toMatchObject({ retryAfterMs: 3_600_000, attempts: 1 });
  });
});

describe("server errors and hangs", () => {
  it("5xx (500, 502, 503) are retried and the batch lands once", async () => {
    const f = await fixture();
    const client = f.client();
    const listId = await client.createList("5xx");
    f.sandbox.control.setFaults({
      script: [
        { kind: "status", status: 500, endpoint: "subscribe" },
        { kind: "status", status: 502, endpoint: "subscribe" },
        { kind: "status", status: 503, endpoint: "subscribe" },
      ],
    });
    const result = await client.subscribe(listId, [{ email: "x@example.com" }]);
    expect(result).toMatchObject({ attempts: 4, counts: { accepted: 1 } });
    expect(f.sandbox.control.stats().requests.subscribe).toEqual({ "500": 1, "502": 1, "503": 1, "200": 1 });
  });

  it("5xx beyond maxAttempts → IterableServerError", async () => {
    const f = await fixture({ faults: { errorRate: 1, errorStatuses: [503], endpoints: ["getLists"] } });
    await expect(f.client().listLists()).rejects.toBeInstanceOf(IterableServerError);
    expect(f.sandbox.control.stats().requests.getLists).toEqual({ "503": 4 });
  });

  it("a request that hangs past the timeout is abandoned and retried", async () => {
    const f = await fixture();
    const events: RetryEvent[] = [];
    const client = f.client({ timeoutMs: 300, onRetry: (e) => events.push(e) });
    const listId = await client.createList("hang");
    f.sandbox.control.setFaults({ script: [{ kind: "hang", endpoint: "subscribe" }] });
    const result = await client.subscribe(listId, [{ email: "h@example.com" }]);
    expect(result.counts.accepted).toBe(1);
    expect(events.map((e) => e.reason)).toEqual(["timeout"]);
    expect(f.sandbox.control.stats().requests.subscribe).toEqual({ hang: 1, "200": 1 });
  });

  it("hangs on every attempt → timeout error", async () => {
    const f = await fixture({ faults: { hangRate: 1, endpoints: ["getLists"] } });
    const error = await f.client({ timeoutMs: 150, retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 10 } }).listLists().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IterableNetworkError);
    expect(error).toMatchObject({ kind: "timeout", attempts: 2 });
  });
});

describe("lists that are not there", () => {
  it("list not ready right after creation: 400 code Success, recoverable with the opt-in retry", async () => {
    const f = await fixture({ faults: { listNotReadyMs: 400 } });
    const client = f.client();
    const listId = await client.createList("fresh");
    const error = await client.subscribe(listId, [{ email: "n@example.com" }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IterableListNotFoundError);
    expect(error).toMatchObject({ listId, status: 400, code: "Success" });
    const result = await client.subscribe(listId, [{ email: "n@example.com" }], { listNotReady: { retries: 10, delayMs: 100 } });
    expect(result.counts.accepted).toBe(1);
  });

  it("list deleted: every list call says list-not-found", async () => {
    const f = await fixture();
    const client = f.client();
    const listId = await client.createList("doomed");
    await client.subscribe(listId, [{ email: "g@example.com" }]);
    await client.deleteList(listId);
    for (const call of [
      () => client.subscribe(listId, [{ email: "g@example.com" }]),
      () => client.unsubscribe(listId, [{ email: "g@example.com" }]),
      () => client.getListUsers(listId),
      () => client.listSize(listId),
      () => client.deleteList(listId),
    ]) {
      await expect(call()).rejects.toMatchObject({ kind: "listNotFound", listId });
    }
    expect(await client.listLists()).toEqual([]);
  });

  it("deleting a list in use → IterableConflictError (409)", async () => {
    const f = await fixture();
    const client = f.client();
    const listId = await client.createList("busy");
    f.sandbox.control.setListInUse(listId, true);
    await expect(client.deleteList(listId)).rejects.toBeInstanceOf(IterableConflictError);
  });
});
