// Where the rate limiter keeps its state. The limiter uses GCRA (the "generic cell rate
// algorithm", a token bucket expressed as one timestamp): per (project, endpoint group) it stores
// only the theoretical arrival time `tat` of the next request. Reserving a slot is one atomic
// read-modify-write of that number, which is what makes the design shareable across processes:
//
//   PostgreSQL version (not built yet; same interface, async):
//     INSERT INTO iterable_rate_schedule (bucket_key, tat) VALUES ($1, $now + $interval)
//     ON CONFLICT (bucket_key) DO UPDATE
//       SET tat = GREATEST(iterable_rate_schedule.tat, $now - $tolerance) + $interval
//     RETURNING tat - $interval AS slot;
//   The row lock serialises concurrent reservers from every worker; no advisory lock is needed
//   for the rate. `$now` should be the database's clock (clock_timestamp()) so workers with
//   skewed clocks agree. Concurrency across processes would use N advisory-lock slots
//   (pg_try_advisory_lock(hash(project), slot)) or a leases table with expiry.
//
// The bucket key is the project id (a hash of the API key, see project-id.ts), never the key.

export interface ScheduleStore {
  /**
   * Atomically reserve the next send slot for `bucketKey` and return its time (epoch ms). The
   * caller sleeps until then. `intervalMs` = 1000 / rate; `toleranceMs` = (burst - 1) * interval.
   */
  reserve(bucketKey: string, intervalMs: number, toleranceMs: number, nowMs: number): Promise<number>;
  /** Push the bucket's schedule to at least `untilMs` (after a 429 with Retry-After). */
  holdUntil(bucketKey: string, untilMs: number): Promise<void>;
}

export class MemoryScheduleStore implements ScheduleStore {
  readonly #tat = new Map<string, number>();

  async reserve(bucketKey: string, intervalMs: number, toleranceMs: number, nowMs: number): Promise<number> {
    return this.reserveSync(bucketKey, intervalMs, toleranceMs, nowMs);
  }

  reserveSync(bucketKey: string, intervalMs: number, toleranceMs: number, nowMs: number): number {
    const tat = this.#tat.get(bucketKey) ?? nowMs;
    const slot = Math.max(nowMs, tat - toleranceMs);
    this.#tat.set(bucketKey, Math.max(tat, slot) + intervalMs);
    return slot;
  }

  async holdUntil(bucketKey: string, untilMs: number): Promise<void> {
    this.#tat.set(bucketKey, Math.max(this.#tat.get(bucketKey) ?? 0, untilMs));
  }
}
