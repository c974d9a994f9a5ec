// The real HTTP transport against a real local server: what it reads back, what it sends, and
// each way an exchange can fail without an HTTP answer (the client's retry policy is tested on
// top of it against the sandbox: client-errors.int.test.ts).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpTransport, TransportFailure } from "./transport";

let server: http.Server;
let base: string;
const connections = new Set<number>();
let received: { method: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    connections.add((req.socket.remotePort ?? 0) as number);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ method: req.method ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (req.url === "/split") {
        // "é" and "€" cut between two writes, in the middle of their UTF-8 bytes.
        const bytes = Buffer.from('{"msg":"déjà 5 €"}', "utf8");
        res.writeHead(429, { "content-type": "application/json", "retry-after": "7" });
        res.write(bytes.subarray(0, 10));
        setTimeout(() => res.end(bytes.subarray(10)), 20);
      } else if (req.url === "/cut") {
        res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        res.write('{"partial":');
        setTimeout(() => res.destroy(), 20);
      } else if (req.url === "/hang") {
        // Headers at once, then nothing: the timeout covers the body too.
        res.writeHead(200, { "content-type": "application/json" });
        res.write("{");
      } else {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: true }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const post = (path: string, body: string, timeoutMs = 2_000) =>
  httpTransport({ method: "POST", url: `${base}${path}`, headers: { "Api-Key": "k", "Content-Type": "application/json" }, body }, timeoutMs);

describe("httpTransport", () => {
  it("sends the body whole and reads an answer cut mid-character, with its headers", async () => {
    received = [];
    const body = JSON.stringify({ subscribers: [{ email: "zoë@example.com", dataFields: { city: "Zürich", note: "€".repeat(5000) } }] });
    const response = await post("/split", body);
    expect(response).toEqual({ status: 429, bodyText: '{"msg":"déjà 5 €"}', retryAfter: "7", contentType: "application/json" });
    expect(received[0]).toMatchObject({ method: "POST", body });
    expect(received[0]!.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
    expect(received[0]!.headers["api-key"]).toBe("k");
  });

  it("keeps the connection open between requests", async () => {
    connections.clear();
    for (let i = 0; i < 5; i += 1) expect((await post("/ok", "{}")).status).toBe(200);
    expect(connections.size).toBe(1);
  });

  it("a connection closed before the whole answer came is a network failure", async () => {
    const failure = await post("/cut", "{}").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TransportFailure);
    expect(failure).toMatchObject({ kind: "network" });
  });

  it("an answer that stops after its headers times out", async () => {
    const started = Date.now();
    const failure = await post("/hang", "{}", 200).catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: "timeout", message: "no complete answer within 200 ms" });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("a refused connection is a network failure carrying only its code", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const failure = await httpTransport({ method: "GET", url: `http://127.0.0.1:${port}/api/lists`, headers: { "Api-Key": "secret-key" } }, 1_000).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ kind: "network", causeCode: "ECONNREFUSED", message: "connection failed (ECONNREFUSED)" });
    expect((failure as Error).cause).toBeUndefined();
    expect(JSON.stringify(failure)).not.toContain("secret-key");
  });

  it("refuses a URL that is not http(s) without sending anything", async () => {
    await expect(httpTransport({ method: "GET", url: "ftp://127.0.0.1/x", headers: {} }, 1_000)).rejects.toMatchObject({
      kind: "network",
      causeCode: "ERR_UNSUPPORTED_PROTOCOL",
    });
  });
});
