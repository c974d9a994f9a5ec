import { describe, expect, it } from "vitest";
import { fullJitterDelay, retryDelay, type RetryPolicy } from "./backoff";

const policy: RetryPolicy = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 60_000 };

describe("full jitter backoff", () => {
  it("draws from [0, base·2^(n-1)) and caps at maxDelayMs", () => {
    const almostOne = () => 0.999999;
    expect([1, 2, 3, 4, 5, 6].map((n) => fullJitterDelay(n, policy, almostOne))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(fullJitterDelay(3, policy, () => 0)).toBe(0);
    expect(fullJitterDelay(3, policy, () => 0.5)).toBe(200);
  });

  it("waits at least what Retry-After asks, plus at most one base delay of jitter", () => {
    expect(retryDelay(1, policy, () => 0, 3000)).toBe(3000);
    expect(retryDelay(1, policy, () => 0.999999, 3000)).toBe(3099);
    expect(retryDelay(5, policy, () => 0.5, 0)).toBe(50);
  });

  it("falls back to jitter without Retry-After", () => {
    expect(retryDelay(2, policy, () => 0.5, undefined)).toBe(100);
  });
});
