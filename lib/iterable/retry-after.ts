// `Retry-After` may be delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Whether Iterable sends
// it at all is unconfirmed (iterable-api.md, behaviour 2), so a missing or garbled header simply
// yields undefined and the caller falls back to its own backoff.
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // An HTTP-date always names a weekday/month; without this, Date.parse("-1") is the year -1.
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
