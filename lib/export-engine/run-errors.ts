// How a failed run is explained: a message key and its parameters (Iterable's HTTP status, the
// endpoint, the attempts; never a secret: the client already strips the key from its errors).
// The UI translates it into the reader's language; the CLI and the logs show it in English.
import {
  IterableBadKeyError,
  IterableError,
  IterableForbiddenError,
  IterableNetworkError,
  IterableRateLimitedError,
  IterableServerError,
} from "@/lib/iterable";
import { isMessageKey, translator, type Locale, type MessageKey } from "@/lib/i18n/messages";
import { ExportTargetError } from "./target";

export type RunErrorParams = Record<string, string | number>;
export type RunFailure = { errorKey: MessageKey; errorParams: RunErrorParams | null; status: "FAILED" | "SKIPPED" };

export function describeRunFailure(error: unknown): RunFailure {
  if (error instanceof ExportTargetError) {
    return { errorKey: error.messageKey, errorParams: null, status: error.outcome === "skipped" ? "SKIPPED" : "FAILED" };
  }
  if (error instanceof IterableBadKeyError) return { errorKey: "exports.run.error.badKey", errorParams: null, status: "FAILED" };
  if (error instanceof IterableForbiddenError) return { errorKey: "exports.run.error.forbidden", errorParams: null, status: "FAILED" };
  if (error instanceof IterableRateLimitedError || error instanceof IterableServerError || error instanceof IterableNetworkError) {
    const attempts = { attempts: error.attempts, endpoint: error.endpoint };
    if (error instanceof IterableRateLimitedError) return { errorKey: "exports.run.error.rateLimited", errorParams: attempts, status: "FAILED" };
    if (error instanceof IterableNetworkError) {
      return { errorKey: error.timedOut ? "exports.run.error.timeout" : "exports.run.error.unreachable", errorParams: attempts, status: "FAILED" };
    }
    return { errorKey: "exports.run.error.serverError", errorParams: { ...attempts, status: error.status ?? "5xx" }, status: "FAILED" };
  }
  if (error instanceof IterableError) {
    // Iterable's own words stay as Iterable wrote them (English), inside the translated sentence.
    return { errorKey: "exports.run.error.iterable", errorParams: { detail: error.message, endpoint: error.endpoint }, status: "FAILED" };
  }
  return { errorKey: "errors.generic", errorParams: null, status: "FAILED" };
}

/** A run's stored error in one language: the reader's on the export page, English in the CLI. */
export function runErrorText(run: { errorKey: string | null; errorParams: unknown }, locale: Locale = "en"): string | null {
  if (!run.errorKey) return null;
  const t = translator(locale);
  return isMessageKey(run.errorKey) ? t(run.errorKey, runErrorParams(run.errorParams)) : t("errors.generic");
}

/** Stored JSON back to translator parameters (only strings and numbers are kept). */
export function runErrorParams(value: unknown): RunErrorParams | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const entries = Object.entries(value).filter((entry): entry is [string, string | number] => typeof entry[1] === "string" || typeof entry[1] === "number");
  return Object.fromEntries(entries);
}
