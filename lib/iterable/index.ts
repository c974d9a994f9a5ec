// The only Ferry code that speaks Iterable's API. See docs/iterable.md for the behaviour table.
export { createIterableClient, IterableClient, REGION_BASE_URLS } from "./client";
export type {
  BulkUpdateOptions,
  CallOptions,
  IterableClientOptions,
  IterableList,
  IterableRegion,
  SerializedSubscribers,
  SubscribeOptions,
  Subscriber,
  UnsubscribeOptions,
} from "./client";
export type { BulkWriteResult, ListNotReadyRetry } from "./bulk-write";
export type { ConnectionCheck, ConnectionProblem } from "./check-connection";
export * from "./errors";
export type { ClientStats, IterableLogger, RetryEvent, RetryReason } from "./executor";
export { isValidEmail, normalizeEmail } from "./email";
export { rowDisposition, ROW_OUTCOMES, type RowDisposition, type RowOutcome, type RowResult } from "./row-outcomes";
export { DEFAULT_RATE_LIMIT, processLimiters, type EndpointGroup, type RateLimitConfig, type RateSpec } from "./rate-limiter";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./backoff";
export { projectIdForKey } from "./project-id";
