// How a failed run is explained to the user: a message key (translated in the UI) and a plain
// English detail built from Iterable's answer (the client already strips the key from it).
import {
  IterableBadKeyError,
  IterableError,
  IterableForbiddenError,
  IterableNetworkError,
  IterableRateLimitedError,
  IterableServerError,
} from "@/lib/iterable";
import type { MessageKey } from "@/lib/i18n/messages";
import { ExportTargetError } from "./target";

export type RunFailure = { errorKey: MessageKey; errorMessage: string; status: "FAILED" | "SKIPPED" };

export function describeRunFailure(error: unknown): RunFailure {
  const kept = "What Iterable acknowledged before is kept.";
  if (error instanceof ExportTargetError) {
    return { errorKey: "exports.run.error.connection", errorMessage: error.message, status: error.outcome === "skipped" ? "SKIPPED" : "FAILED" };
  }
  if (error instanceof IterableBadKeyError) {
    return {
      errorKey: "exports.run.error.badKey",
      errorMessage: `Iterable refused the API key (HTTP 401): it is wrong, was revoked, or belongs to the other data center. ${kept}`,
      status: "FAILED",
    };
  }
  if (error instanceof IterableForbiddenError) {
    return {
      errorKey: "exports.run.error.forbidden",
      errorMessage: `Iterable refused the request (HTTP 403): the API key may not write lists (a read-only or client-side key). ${kept}`,
      status: "FAILED",
    };
  }
  if (error instanceof IterableRateLimitedError || error instanceof IterableServerError || error instanceof IterableNetworkError) {
    const what = error instanceof IterableRateLimitedError ? "kept rate-limiting" : error instanceof IterableNetworkError ? (error.timedOut ? "did not answer in time" : "could not be reached") : `kept answering HTTP ${error.status ?? "5xx"}`;
    return {
      errorKey: "exports.run.error.unavailable",
      errorMessage: `Iterable ${what} after ${error.attempts} attempts (${error.endpoint}). ${kept} Run it again later.`,
      status: "FAILED",
    };
  }
  if (error instanceof IterableError) {
    return { errorKey: "exports.run.error.iterable", errorMessage: `Iterable answered: ${error.message} (${error.endpoint}). ${kept}`, status: "FAILED" };
  }
  return { errorKey: "errors.generic", errorMessage: "Something went wrong while running the export.", status: "FAILED" };
}
