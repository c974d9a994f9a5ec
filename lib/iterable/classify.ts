import { parseRetryAfter } from "./retry-after";

// Pure classification of one HTTP exchange with Iterable. Success is judged by the HTTP status,
// never by the body's `code`: Iterable has answered HTTP 400 with `code:"Success"` for an unknown
// or not-yet-ready list id, and a 429 can carry a plain-text body
// ("Rate limit exceeded. Please try again later.") rather than JSON (iterable-api.md, behaviour 2).

export type FailureKind =
  | "badKey"
  | "forbidden"
  | "listNotFound"
  | "notFound"
  | "conflict"
  | "rateLimited"
  | "serverError"
  | "badRequest";

export type Classification =
  | { kind: "ok" }
  | {
      kind: FailureKind;
      retryable: boolean;
      message: string;
      code?: string;
      retryAfterMs?: number;
    };

export interface HttpExchange {
  status: number;
  bodyText: string;
  retryAfter?: string | null;
  /** The list id the request was about, if any: turns ambiguous 400/404s into listNotFound. */
  listId?: number;
  nowMs: number;
}

const RETRYABLE_5XX = new Set([500, 502, 503, 504]);
const LIST_MISSING_MESSAGE = /list.*(does not exist|doesn't exist|not found|invalid|unknown)|(invalid|unknown).*list/i;

export function classifyExchange(exchange: HttpExchange): Classification {
  const { status } = exchange;
  if (status >= 200 && status < 300) return { kind: "ok" };
  const body = parseErrorBody(exchange.bodyText);
  const base = { message: body.msg ?? `HTTP ${status}`, ...(body.code ? { code: body.code } : {}) };

  if (status === 429) {
    const retryAfterMs = parseRetryAfter(exchange.retryAfter, exchange.nowMs);
    return {
      kind: "rateLimited",
      retryable: true,
      ...base,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }
  if (status >= 500) {
    // 501/505 etc. are not transient; 503 is also what getUsers answers on very large lists.
    const retryAfterMs = parseRetryAfter(exchange.retryAfter, exchange.nowMs);
    return {
      kind: "serverError",
      retryable: RETRYABLE_5XX.has(status),
      ...base,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }
  if (status === 401) return { kind: "badKey", retryable: false, ...base };
  if (status === 403) return { kind: "forbidden", retryable: false, ...base };
  if (status === 409) return { kind: "conflict", retryable: false, ...base };
  if (exchange.listId !== undefined && (status === 404 || isListMissing400(status, body))) {
    return { kind: "listNotFound", retryable: false, ...base };
  }
  if (status === 404) return { kind: "notFound", retryable: false, ...base };
  return { kind: "badRequest", retryable: false, ...base };
}

function isListMissing400(status: number, body: ErrorBody): boolean {
  if (status !== 400) return false;
  // A 400 that claims success is Iterable's answer for a list id it does not (yet) know.
  if (body.code === "Success") return true;
  return body.msg !== undefined && LIST_MISSING_MESSAGE.test(body.msg);
}

interface ErrorBody {
  msg?: string;
  code?: string;
}

function parseErrorBody(text: string): ErrorBody {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (parsed && typeof parsed === "object") {
        const { msg, code } = parsed as Record<string, unknown>;
        return {
          ...(typeof msg === "string" ? { msg } : {}),
          ...(typeof code === "string" ? { code } : {}),
        };
      }
    } catch {
      // Not JSON after all: fall through to plain text.
    }
  }
  // Plain-text bodies (429s, proxies' HTML error pages): keep a short, single-line excerpt.
  const excerpt = trimmed.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim().slice(0, 200);
  return excerpt ? { msg: excerpt } : {};
}
