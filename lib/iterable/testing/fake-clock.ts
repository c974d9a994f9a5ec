import type { Clock } from "../clock";

// A manual clock for unit tests: sleep() resolves only when the test advances time, so
// backoff and limiter behaviour is checked exactly, with no real waiting and no races.
export class FakeClock implements Clock {
  #now: number;
  #timers: { at: number; seq: number; resolve: () => void }[] = [];
  #seq = 0;
  readonly sleeps: number[] = [];

  constructor(startMs = 1_700_000_000_000) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((resolve) => {
      this.#timers.push({ at: this.#now + Math.max(0, ms), seq: this.#seq++, resolve });
    });
  }

  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** Let promise chains settle (several macrotask turns, enough for async/await hops). */
  async settle(): Promise<void> {
    for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Fire timers in time order until none are left (or `untilMs` is reached). */
  async runAll(untilMs = Number.POSITIVE_INFINITY): Promise<void> {
    await this.settle();
    for (;;) {
      this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.#timers[0];
      if (!next || next.at > untilMs) break;
      this.#timers.shift();
      this.#now = Math.max(this.#now, next.at);
      next.resolve();
      await this.settle();
    }
    if (Number.isFinite(untilMs)) this.#now = Math.max(this.#now, untilMs);
  }
}
