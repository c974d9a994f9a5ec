import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { RATE_LIMIT_BODY, SANDBOX_DEMO_API_KEY } from "./constants";
import { startSandbox, type SandboxHandle } from "./server";

// The sandbox over raw HTTP: Iterable's wire-level quirks, control endpoints, persistence.
const KEY = "server-test-key-000000";
let handles: SandboxHandle[] = [];
let dirs: string[] = [];
async function start(options: Parameters<typeof startSandbox>[0] = {}) {
  const handle = await startSandbox({ projects: [{ name: "P", apiKey: KEY }], ...options });
  handles.push(handle);
  return handle;
}
afterEach(async () => {
  await Promise.all(handles.map((h) => h.close()));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  handles = [];
  dirs = [];
});

async function call(s: SandboxHandle, method: string, path: string, body?: unknown, key: string | null = KEY) {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: { ...(key ? { "Api-Key": key } : {}), "Content-Type": "application/json" },
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, text, type: res.headers.get("content-type"), retryAfter: res.headers.get("retry-after") };
}

describe("Iterable wire behaviour", () => {
  it("answers an unknown key with Iterable's 401 BadApiKey body, without echoing the key", async () => {
    const s = await start();
    const res = await call(s, "GET", "/api/lists", undefined, "wrong-key-123456");
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toMatchObject({ msg: "Invalid API key", code: "BadApiKey", params: { endpoint: "/api/lists" } });
    expect(res.text).not.toContain("wrong-key-123456");
    expect((await call(s, "GET", "/api/lists", undefined, null)).status).toBe(401);
  });

  it("starts with the demo project when none is given", async () => {
    const s = await startSandbox();
    handles.push(s);
    expect((await call(s, "GET", "/api/lists", undefined, SANDBOX_DEMO_API_KEY)).status).toBe(200);
  });

  it("rate limits per endpoint with a plain-text 429 and optional Retry-After", async () => {
    const s = await start({ rateLimits: { getLists: { limit: 2, per: "second", retryAfter: "seconds" }, size: { limit: 1, per: "minute" } } });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push(await call(s, "GET", "/api/lists"));
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(statuses[2]).toMatchObject({ text: RATE_LIMIT_BODY, retryAfter: "1" });
    expect(statuses[2]?.type).toMatch(/^text\/plain/);
    const listId = JSON.parse((await call(s, "POST", "/api/lists", { name: "L" })).text).listId as number;
    expect((await call(s, "GET", `/api/lists/${listId}/size`)).status).toBe(200);
    const limited = await call(s, "GET", `/api/lists/${listId}/size`);
    expect(limited).toMatchObject({ status: 429, retryAfter: null });
  });

  it("serves getUsers as text/plain and size as text", async () => {
    const s = await start();
    const listId = JSON.parse((await call(s, "POST", "/api/lists", { name: "L" })).text).listId as number;
    await call(s, "POST", "/api/lists/subscribe", { listId, subscribers: [{ email: "B@Example.com" }, { email: "a@example.com" }] });
    const users = await call(s, "GET", `/api/lists/getUsers?listId=${listId}`);
    expect(users.type).toMatch(/^text\/plain/);
    expect(users.text).toBe("b@example.com\na@example.com\n");
    expect((await call(s, "GET", `/api/lists/${listId}/size`)).text).toBe("2");
  });

  it("answers an unknown list id with HTTP 400 and code Success", async () => {
    const s = await start();
    const res = await call(s, "POST", "/api/lists/subscribe", { listId: 999, subscribers: [{ email: "a@example.com" }] });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ code: "Success" });
  });

  it("rejects malformed JSON with BadJsonBody and oversized bodies with BatchTooLarge", async () => {
    const s = await start({ maxBodyBytes: 1000 });
    expect(JSON.parse((await call(s, "POST", "/api/lists", "{nope")).text)).toMatchObject({ code: "BadJsonBody" });
    const big = { users: Array.from({ length: 2000 }, (_, i) => ({ email: `u${i}@example.com` })) };
    const res = await call(s, "POST", "/api/users/bulkUpdate", big);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ code: "BatchTooLarge" });
  });

  it("counts duplicate emails inside one request and channel-wide unsubscribes", async () => {
    const s = await start();
    const listId = JSON.parse((await call(s, "POST", "/api/lists", { name: "L" })).text).listId as number;
    await call(s, "POST", "/api/lists/subscribe", { listId, subscribers: [{ email: "a@example.com" }, { email: "A@example.com" }] });
    await call(s, "POST", "/api/lists/unsubscribe", { listId, subscribers: [{ email: "a@example.com" }], channelUnsubscribe: true });
    await call(s, "POST", "/api/lists/unsubscribe", { listId, subscribers: [{ email: "a@example.com" }] });
    expect(s.control.stats()).toMatchObject({ duplicateEmailsInRequest: 1, channelUnsubscribeTrue: 1, channelUnsubscribeMissing: 1 });
  });

  it("injects 500 (JSON) and 502/503 (HTML) answers at a seeded rate", async () => {
    const s = await start({ faults: { errorRate: 0.5, seed: 42, endpoints: ["getLists"] } });
    const results = [];
    for (let i = 0; i < 40; i += 1) results.push(await call(s, "GET", "/api/lists"));
    const errors = results.filter((r) => r.status >= 500);
    expect(errors.length).toBeGreaterThan(8);
    expect(errors.length).toBeLessThan(32);
    expect(new Set(errors.map((r) => r.status))).toEqual(new Set([500, 502, 503]));
    expect(errors.find((r) => r.status === 502)?.type).toMatch(/^text\/html/);
  });
});

describe("control endpoints", () => {
  it("inspects members and stats, sets faults and revokes keys over HTTP", async () => {
    const s = await start();
    const listId = JSON.parse((await call(s, "POST", "/api/lists", { name: "L" })).text).listId as number;
    await call(s, "POST", "/api/lists/subscribe", { listId, subscribers: [{ email: "z@example.com" }] });
    const members = await call(s, "GET", `/_sandbox/lists/${listId}/members`, undefined, null);
    expect(JSON.parse(members.text)).toEqual({ listId, members: ["z@example.com"] });
    const stats = JSON.parse((await call(s, "GET", "/_sandbox/stats", undefined, null)).text);
    expect(stats.requests.subscribe).toEqual({ "200": 1 });

    await call(s, "PUT", "/_sandbox/faults", { script: [{ kind: "status", status: 503 }] }, null);
    expect((await call(s, "GET", "/api/lists")).status).toBe(503);
    expect((await call(s, "GET", "/api/lists")).status).toBe(200);

    await call(s, "POST", "/_sandbox/keys/revoke", { apiKey: KEY }, null);
    expect((await call(s, "GET", "/api/lists")).status).toBe(401);
    await call(s, "POST", "/_sandbox/keys/restore", { apiKey: KEY }, null);
    expect((await call(s, "GET", "/api/lists")).status).toBe(200);

    await call(s, "POST", "/_sandbox/projects", { name: "Q", apiKey: "second-key-000000" }, null);
    expect((await call(s, "GET", "/api/lists", undefined, "second-key-000000")).text).toBe('{"lists":[]}');
    const projects = JSON.parse((await call(s, "GET", "/_sandbox/projects", undefined, null)).text);
    expect(JSON.stringify(projects)).not.toContain("second-key-000000");

    await call(s, "POST", "/_sandbox/reset", {}, null);
    expect(JSON.parse((await call(s, "GET", "/api/lists")).text)).toEqual({ lists: [] });
  });
});

describe("persistence", () => {
  it("keeps projects, lists, members and profiles across a restart", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ferry-sandbox-"));
    dirs.push(dir);
    const stateFile = join(dir, "nested", "state.json");
    const first = await start({ stateFile });
    first.control.addProject({ name: "Later", apiKey: "later-key-000000" });
    const listId = JSON.parse((await call(first, "POST", "/api/lists", { name: "Keep" })).text).listId as number;
    await call(first, "POST", "/api/lists/subscribe", { listId, subscribers: [{ email: "k@example.com", dataFields: { a: 1 } }] });
    await first.close();
    expect(JSON.parse(await readFile(stateFile, "utf8"))).toMatchObject({ version: 1 });

    const second = await start({ stateFile, projects: [] });
    expect(second.control.members(listId)).toEqual(["k@example.com"]);
    expect(second.control.user("P", "k@example.com")).toEqual({ a: 1 });
    expect((await call(second, "GET", "/api/lists", undefined, "later-key-000000")).status).toBe(200);
    const next = JSON.parse((await call(second, "POST", "/api/lists", { name: "New" })).text).listId as number;
    expect(next).toBeGreaterThan(listId);
  });
});
