// Exponential backoff with "full jitter" (AWS Architecture Blog, "Exponential Backoff And
// Jitter"): delay = random(0, min(cap, base * 2^(attempt-1))). Full jitter spreads the retries of
// many workers hitting the same Iterable project after a 429 storm instead of synchronising them.

export interface RetryPolicy {
  /** Total attempts including the first one. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the error is returned to the caller. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/** Delay before retry number `attempt` (1 = the first retry). `random` returns [0, 1). */
export function fullJitterDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  const ceiling = Math.min(policy.maxDelayMs, exponential);
  return Math.floor(random() * ceiling);
}

/**
 * The server's Retry-After wins when present (it knows when its window reopens): we wait what it
 * asks plus up to one base delay of jitter, so workers told the same instant do not return in
 * lockstep. Without it, full jitter.
 */
export function retryDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterMs: number | undefined,
): number {
  if (retryAfterMs === undefined) return fullJitterDelay(attempt, policy, random);
  return retryAfterMs + Math.floor(random() * policy.baseDelayMs);
}
