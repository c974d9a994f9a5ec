import { retryDelay, type RetryPolicy } from "./backoff";
import { classifyExchange, type Classification } from "./classify";
import type { Clock } from "./clock";
import {
  IterableBadKeyError,
  IterableBadRequestError,
  IterableConflictError,
  IterableError,
  IterableForbiddenError,
  IterableListNotFoundError,
  IterableNetworkError,
  IterableNotFoundError,
  IterableRateLimitedError,
  IterableServerError,
  type IterableErrorDetails,
} from "./errors";
import type { EndpointGroup, ProjectLimiter } from "./rate-limiter";
import { TransportFailure, type HttpResponse, type Transport } from "./transport";

// The retry loop shared by every call: limiter → one exchange → classify → maybe back off.
// Retried: 429, 500/502/503/504, network errors and timeouts (iterable-api.md, behaviour 3).
// Never retried here: 4xx answers, including "list not found/not ready" (the caller's decision).

export type RetryReason = "rateLimited" | "serverError" | "network" | "timeout";

export interface RetryEvent {
  endpoint: string;
  /** The attempt that just failed (1-based). */
  attempt: number;
  delayMs: number;
  reason: RetryReason;
  status?: number;
  retryAfterMs?: number;
}

export interface ClientStats {
  requests: number;
  retries: number;
  retriesByReason: Record<RetryReason, number>;
}

/** pino-compatible subset; the client only ever logs ids, endpoints, statuses and timings. */
export interface IterableLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  debug?(fields: Record<string, unknown>, message: string): void;
}

export interface ExecutorContext {
  projectId: string;
  baseUrl: string;
  headers: () => Record<string, string>;
  redact: (text: string) => string;
  transport: Transport;
  clock: Clock;
  random: () => number;
  retry: RetryPolicy;
  timeoutMs: number;
  limiter: ProjectLimiter;
  stats: ClientStats;
  logger: IterableLogger | undefined;
  onRetry: ((event: RetryEvent) => void) | undefined;
}

export interface CallSpec {
  method: "GET" | "POST" | "DELETE";
  path: string;
  group: EndpointGroup;
  body?: unknown;
  /** The body already serialised (bulk writes built from pre-serialised rows); wins over `body`. */
  bodyText?: string;
  listId?: number;
  maxAttempts?: number;
  timeoutMs?: number;
  onRetry?: (event: RetryEvent) => void;
}

export interface CallResult {
  response: HttpResponse;
  attempts: number;
}

export async function execute(ctx: ExecutorContext, spec: CallSpec): Promise<CallResult> {
  const endpoint = `${spec.method} ${spec.path.split("?")[0]}`;
  const maxAttempts = Math.max(1, spec.maxAttempts ?? ctx.retry.maxAttempts);
  const body = spec.bodyText ?? (spec.body === undefined ? undefined : JSON.stringify(spec.body));
  for (let attempt = 1; ; attempt += 1) {
    const release = await ctx.limiter.acquire(spec.group);
    let outcome: { response: HttpResponse } | { failure: TransportFailure };
    try {
      ctx.stats.requests += 1;
      const response = await ctx.transport(
        {
          method: spec.method,
          url: `${ctx.baseUrl}${spec.path}`,
          headers: ctx.headers(),
          ...(body !== undefined ? { body } : {}),
        },
        spec.timeoutMs ?? ctx.timeoutMs,
      );
      outcome = { response };
    } catch (error) {
      if (!(error instanceof TransportFailure)) throw error;
      outcome = { failure: error };
    } finally {
      // Released before any backoff sleep so a waiting retry does not hold a concurrency slot.
      release();
    }

    let classification: Classification | TransportClassification;
    if ("failure" in outcome) {
      classification = {
        kind: outcome.failure.kind,
        retryable: true,
        message: outcome.failure.message,
        causeCode: outcome.failure.causeCode,
      };
    } else {
      const { response } = outcome;
      classification = classifyExchange({
        status: response.status,
        bodyText: response.bodyText,
        retryAfter: response.retryAfter,
        nowMs: ctx.clock.now(),
        ...(spec.listId !== undefined ? { listId: spec.listId } : {}),
      });
      if (classification.kind === "ok") return { response, attempts: attempt };
    }

    const status = "response" in outcome ? outcome.response.status : undefined;
    const retryAfterMs = "retryAfterMs" in classification ? classification.retryAfterMs : undefined;
    const canRetry =
      classification.retryable &&
      attempt < maxAttempts &&
      (retryAfterMs === undefined || retryAfterMs <= ctx.retry.maxRetryAfterMs);
    if (!canRetry) {
      ctx.logger?.debug?.({ projectId: ctx.projectId, endpoint, status, attempt }, "iterable call failed");
      throw buildError(ctx, classification, { endpoint, status, attempts: attempt, listId: spec.listId, retryAfterMs });
    }

    const reason = classification.kind as RetryReason;
    const delayMs = retryDelay(attempt, ctx.retry, ctx.random, retryAfterMs);
    if (reason === "rateLimited" && retryAfterMs !== undefined) {
      await ctx.limiter.holdUntil(spec.group, ctx.clock.now() + retryAfterMs);
    }
    const event: RetryEvent = {
      endpoint,
      attempt,
      delayMs,
      reason,
      ...(status !== undefined ? { status } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
    ctx.stats.retries += 1;
    ctx.stats.retriesByReason[reason] += 1;
    ctx.logger?.warn({ projectId: ctx.projectId, ...event }, "iterable call will be retried");
    ctx.onRetry?.(event);
    spec.onRetry?.(event);
    await ctx.clock.sleep(delayMs);
  }
}

interface TransportClassification {
  kind: "network" | "timeout";
  retryable: true;
  message: string;
  causeCode: string | undefined;
}

interface ErrorContext {
  endpoint: string;
  status: number | undefined;
  attempts: number;
  listId: number | undefined;
  retryAfterMs: number | undefined;
}

function buildError(
  ctx: ExecutorContext,
  classification: Exclude<Classification, { kind: "ok" }> | TransportClassification,
  info: ErrorContext,
): IterableError {
  const detail = ctx.redact(classification.message);
  const message = `${info.endpoint} failed${info.status ? ` with HTTP ${info.status}` : ""} after ${info.attempts} attempt(s): ${detail}`;
  const details: IterableErrorDetails = {
    endpoint: info.endpoint,
    attempts: info.attempts,
    retryable: classification.retryable,
    ...(info.status !== undefined ? { status: info.status } : {}),
    ...("code" in classification && classification.code !== undefined ? { code: classification.code } : {}),
  };
  switch (classification.kind) {
    case "badKey":
      return new IterableBadKeyError("badKey", message, details);
    case "forbidden":
      return new IterableForbiddenError("forbidden", message, details);
    case "listNotFound":
      return new IterableListNotFoundError(message, { ...details, listId: info.listId ?? -1 });
    case "notFound":
      return new IterableNotFoundError("notFound", message, details);
    case "conflict":
      return new IterableConflictError("conflict", message, details);
    case "rateLimited":
      return new IterableRateLimitedError(message, {
        ...details,
        ...(info.retryAfterMs !== undefined ? { retryAfterMs: info.retryAfterMs } : {}),
      });
    case "serverError":
      return new IterableServerError("serverError", message, details);
    case "network":
    case "timeout":
      return new IterableNetworkError(classification.kind, message, {
        ...details,
        ...(classification.causeCode ? { causeCode: classification.causeCode } : {}),
      });
    case "badRequest":
      return new IterableBadRequestError("badRequest", message, details);
  }
}
