import type { Clock } from "./clock";
import { IterableListNotFoundError, IterableUsageError } from "./errors";
import { summarizeRows, type BulkRowsSummary } from "./row-outcomes";

export interface BulkWriteResult extends BulkRowsSummary {
  /** HTTP attempts used, retries included (for the engine's "retries" progress figure). */
  attempts: number;
}

/**
 * Opt-in bounded retry of "list not found" right after createList: Iterable's writes are
 * eventually consistent and a list id just created may briefly answer 400 (iterable-api.md,
 * behaviour 4). Whether a listNotFound is "not ready yet" or "gone" only the caller knows, so
 * the default is no retry.
 */
export interface ListNotReadyRetry {
  retries: number;
  delayMs: number;
}

export function assertUniqueEmails(emails: readonly string[]): void {
  // Duplicate emails inside one request have unconfirmed behaviour at Iterable, and per-row
  // outcomes are matched by email, so a batch must name each person once.
  const seen = new Set<string>();
  for (const email of emails) {
    if (typeof email !== "string") throw new IterableUsageError("every row needs an email string");
    const before = seen.size;
    // A set that did not grow already held the email (one lookup instead of two).
    if (seen.add(email.trim().toLowerCase()).size === before) throw new IterableUsageError("a batch contains the same email twice");
  }
}

export async function withListNotReadyRetry<T>(
  clock: Clock,
  policy: ListNotReadyRetry | undefined,
  call: () => Promise<T>,
): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof IterableListNotFoundError) || !policy || retry >= policy.retries) throw error;
      await clock.sleep(policy.delayMs);
    }
  }
}

export function emptyResult(): BulkWriteResult {
  return { ...summarizeRows([], { successCount: 0, failCount: 0 }), attempts: 0 };
}
