import type { SandboxEndpoint } from "./constants";

// What the tests inspect to prove behaviour from the outside, e.g. that nothing acknowledged
// was ever resent (a resent subscribe can re-trigger a "list subscribe" journey in Iterable).
export interface SandboxStats {
  /** endpoint → HTTP status (or "hang") → count. */
  requests: Record<string, Record<string, number>>;
  subscribedRows: number;
  newMembers: number;
  /** Subscribes that targeted someone already on the list. */
  resubscribes: number;
  resubscribesByList: Record<string, number>;
  /** The same email twice inside one request (Iterable's behaviour there is unconfirmed). */
  duplicateEmailsInRequest: number;
  unsubscribedRows: number;
  removedMembers: number;
  unsubscribeNotFound: number;
  /** Unsubscribes that asked for (or defaulted to) a channel-wide unsubscribe. */
  channelUnsubscribeTrue: number;
  channelUnsubscribeMissing: number;
  bulkUpdatedRows: number;
}

export function emptyStats(): SandboxStats {
  return {
    requests: {},
    subscribedRows: 0,
    newMembers: 0,
    resubscribes: 0,
    resubscribesByList: {},
    duplicateEmailsInRequest: 0,
    unsubscribedRows: 0,
    removedMembers: 0,
    unsubscribeNotFound: 0,
    channelUnsubscribeTrue: 0,
    channelUnsubscribeMissing: 0,
    bulkUpdatedRows: 0,
  };
}

export function countRequest(stats: SandboxStats, endpoint: SandboxEndpoint | "unknown", status: number | "hang"): void {
  const byStatus = (stats.requests[endpoint] ??= {});
  const key = String(status);
  byStatus[key] = (byStatus[key] ?? 0) + 1;
}
