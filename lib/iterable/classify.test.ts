import { describe, expect, it } from "vitest";
import { classifyExchange } from "./classify";
import { parseRetryAfter } from "./retry-after";

const NOW = Date.parse("2026-11-29T12:00:00Z");
const json = (value: unknown) => JSON.stringify(value);

describe("classifyExchange", () => {
  it("judges success by HTTP status, whatever the body says", () => {
    expect(classifyExchange({ status: 200, bodyText: json({ code: "BadParams" }), nowMs: NOW })).toEqual({ kind: "ok" });
  });

  it("treats a 400 with code Success on a list call as list-not-found, not success", () => {
    const c = classifyExchange({ status: 400, bodyText: json({ msg: "Invalid list id: 7", code: "Success" }), listId: 7, nowMs: NOW });
    expect(c).toMatchObject({ kind: "listNotFound", retryable: false, code: "Success" });
  });

  it("recognises a list-missing message without code Success", () => {
    const c = classifyExchange({ status: 400, bodyText: json({ msg: "List 7 does not exist", code: "BadParams" }), listId: 7, nowMs: NOW });
    expect(c.kind).toBe("listNotFound");
  });

  it("keeps other 400s as bad requests", () => {
    const c = classifyExchange({ status: 400, bodyText: json({ msg: "Invalid JSON body", code: "BadJsonBody" }), listId: 7, nowMs: NOW });
    expect(c).toMatchObject({ kind: "badRequest", retryable: false, code: "BadJsonBody" });
  });

  it("understands a plain-text 429 and its Retry-After", () => {
    const c = classifyExchange({
      status: 429,
      bodyText: "Rate limit exceeded. Please try again later.",
      retryAfter: "3",
      nowMs: NOW,
    });
    expect(c).toEqual({
      kind: "rateLimited",
      retryable: true,
      message: "Rate limit exceeded. Please try again later.",
      retryAfterMs: 3000,
    });
  });

  it.each([
    [401, "badKey", false],
    [403, "forbidden", false],
    [404, "notFound", false],
    [409, "conflict", false],
    [500, "serverError", true],
    [502, "serverError", true],
    [503, "serverError", true],
    [504, "serverError", true],
    [501, "serverError", false],
    [422, "badRequest", false],
  ] as const)("HTTP %i → %s (retryable %s)", (status, kind, retryable) => {
    expect(classifyExchange({ status, bodyText: "", nowMs: NOW })).toMatchObject({ kind, retryable });
  });

  it("turns a 404 on a list call into list-not-found", () => {
    expect(classifyExchange({ status: 404, bodyText: "", listId: 9, nowMs: NOW }).kind).toBe("listNotFound");
  });

  it("extracts a short message from an HTML error page", () => {
    const c = classifyExchange({ status: 502, bodyText: "<html><title>502 Bad Gateway</title></html>", nowMs: NOW });
    expect(c).toMatchObject({ message: "502 Bad Gateway" });
  });
});

describe("parseRetryAfter", () => {
  it("reads delta-seconds", () => {
    expect(parseRetryAfter("2", NOW)).toBe(2000);
    expect(parseRetryAfter(" 0 ", NOW)).toBe(0);
  });
  it("reads an HTTP-date relative to now", () => {
    expect(parseRetryAfter(new Date(NOW + 5000).toUTCString(), NOW)).toBe(5000);
    expect(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
  });
  it("ignores missing or garbled values", () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter("", NOW)).toBeUndefined();
    expect(parseRetryAfter("soon", NOW)).toBeUndefined();
    expect(parseRetryAfter("-1", NOW)).toBeUndefined();
  });
});
