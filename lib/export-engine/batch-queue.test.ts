import { describe, expect, it } from "vitest";
import { BatchQueue } from "./batch-queue";

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("BatchQueue", () => {
  it("hands batches over in order and answers null once closed and drained", async () => {
    const queue = new BatchQueue<number>(2);
    const taken: (number | null)[] = [];
    const consumer = (async () => {
      for (;;) {
        const item = await queue.take();
        taken.push(item);
        if (item === null) return;
      }
    })();
    for (const n of [1, 2, 3, 4, 5]) expect(await queue.put(n)).toBe(true);
    queue.close();
    await consumer;
    expect(taken).toEqual([1, 2, 3, 4, 5, null]);
  });

  it("holds the producer while the queue is full", async () => {
    const queue = new BatchQueue<number>(2);
    await queue.put(1);
    await queue.put(2);
    let third = false;
    const pending = queue.put(3).then((ok) => (third = ok));
    await tick();
    expect(third).toBe(false);
    expect(await queue.take()).toBe(1);
    await pending;
    expect(third).toBe(true);
  });

  it("makes the consumer throw the producer's failure", async () => {
    const queue = new BatchQueue<number>(4);
    const waiting = queue.take();
    queue.fail(new Error("plan failed"));
    await expect(waiting).rejects.toThrow("plan failed");
    await queue.put(1);
    await expect(queue.take()).rejects.toThrow("plan failed");
  });

  it("tells a waiting producer to stop once the consumer abandons", async () => {
    const queue = new BatchQueue<number>(1);
    await queue.put(1);
    const blocked = queue.put(2);
    queue.abandon();
    expect(await blocked).toBe(false);
    expect(await queue.put(3)).toBe(false);
  });
});
