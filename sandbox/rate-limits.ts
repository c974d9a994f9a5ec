import type { SandboxEndpoint } from "./constants";

// Iterable limits per project and per endpoint. Token bucket: `limit` tokens, refilled evenly
// over the period, so "5 per minute" allows 5 at once and then one every 12 s.
export interface RateLimitRule {
  limit: number;
  per: "second" | "minute";
  /** Whether 429s carry Retry-After (unconfirmed for Iterable, so it is a switch). */
  retryAfter?: "none" | "seconds" | "http-date";
}

export type RateLimitConfig = Partial<Record<SandboxEndpoint, RateLimitRule | null>>;

// Iterable's published figures; subscribe/unsubscribe/create/delete publish none.
export const PUBLISHED_RATE_LIMITS: RateLimitConfig = {
  getLists: { limit: 100, per: "second" },
  bulkUpdate: { limit: 5, per: "second" },
  getUsers: { limit: 5, per: "minute" },
  size: { limit: 5, per: "minute" },
};

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterHeader?: string };

export class RateLimiter {
  #config: RateLimitConfig;
  readonly #buckets = new Map<string, Bucket>();

  constructor(config: RateLimitConfig) {
    this.#config = config;
  }

  get config(): RateLimitConfig {
    return this.#config;
  }

  set(config: RateLimitConfig): void {
    this.#config = config;
    this.#buckets.clear();
  }

  take(projectName: string, endpoint: SandboxEndpoint, nowMs: number): RateDecision {
    const rule = this.#config[endpoint];
    if (!rule) return { allowed: true };
    const periodMs = rule.per === "second" ? 1000 : 60_000;
    const refillPerMs = rule.limit / periodMs;
    const key = `${projectName}\u0000${endpoint}`;
    const bucket = this.#buckets.get(key) ?? { tokens: rule.limit, updatedAt: nowMs };
    bucket.tokens = Math.min(rule.limit, bucket.tokens + (nowMs - bucket.updatedAt) * refillPerMs);
    bucket.updatedAt = nowMs;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const waitMs = (1 - bucket.tokens) / refillPerMs;
    if (!rule.retryAfter || rule.retryAfter === "none") return { allowed: false };
    if (rule.retryAfter === "seconds") return { allowed: false, retryAfterHeader: String(Math.max(1, Math.ceil(waitMs / 1000))) };
    // HTTP-dates have one-second resolution: round up so the date is never too early.
    const at = Math.ceil((nowMs + Math.max(1000, waitMs)) / 1000) * 1000;
    return { allowed: false, retryAfterHeader: new Date(at).toUTCString() };
  }
}
