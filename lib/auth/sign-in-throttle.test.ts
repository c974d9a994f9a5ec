import { describe, expect, it } from "vitest";
import { clientKeyFrom, FREE_FAILURES, MAX_DELAY_MS, throttleDelayMs } from "./sign-in-throttle";

describe("sign-in throttle", () => {
  it("lets the first failures through without delay", () => {
    for (let failures = 0; failures < FREE_FAILURES; failures += 1) expect(throttleDelayMs(failures)).toBe(0);
  });

  it("doubles the delay after that, up to a ceiling", () => {
    const delays = [0, 1, 2, 3, 4, 10].map((extra) => throttleDelayMs(FREE_FAILURES + extra));
    expect(delays.slice(0, 5)).toEqual([500, 1000, 2000, 4000, 8000]);
    expect(delays[5]).toBe(MAX_DELAY_MS);
  });

  it("keys on the first forwarded address", () => {
    expect(clientKeyFrom({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" })).toBe("203.0.113.7");
    expect(clientKeyFrom({ "x-real-ip": "198.51.100.2" })).toBe("198.51.100.2");
    expect(clientKeyFrom(undefined)).toBe("unknown");
  });
});
