// Pure arithmetic of a run: counts per list, the removal guardrail, request and time estimates,
// and how a finished run is labelled. Kept free of I/O so it is unit-tested in isolation.

export type DataFieldMapping = { attribute: string; field: string };

/** What staging found in a segment (one row per member). */
export type MemberCounts = {
  members: number;
  missingEmails: number;
  invalidEmails: number;
  /** Distinct valid emails: the people the list should hold. */
  uniqueEmails: number;
};

export type ListPlanCounts = MemberCounts & {
  validEmails: number;
  duplicates: number;
  toAdd: number;
  toUpdate: number;
  toRemove: number;
  acknowledgedBefore: number;
  unchanged: number;
};

/**
 * validEmails counts members whose email is valid (before de-duplication); duplicates are the
 * members beyond the first with the same email (only one of them is sent). `unchanged` are the
 * people already acknowledged with the same data, minus rows this run already settled before a
 * resume (`settledBySubscribe`), so resumed runs do not count them twice.
 */
export function listPlanCounts(
  members: MemberCounts,
  plan: { toAdd: number; toUpdate: number; toRemove: number; acknowledgedBefore: number; settledBySubscribe?: number },
): ListPlanCounts {
  const validEmails = members.members - members.missingEmails - members.invalidEmails;
  const settled = plan.settledBySubscribe ?? 0;
  return {
    ...members,
    validEmails,
    duplicates: validEmails - members.uniqueEmails,
    toAdd: plan.toAdd,
    toUpdate: plan.toUpdate,
    toRemove: plan.toRemove,
    acknowledgedBefore: plan.acknowledgedBefore,
    unchanged: Math.max(0, members.uniqueEmails - plan.toAdd - plan.toUpdate - settled),
  };
}

export type GuardrailBreach = { exportListId: string; toRemove: number; acknowledged: number; share: number };

/**
 * A plan that would remove more than `maxShare` of what a list holds stops for confirmation
 * (a segment rule typo would otherwise empty a production list). Lists Ferry has never filled
 * (nothing acknowledged) cannot breach it.
 */
export function guardrailBreaches(
  lists: { exportListId: string; toRemove: number; acknowledgedBefore: number }[],
  maxShare: number,
): GuardrailBreach[] {
  return lists
    .filter((list) => list.acknowledgedBefore > 0 && list.toRemove / list.acknowledgedBefore > maxShare)
    .map((list) => ({
      exportListId: list.exportListId,
      toRemove: list.toRemove,
      acknowledged: list.acknowledgedBefore,
      share: list.toRemove / list.acknowledgedBefore,
    }));
}

export function batchCount(rows: number, batchSize: number): number {
  if (batchSize < 1) throw new RangeError("batchSize must be at least 1");
  return Math.ceil(Math.max(0, rows) / batchSize);
}

/** Requests a plan needs: subscribes (adds and updates together) and unsubscribes, per list. */
export function plannedRequests(lists: { toAdd: number; toUpdate: number; toRemove: number }[], batchSize: number): number {
  return lists.reduce((sum, list) => sum + batchCount(list.toAdd + list.toUpdate, batchSize) + batchCount(list.toRemove, batchSize), 0);
}

/** At the connection's write rate, the time the plan takes (Iterable's limit, not ours, decides). */
export function expectedSeconds(requests: number, requestsPerSecond: number): number {
  if (!(requestsPerSecond > 0)) throw new RangeError("requestsPerSecond must be > 0");
  return requests / requestsPerSecond;
}

/** Seconds left, from the rows done so far and the rate they were done at. */
export function etaSeconds(rowsDone: number, rowsPlanned: number, elapsedSeconds: number): number | null {
  if (rowsDone <= 0 || elapsedSeconds <= 0 || rowsPlanned <= rowsDone) return rowsPlanned <= rowsDone ? 0 : null;
  return ((rowsPlanned - rowsDone) * elapsedSeconds) / rowsDone;
}

export type SendCounts = {
  rejectedInvalid: number;
  rejectedForgotten: number;
  rejectedConflict: number;
  rejectedInvalidData: number;
  rejectedNotFound: number;
  unconfirmed: number;
  listRecreated: boolean;
};

type RejectedCounts = Pick<SendCounts, "rejectedInvalid" | "rejectedForgotten" | "rejectedConflict" | "rejectedInvalidData" | "rejectedNotFound">;

/** Rows of a list Iterable refused, whatever the reason. */
export function rejectedTotal(l: RejectedCounts): number {
  return l.rejectedInvalid + l.rejectedForgotten + l.rejectedConflict + l.rejectedInvalidData + l.rejectedNotFound;
}

/** Rows Iterable refused, lists Ferry had to recreate and unconfirmed rows make it a warning. */
export function finishedStatus(lists: SendCounts[]): "SUCCEEDED" | "SUCCEEDED_WITH_WARNINGS" {
  const warned = lists.some((l) => l.listRecreated || l.unconfirmed > 0 || rejectedTotal(l) > 0);
  return warned ? "SUCCEEDED_WITH_WARNINGS" : "SUCCEEDED";
}

/** Whether bigint id `a` (decimal text, as PostgreSQL sends it) is below `b`, without parsing either. */
export function idBelow(a: string, b: string): boolean {
  const negativeA = a.startsWith("-");
  if (negativeA !== b.startsWith("-")) return negativeA;
  if (a.length !== b.length) return negativeA !== a.length < b.length;
  return a !== b && negativeA !== a < b;
}

/** Sorts rows by the bigint id in column `column`, unless they are in that order already (one pass). */
export function inIdOrder<T extends unknown[]>(rows: T[], column: number): T[] {
  for (let i = 1; i < rows.length; i += 1) {
    if (!idBelow(rows[i - 1]![column] as string, rows[i]![column] as string)) {
      return rows.sort((x, y) => (idBelow(x[column] as string, y[column] as string) ? -1 : idBelow(y[column] as string, x[column] as string) ? 1 : 0));
    }
  }
  return rows;
}
