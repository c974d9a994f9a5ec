import { describe, expect, it } from "vitest";
import {
  IterableBadKeyError, IterableBadRequestError, IterableForbiddenError, IterableNetworkError, IterableRateLimitedError, IterableServerError,
} from "@/lib/iterable";
import { CATALOGS } from "@/lib/i18n/messages";
import { describeRunFailure, runErrorText } from "./run-errors";
import { ExportTargetError } from "./target";

const details = { endpoint: "POST /api/lists/subscribe", attempts: 5, retryable: true };

describe("a failed run's error: a message key with parameters, shown in the reader's language", () => {
  it.each([
    [new IterableBadKeyError("badKey", "401", { ...details, status: 401 }), "exports.run.error.badKey", null],
    [new IterableForbiddenError("forbidden", "403", { ...details, status: 403 }), "exports.run.error.forbidden", null],
    [new IterableRateLimitedError("429", { ...details, status: 429 }), "exports.run.error.rateLimited", { attempts: 5, endpoint: details.endpoint }],
    [new IterableServerError("serverError", "503", { ...details, status: 503 }), "exports.run.error.serverError", { attempts: 5, endpoint: details.endpoint, status: 503 }],
    [new IterableNetworkError("timeout", "slow", details), "exports.run.error.timeout", { attempts: 5, endpoint: details.endpoint }],
    [new IterableNetworkError("network", "refused", details), "exports.run.error.unreachable", { attempts: 5, endpoint: details.endpoint }],
    [new IterableBadRequestError("badRequest", "Invalid list id", { ...details, status: 400 }), "exports.run.error.iterable", { detail: "Invalid list id", endpoint: details.endpoint }],
    [new Error("boom"), "errors.generic", null],
  ])("%s → %s", (error, key, params) => {
    expect(describeRunFailure(error)).toEqual({ errorKey: key, errorParams: params, status: "FAILED" });
  });

  it("a connection that cannot be used skips the run with its own key", () => {
    expect(describeRunFailure(new ExportTargetError("exports.run.error.needsExportUser", "skipped"))).toEqual({ errorKey: "exports.run.error.needsExportUser", errorParams: null, status: "SKIPPED" });
  });

  it("renders in English (CLI) and Spanish (UI) with every parameter filled", () => {
    const run = describeRunFailure(new IterableServerError("serverError", "503", { ...details, status: 503 }));
    expect(runErrorText(run)).toBe("Iterable kept answering HTTP 503 after 5 attempts (POST /api/lists/subscribe). What Iterable acknowledged before is kept; run it again later.");
    expect(runErrorText(run, "es")).toBe("Iterable siguió respondiendo HTTP 503 tras 5 intentos (POST /api/lists/subscribe). Se conserva lo que Iterable ya confirmó; vuelva a ejecutarla más tarde.");
    expect(runErrorText({ errorKey: null, errorParams: null })).toBeNull();
    expect(runErrorText({ errorKey: "no.such.key", errorParams: null }, "es")).toBe(CATALOGS.es["errors.generic"]);
  });

  it("every run error key has the same placeholders in English and Spanish", () => {
    const keys = Object.keys(CATALOGS.en).filter((key) => key.startsWith("exports.run.error.")) as (keyof typeof CATALOGS.en)[];
    expect(keys.length).toBeGreaterThan(8);
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of keys) expect(placeholders(CATALOGS.es[key]), key).toEqual(placeholders(CATALOGS.en[key]));
  });
});
