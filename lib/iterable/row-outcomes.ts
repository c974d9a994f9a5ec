import type { BulkWriteResponse } from "./schemas";

// Per-row outcome of a 200 answer to subscribe / unsubscribe / bulkUpdate. Partial success comes
// back as HTTP 200: one bad row does not fail the batch (iterable-api.md, behaviour 1).
//   invalid     → rejected for good (Iterable's email validator said no)
//   forgotten   → GDPR-forgotten: final, never retry
//   notFound    → unsubscribe: already not a member, counts as done
//   conflict    → rejected with reason (identity conflict)
//   invalidData → rejected with reason (dataFields type mismatch etc.)
export type RowOutcome = "accepted" | "invalid" | "forgotten" | "notFound" | "conflict" | "invalidData";

export const ROW_OUTCOMES: readonly RowOutcome[] = [
  "accepted",
  "invalid",
  "forgotten",
  "notFound",
  "conflict",
  "invalidData",
];

export interface RowResult {
  email: string;
  outcome: RowOutcome;
}

export interface BulkRowsSummary {
  successCount: number;
  failCount: number;
  /** One entry per email sent, in the order sent. */
  rows: RowResult[];
  counts: Record<RowOutcome, number>;
  /**
   * failCount minus the failures Iterable named. When > 0 some rows we mark "accepted" may in
   * fact have failed; the caller should not treat the batch as fully acknowledged.
   */
  unexplainedFailCount: number;
  /** Emails Iterable named as failed that we did not send (should not happen; kept for audit). */
  unmatched: string[];
  createdFields?: string[];
  filteredOutFields?: string[];
}

// When one email appears in several arrays, the more final outcome wins.
const PRECEDENCE: readonly [RowOutcome, (r: BulkWriteResponse) => (string[] | undefined)[]][] = [
  ["forgotten", (r) => [r.failedUpdates?.forgottenEmails]],
  ["invalid", (r) => [r.failedUpdates?.invalidEmails, r.invalidEmails]],
  ["conflict", (r) => [r.failedUpdates?.conflictEmails]],
  ["invalidData", (r) => [r.failedUpdates?.invalidDataEmails]],
  ["notFound", (r) => [r.failedUpdates?.notFoundEmails]],
];

// Iterable answers in its stored (lowercased) form, so match case-insensitively.
const matchKey = (email: string): string => email.trim().toLowerCase();

export function summarizeRows(sentEmails: readonly string[], response: BulkWriteResponse): BulkRowsSummary {
  const outcomeByKey = new Map<string, RowOutcome>();
  for (const [outcome, pick] of PRECEDENCE) {
    for (const list of pick(response)) {
      for (const email of list ?? []) {
        const key = matchKey(email);
        if (!outcomeByKey.has(key)) outcomeByKey.set(key, outcome);
      }
    }
  }
  const counts = Object.fromEntries(ROW_OUTCOMES.map((o) => [o, 0])) as Record<RowOutcome, number>;
  if (outcomeByKey.size === 0) {
    // Nothing named (the usual answer): every row accepted, no email to match (a thousand
    // normalised keys and set entries per batch saved).
    counts.accepted = sentEmails.length;
    return summary(response, sentEmails.map((email): RowResult => ({ email, outcome: "accepted" })), counts, []);
  }
  const sentKeys = new Set<string>();
  const rows = sentEmails.map((email): RowResult => {
    const key = matchKey(email);
    sentKeys.add(key);
    const outcome = outcomeByKey.get(key) ?? "accepted";
    counts[outcome] += 1;
    return { email, outcome };
  });
  const unmatched = [...outcomeByKey.keys()].filter((key) => !sentKeys.has(key));
  return summary(response, rows, counts, unmatched);
}

function summary(response: BulkWriteResponse, rows: RowResult[], counts: Record<RowOutcome, number>, unmatched: string[]): BulkRowsSummary {
  const namedFailures = rows.length - counts.accepted;
  return {
    successCount: response.successCount,
    failCount: response.failCount,
    rows,
    counts,
    unexplainedFailCount: Math.max(0, response.failCount - namedFailures),
    unmatched,
    ...(response.createdFields ? { createdFields: response.createdFields } : {}),
    ...(response.filteredOutFields ? { filteredOutFields: response.filteredOutFields } : {}),
  };
}

/**
 * What a row's outcome means for Ferry's record of the list. No row outcome is retryable: every
 * failure named in a 200 answer is final. notFound on unsubscribe means the person is already off
 * the list, so it counts as done; on subscribe (updateExistingUsersOnly and an unknown user) it
 * is a rejection.
 */
export type RowDisposition = "done" | "rejected";

export function rowDisposition(
  operation: "subscribe" | "unsubscribe" | "bulkUpdate",
  outcome: RowOutcome,
): RowDisposition {
  if (outcome === "accepted") return "done";
  if (outcome === "notFound" && operation === "unsubscribe") return "done";
  return "rejected";
}
