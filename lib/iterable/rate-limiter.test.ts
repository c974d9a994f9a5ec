import { describe, expect, it } from "vitest";
import { createLimiterRegistry, type EndpointGroup, type RateLimitConfig } from "./rate-limiter";
import { MemoryScheduleStore } from "./schedule-store";
import { FakeClock } from "./testing/fake-clock";

function countPerWindow(times: number[], start: number, windowMs: number): number[] {
  const counts: number[] = [];
  for (const t of times) {
    const index = Math.floor((t - start) / windowMs);
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return Array.from(counts, (c) => c ?? 0);
}

async function grantTimes(config: RateLimitConfig, group: EndpointGroup, callers: number, holdMs = 0) {
  const clock = new FakeClock();
  const start = clock.now();
  const limiter = createLimiterRegistry(new MemoryScheduleStore(), clock).get("prj_test", config);
  const times: number[] = [];
  let maxInFlight = 0;
  const tasks = Array.from({ length: callers }, async () => {
    const release = await limiter.acquire(group);
    times.push(clock.now());
    maxInFlight = Math.max(maxInFlight, limiter.stats().inFlight);
    if (holdMs) await clock.sleep(holdMs);
    release();
  });
  await clock.runAll();
  await Promise.all(tasks);
  return { times, start, maxInFlight, clock };
}

describe("ProjectLimiter (GCRA on a fake clock)", () => {
  it("spaces requests evenly at the configured rate", async () => {
    const { times, start } = await grantTimes({ requestsPerSecond: 20, concurrency: 1000 }, "writes", 100);
    expect(times[0]).toBe(start);
    expect(times[99]).toBe(start + 99 * 50);
    expect(countPerWindow(times, start, 1000)).toEqual([20, 20, 20, 20, 20]);
  });

  it("allows a burst, then the steady rate", async () => {
    const { times, start } = await grantTimes({ requestsPerSecond: 10, concurrency: 1000, burst: 5 }, "writes", 25);
    expect(times.slice(0, 5)).toEqual([start, start, start, start, start]);
    expect(countPerWindow(times, start, 1000)).toEqual([14, 10, 1]);
  });

  it("caps requests in flight", async () => {
    const { maxInFlight } = await grantTimes({ requestsPerSecond: 1000, concurrency: 3 }, "writes", 30, 100);
    expect(maxInFlight).toBe(3);
  });

  it("applies Iterable's published 5/minute to getUsers by default", async () => {
    const { times, start } = await grantTimes({ requestsPerSecond: 100, concurrency: 10 }, "getUsers", 7);
    expect(times.map((t) => t - start)).toEqual([0, 0, 0, 0, 0, 12_000, 24_000]);
  });

  it("holds every caller of a group after a Retry-After", async () => {
    const clock = new FakeClock();
    const limiter = createLimiterRegistry(new MemoryScheduleStore(), clock).get("prj_hold", { requestsPerSecond: 100, concurrency: 10 });
    const start = clock.now();
    await limiter.holdUntil("writes", start + 5000);
    const writes = limiter.acquire("writes").then(() => clock.now());
    const lists = limiter.acquire("lists").then(() => clock.now());
    await clock.runAll();
    expect((await writes) - start).toBe(5000);
    expect((await lists) - start).toBe(0);
  });

  it("is shared per project: two registrations of one project share one schedule", async () => {
    const clock = new FakeClock();
    const registry = createLimiterRegistry(new MemoryScheduleStore(), clock);
    const a = registry.get("prj_same", { requestsPerSecond: 10, concurrency: 10 });
    const b = registry.get("prj_same", { requestsPerSecond: 10, concurrency: 10 });
    expect(a).toBe(b);
    const other = registry.get("prj_other", { requestsPerSecond: 10, concurrency: 10 });
    expect(other).not.toBe(a);
  });
});
