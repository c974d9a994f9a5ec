import type { IncomingMessage, ServerResponse } from "node:http";

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    // Keep draining so the connection stays usable, but stop buffering.
    if (size > maxBytes) tooLarge = true;
    else chunks.push(buffer);
  }
  if (tooLarge) throw new BodyTooLargeError();
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
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
