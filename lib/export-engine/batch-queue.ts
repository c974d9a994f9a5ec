// The hand-over between a list's planner (one producer, planning chunk after chunk) and the
// send pipeline (one consumer): bounded, so a planner faster than Iterable holds at most
// `capacity` batches in memory. Either side can end it: the producer closes it (done) or fails
// it (the consumer's next take throws); the consumer abandons it (a stop, or a send failed), and
// the producer's next put answers false so it stops planning.

export class BatchQueue<B> {
  private readonly items: B[] = [];
  private closed = false;
  private abandoned = false;
  private failure: { error: unknown } | null = null;
  private wakeConsumer: (() => void) | null = null;
  private wakeProducer: (() => void) | null = null;

  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError("capacity must be at least 1");
  }

  /** Waits for room; false when the consumer is gone (the producer should stop). */
  async put(item: B): Promise<boolean> {
    while (this.items.length >= this.capacity && !this.abandoned) {
      await new Promise<void>((resolve) => (this.wakeProducer = resolve));
    }
    if (this.abandoned) return false;
    this.items.push(item);
    this.signalConsumer();
    return true;
  }

  /** No more batches: the consumer's take answers null once the queue is empty. */
  close(): void {
    this.closed = true;
    this.signalConsumer();
  }

  /** The producer failed: the consumer's next take throws `error` (queued batches are dropped). */
  fail(error: unknown): void {
    this.failure ??= { error };
    this.signalConsumer();
  }

  /** The consumer stopped: pending and future puts answer false. */
  abandon(): void {
    this.abandoned = true;
    this.items.length = 0;
    this.signalProducer();
  }

  /** The next batch, null when closed and empty; throws the producer's failure. */
  async take(): Promise<B | null> {
    for (;;) {
      if (this.failure) throw this.failure.error;
      if (this.items.length > 0) {
        const item = this.items.shift()!;
        this.signalProducer();
        return item;
      }
      if (this.closed) return null;
      await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
    }
  }

  private signalConsumer(): void {
    const wake = this.wakeConsumer;
    this.wakeConsumer = null;
    wake?.();
  }

  private signalProducer(): void {
    const wake = this.wakeProducer;
    this.wakeProducer = null;
    wake?.();
  }
}
