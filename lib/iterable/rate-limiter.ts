import { systemClock, type Clock } from "./clock";
import { MemoryScheduleStore, type ScheduleStore } from "./schedule-store";
import { Semaphore } from "./semaphore";

// One limiter per Iterable project, shared by every client (every export, every worker) in this
// process through a module-level registry. Iterable documents its limits per project, and two
// connections with the same key are the same project, so the registry is keyed by the project id
// (a hash of the API key), never by the key itself.
//
// Each endpoint group has its own rate (Iterable publishes different limits per endpoint:
// GET /api/lists 100/s, bulkUpdate 5/s, getUsers and size 5/minute; subscribe/unsubscribe are not
// published, so "writes" is configured per connection). Concurrency is project-wide.
// A request first takes a concurrency slot, then reserves its rate slot and sleeps until it.

export type EndpointGroup = "lists" | "writes" | "bulkUpdate" | "getUsers" | "size";

export interface RateSpec {
  requestsPerSecond: number;
  /** Requests allowed back to back after an idle period. 1 = strictly evenly spaced. */
  burst?: number;
}

export interface RateLimitConfig {
  /** Rate for subscribe, unsubscribe, create and delete list (Iterable publishes none). */
  requestsPerSecond: number;
  /** Requests in flight to this project from this process. */
  concurrency: number;
  burst?: number;
  /** Overrides of Iterable's published per-endpoint limits. */
  endpoints?: Partial<Record<Exclude<EndpointGroup, "writes">, RateSpec>>;
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = { requestsPerSecond: 10, concurrency: 4 };

const PUBLISHED_LIMITS: Record<Exclude<EndpointGroup, "writes">, RateSpec> = {
  lists: { requestsPerSecond: 100, burst: 1 },
  bulkUpdate: { requestsPerSecond: 5, burst: 1 },
  // 5 per minute: allow the 5 at once, then one every 12 s (same shape as a 5-token bucket).
  getUsers: { requestsPerSecond: 5 / 60, burst: 5 },
  size: { requestsPerSecond: 5 / 60, burst: 5 },
};

export interface LimiterStats {
  granted: number;
  inFlight: number;
  waiting: number;
}

export class ProjectLimiter {
  readonly projectId: string;
  #config: RateLimitConfig;
  readonly #semaphore: Semaphore;
  readonly #store: ScheduleStore;
  readonly #clock: Clock;
  #granted = 0;
  #waiting = 0;

  constructor(projectId: string, config: RateLimitConfig, store: ScheduleStore, clock: Clock) {
    this.projectId = projectId;
    this.#config = config;
    this.#semaphore = new Semaphore(config.concurrency);
    this.#store = store;
    this.#clock = clock;
  }

  /** Latest configuration wins: a connection's settings apply to its whole project. */
  configure(config: RateLimitConfig): void {
    this.#config = config;
    this.#semaphore.setLimit(config.concurrency);
  }

  rateFor(group: EndpointGroup): Required<RateSpec> {
    const spec =
      group === "writes"
        ? { requestsPerSecond: this.#config.requestsPerSecond, burst: this.#config.burst }
        : (this.#config.endpoints?.[group] ?? PUBLISHED_LIMITS[group]);
    if (!(spec.requestsPerSecond > 0)) throw new RangeError("requestsPerSecond must be > 0");
    return { requestsPerSecond: spec.requestsPerSecond, burst: Math.max(1, Math.floor(spec.burst ?? 1)) };
  }

  /** Wait for a concurrency slot and then for this group's next rate slot. Returns the release. */
  async acquire(group: EndpointGroup): Promise<() => void> {
    this.#waiting += 1;
    const release = await this.#semaphore.acquire();
    try {
      const { requestsPerSecond, burst } = this.rateFor(group);
      const intervalMs = 1000 / requestsPerSecond;
      const slot = await this.#store.reserve(this.#bucketKey(group), intervalMs, (burst - 1) * intervalMs, this.#clock.now());
      const wait = slot - this.#clock.now();
      if (wait > 0) await this.#clock.sleep(wait);
    } catch (error) {
      release();
      throw error;
    } finally {
      this.#waiting -= 1;
    }
    this.#granted += 1;
    return release;
  }

  /** After a 429 with Retry-After, every caller of this group waits, not just the one told. */
  async holdUntil(group: EndpointGroup, untilMs: number): Promise<void> {
    await this.#store.holdUntil(this.#bucketKey(group), untilMs);
  }

  stats(): LimiterStats {
    return { granted: this.#granted, inFlight: this.#semaphore.inUse, waiting: this.#waiting };
  }

  #bucketKey(group: EndpointGroup): string {
    return `${this.projectId}:${group}`;
  }
}

export interface LimiterRegistry {
  get(projectId: string, config: RateLimitConfig): ProjectLimiter;
  clear(): void;
}

export function createLimiterRegistry(
  store: ScheduleStore = new MemoryScheduleStore(),
  clock: Clock = systemClock,
): LimiterRegistry {
  const limiters = new Map<string, ProjectLimiter>();
  return {
    get(projectId, config) {
      const existing = limiters.get(projectId);
      if (existing) {
        existing.configure(config);
        return existing;
      }
      const limiter = new ProjectLimiter(projectId, config, store, clock);
      limiters.set(projectId, limiter);
      return limiter;
    },
    clear() {
      limiters.clear();
    },
  };
}

/** The process-wide registry every client uses unless a test injects its own. */
export const processLimiters: LimiterRegistry = createLimiterRegistry();
