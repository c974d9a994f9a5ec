// FIFO counting semaphore: caps requests in flight to one Iterable project from this process.
export class Semaphore {
  #limit: number;
  #inUse = 0;
  readonly #waiters: (() => void)[] = [];

  constructor(limit: number) {
    this.#limit = Math.max(1, Math.floor(limit));
  }

  setLimit(limit: number): void {
    this.#limit = Math.max(1, Math.floor(limit));
    this.#drain();
  }

  get inUse(): number {
    return this.#inUse;
  }

  get waiting(): number {
    return this.#waiters.length;
  }

  async acquire(): Promise<() => void> {
    if (this.#inUse < this.#limit && this.#waiters.length === 0) {
      this.#inUse += 1;
    } else {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#inUse -= 1;
      this.#drain();
    };
  }

  #drain(): void {
    while (this.#inUse < this.#limit && this.#waiters.length > 0) {
      this.#inUse += 1;
      this.#waiters.shift()?.();
    }
  }
}
