import { createHash } from "node:crypto";

// A stable, non-reversible name for "the Iterable project behind this key", used to key the
// rate limiter and in logs. Never the key itself: keys must not reach logs or shared state.
export function projectIdForKey(apiKey: string): string {
  return `prj_${createHash("sha256").update(`ferry-iterable:${apiKey}`).digest("hex").slice(0, 16)}`;
}

/** Remove every occurrence of the key from text we did not write (e.g. a server echoing it). */
export function redactKey(text: string, apiKey: string): string {
  if (apiKey.length < 4) return text;
  return text.split(apiKey).join("[redacted]");
}
