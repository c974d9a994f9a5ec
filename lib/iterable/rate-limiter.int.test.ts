import { afterEach, describe, expect, it } from "vitest";
import { createIterableClient } from "./client";
import { processLimiters } from "./rate-limiter";
import { startSandboxFixture, type SandboxFixture } from "./testing/sandbox-fixture";

// The limiter holds its rate within 10% over a few seconds, counted on real time against the
// sandbox. Counting, not timing: we count requests the sandbox received per window; GCRA's
// schedule is computed from the clock, not from when timers fire, so late timers cannot add
// requests to a window, and the assertions have a 10% margin for late ones.
let f: SandboxFixture;
afterEach(async () => {
  await f.sandbox.close();
});

describe("per-project limiter, shared by every client in the process", () => {
  it("three clients on one key together stay within 10% of 40 requests/second over 3 s", async () => {
    f = await startSandboxFixture();
    const rate = 40;
    const seconds = 3;
    const clients = [0, 1, 2].map(() => f.client({ rateLimit: { requestsPerSecond: rate, concurrency: 16 } }));
    expect(processLimiters.get(clients[0]!.projectId, { requestsPerSecond: rate, concurrency: 16 })).toBe(
      processLimiters.get(clients[2]!.projectId, { requestsPerSecond: rate, concurrency: 16 }),
    );
    const listId = await clients[0]!.createList("paced");
    const arrivals: number[] = [];
    const start = performance.now();
    const deadline = start + seconds * 1000;
    let n = 0;
    // Far more demand than the limit: 3 clients × 8 workers, each sending back to back.
    await Promise.all(
      clients.flatMap((client) =>
        Array.from({ length: 8 }, async () => {
          while (performance.now() < deadline) {
            const email = `p${n++}@example.com`;
            await client.subscribe(listId, [{ email }]);
            arrivals.push(performance.now() - start);
          }
        }),
      ),
    );
    const inWindow = arrivals.filter((t) => t < seconds * 1000);
    const expected = rate * seconds;
    expect(inWindow.length).toBeGreaterThanOrEqual(expected * 0.9);
    expect(inWindow.length).toBeLessThanOrEqual(expected * 1.1);
    // (No per-second assertion: on a loaded 2-core machine one late second is noise, not a
    // limiter fault; the exact spacing is unit-tested with a fake clock in rate-limiter.test.ts.)
    expect(f.sandbox.control.stats().requests.subscribe?.["200"]).toBe(arrivals.length);
  });

  it("a different key is a different project with its own budget", async () => {
    f = await startSandboxFixture();
    const other = `${f.apiKey}-second-project`;
    f.sandbox.control.addProject({ name: `${f.project}-2`, apiKey: other });
    const a = f.client();
    const b = createIterableClient({ apiKey: other, region: { baseUrl: f.sandbox.url } });
    expect(a.projectId).not.toBe(b.projectId);
  });
});
