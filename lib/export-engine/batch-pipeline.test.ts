import { describe, expect, it } from "vitest";
import { runBatchPipeline } from "./batch-pipeline";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const source = (count: number) => {
  let next = 0;
  return async () => (next < count ? next++ : null);
};

describe("batch pipeline", () => {
  it("processes every batch with at most `concurrency` in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    const result = await runBatchPipeline({
      nextBatch: source(20),
      concurrency: 3,
      process: async (batch) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await sleep(5);
        seen.push(batch);
        inFlight -= 1;
      },
    });
    expect(result).toEqual({ batches: 20, stopped: false });
    expect(peak).toBe(3);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("on a stop request starts nothing new but finishes the batches in flight", async () => {
    let stop = false;
    const finished: number[] = [];
    const result = await runBatchPipeline({
      nextBatch: source(100),
      concurrency: 4,
      shouldStop: () => stop,
      process: async (batch) => {
        if (batch === 5) stop = true;
        await sleep(10);
        finished.push(batch);
      },
    });
    expect(result.stopped).toBe(true);
    expect(finished.length).toBe(result.batches);
    expect(result.batches).toBeLessThanOrEqual(6 + 4);
  });

  it("on the first error waits for the batches in flight, then throws it", async () => {
    const finished: number[] = [];
    await expect(
      runBatchPipeline({
        nextBatch: source(50),
        concurrency: 4,
        process: async (batch) => {
          if (batch === 2) throw new Error("boom");
          await sleep(20);
          finished.push(batch);
        },
      }),
    ).rejects.toThrow("boom");
    expect(finished).toEqual(expect.arrayContaining([0, 1, 3]));
    expect(finished.length).toBeLessThan(10);
  });
});
