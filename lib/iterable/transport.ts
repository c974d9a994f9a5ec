// One HTTP exchange over fetch (undici), bounded by a timeout that covers headers AND body.
// Failures without an HTTP answer become a TransportFailure carrying only a short code: the
// original undici error is dropped on purpose so no request detail can leak via `cause`.

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

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

export async function sendOnce(fetchImpl: FetchLike, request: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal: controller.signal,
    });
    const bodyText = await response.text();
    return {
      status: response.status,
      bodyText,
      retryAfter: response.headers.get("retry-after"),
      contentType: response.headers.get("content-type"),
    };
  } catch (error) {
    if (timedOut) throw new TransportFailure("timeout", `no complete answer within ${timeoutMs} ms`);
    const code = errorCode(error);
    throw new TransportFailure("network", code ? `connection failed (${code})` : "connection failed", code);
  } finally {
    clearTimeout(timer);
  }
}

function errorCode(error: unknown): string | undefined {
  // fetch wraps the socket error: TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }).
  for (let current: unknown = error, depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
