// One HTTP exchange, bounded by a timeout that covers headers AND body. Over node:http(s) with
// keep-alive agents, not fetch: the export benchmark's million members are ~1,000 requests of
// ~100 KB, and fetch (undici's web streams, a Response per request) cost the worker 2 to 3.5 times
// the CPU of node:http for them (scripts/bench/http-transport.ts).
// Failures without an HTTP answer become a TransportFailure carrying only a short code: the
// original error is dropped on purpose so no request detail can leak via `cause`.
import http from "node:http";
import https from "node:https";

export interface HttpRequest {
  method: "GET" | "POST" | "DELETE";
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  bodyText: string;
  retryAfter: string | null;
  contentType: string | null;
}

/** Sends one request; answers any HTTP status, throws only a TransportFailure. */
export type Transport = (request: HttpRequest, timeoutMs: number) => Promise<HttpResponse>;

export class TransportFailure extends Error {
  readonly kind: "network" | "timeout";
  readonly causeCode: string | undefined;
  constructor(kind: "network" | "timeout", message: string, causeCode?: string) {
    super(message);
    this.name = "TransportFailure";
    this.kind = kind;
    this.causeCode = causeCode;
  }
}

export const timeoutFailure = (timeoutMs: number) => new TransportFailure("timeout", `no complete answer within ${timeoutMs} ms`);

export function networkFailure(error: unknown): TransportFailure {
  const code = errorCode(error);
  return new TransportFailure("network", code ? `connection failed (${code})` : "connection failed", code);
}

// Sockets are kept open between requests (a run sends hundreds) and shared by every client of
// the process; how many requests run at once is the rate limiter's business, not the agent's.
const agents = {
  "http:": new http.Agent({ keepAlive: true }),
  "https:": new https.Agent({ keepAlive: true }),
};

export const httpTransport: Transport = (request, timeoutMs) =>
  new Promise<HttpResponse>((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      reject(networkFailure({ code: "ERR_INVALID_URL" }));
      return;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      reject(networkFailure({ code: "ERR_UNSUPPORTED_PROTOCOL" }));
      return;
    }
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const headers = request.body === undefined ? request.headers : { ...request.headers, "Content-Length": String(Buffer.byteLength(request.body)) };
    const send = url.protocol === "https:" ? https.request : http.request;
    const req = send(url, { method: request.method, headers, agent: agents[url.protocol] }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        settle(() =>
          resolve({
            status: res.statusCode ?? 0,
            bodyText: Buffer.concat(chunks).toString("utf8"),
            retryAfter: single(res.headers["retry-after"]),
            contentType: single(res.headers["content-type"]),
          }),
        ),
      );
      // Also the connection closing before the whole answer came ("aborted", ECONNRESET).
      res.on("error", (error) => settle(() => reject(networkFailure(error))));
    });
    const timer = setTimeout(() => {
      settle(() => reject(timeoutFailure(timeoutMs)));
      req.destroy();
    }, timeoutMs);
    req.on("error", (error) => settle(() => reject(networkFailure(error))));
    req.end(request.body);
  });

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? (value[0] ?? null) : (value ?? null));

function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
