// Typed errors for every way an Iterable call can fail. Each carries a `kind` the export engine can
// switch on, whether the client considered it retryable, and how many attempts were made.
// None of them ever carries the API key, request headers, or the underlying library error object
// (socket errors are summarised into `causeCode`), so serializing or logging them is safe.

export type IterableErrorKind =
  | "badKey" // 401: wrong key, revoked key, or a key from the other data center
  | "forbidden" // 403: key type lacks permission (e.g. read-only key on a write)
  | "listNotFound" // list id unknown, deleted, or just created and not ready yet
  | "notFound" // 404 on something that is not a list
  | "conflict" // 409, e.g. "List is in use" on delete
  | "rateLimited" // 429 (possibly a plain-text body)
  | "serverError" // 5xx
  | "network" // no HTTP answer: refused, reset, DNS
  | "timeout" // no complete answer within timeoutMs
  | "badRequest" // other 4xx: malformed body, batch too large
  | "unexpectedResponse"; // 2xx whose body does not match Iterable's published schema

export interface IterableErrorDetails {
  endpoint: string;
  status?: number;
  /** Iterable's `code` field, informational only: success is judged by HTTP status. */
  code?: string;
  attempts: number;
  retryable: boolean;
}

export class IterableError extends Error {
  readonly kind: IterableErrorKind;
  readonly endpoint: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly attempts: number;
  /** Whether this kind of outcome is transient (the client retried it until attempts ran out). */
  readonly retryable: boolean;

  constructor(kind: IterableErrorKind, message: string, details: IterableErrorDetails) {
    super(message);
    this.name = new.target.name;
    this.kind = kind;
    this.endpoint = details.endpoint;
    this.status = details.status;
    this.code = details.code;
    this.attempts = details.attempts;
    this.retryable = details.retryable;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      endpoint: this.endpoint,
      status: this.status,
      code: this.code,
      attempts: this.attempts,
      retryable: this.retryable,
    };
  }
}

export class IterableBadKeyError extends IterableError {}
export class IterableForbiddenError extends IterableError {}
export class IterableNotFoundError extends IterableError {}
export class IterableConflictError extends IterableError {}
export class IterableServerError extends IterableError {}
export class IterableBadRequestError extends IterableError {}
export class IterableUnexpectedResponseError extends IterableError {}

/**
 * The list id is unknown to Iterable. Iterable cannot tell "deleted" from "created a moment ago and
 * not replicated yet" (both have been seen as HTTP 400 with `code:"Success"`), so the caller
 * decides: right after createList retry a few times (see `listNotReady` call option); otherwise
 * treat the list as gone, recreate it and resend the full membership.
 */
export class IterableListNotFoundError extends IterableError {
  readonly listId: number;
  constructor(message: string, details: IterableErrorDetails & { listId: number }) {
    super("listNotFound", message, details);
    this.listId = details.listId;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), listId: this.listId };
  }
}

export class IterableRateLimitedError extends IterableError {
  /** From `Retry-After`, when Iterable sent one. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, details: IterableErrorDetails & { retryAfterMs?: number }) {
    super("rateLimited", message, details);
    this.retryAfterMs = details.retryAfterMs;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

export class IterableNetworkError extends IterableError {
  /** e.g. ECONNREFUSED, UND_ERR_SOCKET; never the original error object. */
  readonly causeCode: string | undefined;
  constructor(
    kind: "network" | "timeout",
    message: string,
    details: IterableErrorDetails & { causeCode?: string },
  ) {
    super(kind, message, details);
    this.causeCode = details.causeCode;
  }
  get timedOut(): boolean {
    return this.kind === "timeout";
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), causeCode: this.causeCode };
  }
}

/** A programming error in how the client was called (never sent to Iterable). */
export class IterableUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IterableUsageError";
  }
}

export function isIterableError(error: unknown): error is IterableError {
  return error instanceof IterableError;
}
