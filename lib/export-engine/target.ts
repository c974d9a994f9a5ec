// The one seam between the export engine and the connections domain: where an export's
// Iterable project is, its key and its limits. The engine calls `resolveTarget(connectionId)`
// at the start of every run. By default it reads the stored connection
// (`connectionReadyForExport`); tests register a resolver pointing at a sandbox with
// `setTargetResolver`, and benchmarks may override every export's target from the environment
// (FERRY_EXPORT_TARGET_URL/KEY).
import { settings } from "@/lib/config/env";
import { connectionReadyForExport } from "@/lib/connections/export-readiness";
import type { MessageKey } from "@/lib/i18n/messages";
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
 * The connection cannot be used now. `skipped`: the run ends SKIPPED (nothing to do, e.g.
 * detached); otherwise FAILED. The message key is what the user reads (translated).
 */
export class ExportTargetError extends Error {
  constructor(
    readonly messageKey: MessageKey,
    readonly outcome: "skipped" | "failed" = "failed",
  ) {
    super(messageKey);
    this.name = "ExportTargetError";
  }
}

export type TargetResolver = (connectionId: string) => Promise<ExportTarget>;

const holder = globalThis as unknown as { ferryTargetResolver?: TargetResolver };

export function setTargetResolver(resolver: TargetResolver | undefined): void {
  holder.ferryTargetResolver = resolver;
}

export function resolveTarget(connectionId: string): Promise<ExportTarget> {
  return (holder.ferryTargetResolver ?? defaultTarget)(connectionId);
}

async function defaultTarget(connectionId: string): Promise<ExportTarget> {
  const env = settings();
  if (!env.FERRY_EXPORT_TARGET_URL || !env.FERRY_EXPORT_TARGET_KEY) return connectionTarget(connectionId);
  return {
    connectionId,
    apiKey: env.FERRY_EXPORT_TARGET_KEY,
    region: { baseUrl: env.FERRY_EXPORT_TARGET_URL },
    requestsPerSecond: env.FERRY_EXPORT_TARGET_RPS,
    concurrency: env.FERRY_EXPORT_TARGET_CONCURRENCY,
    batchSize: env.FERRY_EXPORT_BATCH_SIZE,
  };
}

// The stored connection: its decrypted key never leaves this object (the engine hands it to
// createIterableClient). A connection without an active export user does not run its exports.
async function connectionTarget(connectionId: string): Promise<ExportTarget> {
  const readiness = await connectionReadyForExport(connectionId);
  if (!readiness.ready) {
    throw new ExportTargetError(readiness.reason === "needsExportUser" ? "exports.run.error.needsExportUser" : "exports.run.error.connectionGone", "skipped");
  }
  const { connection } = readiness;
  return {
    connectionId,
    apiKey: connection.apiKey,
    region: connection.region,
    requestsPerSecond: connection.rateLimit.requestsPerSecond,
    concurrency: connection.rateLimit.concurrency ?? 4,
    batchSize: connection.batchSize,
  };
}
