import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startSandbox, type SandboxHandle } from "./server";

// Reading request bodies: many chunks, an oversized body, a client gone mid-body.
const KEY = "http-body-test-key-0000";
let handles: SandboxHandle[] = [];
afterEach(async () => {
  await Promise.all(handles.map((h) => h.close()));
  handles = [];
});

async function start(options: Parameters<typeof startSandbox>[0] = {}) {
  const handle = await startSandbox({ projects: [{ name: "P", apiKey: KEY }], ...options });
  handles.push(handle);
  return handle;
}

const post = async (s: SandboxHandle, path: string, body: string) => {
  const res = await fetch(`${s.url}${path}`, { method: "POST", headers: { "Api-Key": KEY, "Content-Type": "application/json" }, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

describe("request bodies", () => {
  it("reads a body that arrives in many chunks", async () => {
    const s = await start();
    const users = Array.from({ length: 20_000 }, (_, i) => ({ email: `chunk${i}@example.com`, dataFields: { i, pad: "x".repeat(40) } }));
    const body = JSON.stringify({ users });
    expect(body.length).toBeGreaterThan(1_000_000);
    expect(await post(s, "/api/users/bulkUpdate", body)).toMatchObject({ status: 200, json: { successCount: 20_000, failCount: 0 } });
    expect(s.control.user("P", "chunk19999@example.com")).toEqual({ i: 19_999, pad: "x".repeat(40) });
  });

  it("answers an oversized body with BatchTooLarge and keeps serving", async () => {
    const s = await start({ maxBodyBytes: 100_000 });
    const body = JSON.stringify({ users: Array.from({ length: 5000 }, (_, i) => ({ email: `big${i}@example.com` })) });
    expect(await post(s, "/api/users/bulkUpdate", body)).toMatchObject({ status: 400, json: { code: "BatchTooLarge" } });
    expect(await post(s, "/api/users/bulkUpdate", JSON.stringify({ users: [{ email: "small@example.com" }] }))).toMatchObject({ status: 200 });
  });

  it("drops a request whose client leaves mid-body, and keeps serving", async () => {
    const s = await start();
    const listId = (await post(s, "/api/lists", JSON.stringify({ name: "L" }))).json.listId as number;
    const socket = connect(s.port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    const head = `POST /api/lists/subscribe HTTP/1.1\r\nHost: x\r\nApi-Key: ${KEY}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n`;
    socket.write(`${head}{"listId":${listId},"subscribers":[{"email":"gone@example.com"}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(s.control.stats().requests.subscribe).toBeUndefined();
    expect(s.control.members(listId)).toEqual([]);
    const ok = await post(s, "/api/lists/subscribe", JSON.stringify({ listId, subscribers: [{ email: "here@example.com" }] }));
    expect(ok).toMatchObject({ status: 200, json: { successCount: 1 } });
    expect(s.control.stats().requests.subscribe).toEqual({ "200": 1 });
  });
});
