import type { IncomingMessage, ServerResponse } from "node:http";

export class BodyTooLargeError extends Error {}

// Listeners rather than `for await`: the async iterator's promise per chunk cost about a tenth of
// the sandbox's per-request CPU at 1,000 subscribers (70 KB) per request.
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    let ended = false;
    req.on("data", (buffer: Buffer) => {
      size += buffer.length;
      // Keep draining so the connection stays usable, but stop buffering.
      if (size > maxBytes) tooLarge = true;
      else chunks.push(buffer);
    });
    req.once("end", () => {
      ended = true;
      if (tooLarge) reject(new BodyTooLargeError());
      else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    });
    req.once("error", reject);
    // A client gone mid-body: no "end" will come.
    req.once("close", () => {
      if (!ended) reject(new Error("request closed before its body ended"));
    });
  });
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    "content-type": "application/json;charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
  contentType = "text/plain;charset=utf-8",
): void {
  res.writeHead(status, {
    "content-type": contentType,
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** Iterable's error envelope (IterableApiResponse in the OpenAPI document). */
export function iterableError(msg: string, code: string, params: Record<string, unknown> = {}) {
  return { msg, code, params };
}

export function parseJsonBody(buffer: Buffer): { ok: true; value: unknown } | { ok: false } {
  if (buffer.length === 0) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(buffer.toString("utf8")) };
  } catch {
    return { ok: false };
  }
}
