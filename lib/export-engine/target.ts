// The one seam between the export engine and the connections domain: where an export's
// Iterable project is, its key and its limits. The engine calls `resolveTarget(connectionId)`
// at the start of every run; whoever owns connections registers the real resolver with
// `setTargetResolver` (at merge: `connectionReadyForExport(id)`), tests register one that points
// at a sandbox. Until then the default resolver serves the development target from the
// environment (FERRY_EXPORT_TARGET_URL/KEY), or refuses.
import { settings } from "@/lib/config/env";
import type { IterableRegion, RetryPolicy } from "@/lib/iterable";

export type ExportTarget = {
  connectionId: string;
  apiKey: string;
  region: IterableRegion;
  /** Subscribe/unsubscribe requests per second for the whole Iterable project (shared limiter). */
  requestsPerSecond: number;
  /** Requests in flight to the project from this process. */
  concurrency: number;
  /** Rows per subscribe/unsubscribe request, at most 1000. */
  batchSize: number;
  // Optional client tuning (tests shorten them; production keeps the client's defaults).
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** How long to keep retrying "unknown list" right after creating a list (eventual consistency). */
  listNotReady?: { retries: number; delayMs: number };
};

/**
 * The connection cannot be used now. `skip`: the run ends SKIPPED (nothing to do, e.g. detached);
 * otherwise FAILED. `message` is shown to the user as is: never put a secret in it.
 */
export class ExportTargetError extends Error {
  constructor(
    message: string,
    readonly outcome: "skipped" | "failed" = "failed",
  ) {
    super(message);
    this.name = "ExportTargetError";
  }
}

export type TargetResolver = (connectionId: string) => Promise<ExportTarget>;

const holder = globalThis as unknown as { ferryTargetResolver?: TargetResolver };

export function setTargetResolver(resolver: TargetResolver | undefined): void {
  holder.ferryTargetResolver = resolver;
}

export function resolveTarget(connectionId: string): Promise<ExportTarget> {
  return (holder.ferryTargetResolver ?? environmentTarget)(connectionId);
}

async function environmentTarget(connectionId: string): Promise<ExportTarget> {
  const env = settings();
  if (!env.FERRY_EXPORT_TARGET_URL || !env.FERRY_EXPORT_TARGET_KEY) {
    throw new ExportTargetError("The export's connection is not available (no connection resolver is configured).");
  }
  return {
    connectionId,
    apiKey: env.FERRY_EXPORT_TARGET_KEY,
    region: { baseUrl: env.FERRY_EXPORT_TARGET_URL },
    requestsPerSecond: env.FERRY_EXPORT_TARGET_RPS,
    concurrency: env.FERRY_EXPORT_TARGET_CONCURRENCY,
    batchSize: env.FERRY_EXPORT_BATCH_SIZE,
  };
}
