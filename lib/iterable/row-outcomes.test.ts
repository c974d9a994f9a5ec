import { describe, expect, it } from "vitest";
import { rowDisposition, summarizeRows } from "./row-outcomes";

describe("summarizeRows", () => {
  it("gives every email sent exactly one outcome from failedUpdates", () => {
    const sent = ["ok@example.com", "Bad@@x", "gone@example.com", "nope@example.com", "clash@example.com", "data@example.com"];
    const summary = summarizeRows(sent, {
      successCount: 1,
      failCount: 5,
      failedUpdates: {
        invalidEmails: ["Bad@@x"],
        forgottenEmails: ["gone@example.com"],
        notFoundEmails: ["nope@example.com"],
        conflictEmails: ["clash@example.com"],
        invalidDataEmails: ["data@example.com"],
      },
    });
    expect(summary.rows.map((r) => r.outcome)).toEqual(["accepted", "invalid", "forgotten", "notFound", "conflict", "invalidData"]);
    expect(summary.counts).toEqual({ accepted: 1, invalid: 1, forgotten: 1, notFound: 1, conflict: 1, invalidData: 1 });
    expect(summary.unexplainedFailCount).toBe(0);
    expect(summary.unmatched).toEqual([]);
  });

  it("accepts the deprecated top-level invalidEmails shape", () => {
    const summary = summarizeRows(["a@example.com", "b@nowhere"], { successCount: 1, failCount: 1, invalidEmails: ["b@nowhere"] });
    expect(summary.rows).toEqual([
      { email: "a@example.com", outcome: "accepted" },
      { email: "b@nowhere", outcome: "invalid" },
    ]);
  });

  it("matches Iterable's lowercased echo to the email as sent", () => {
    const summary = summarizeRows(["Ada@Example.com"], { successCount: 0, failCount: 1, failedUpdates: { forgottenEmails: ["ada@example.com"] } });
    expect(summary.rows[0]).toEqual({ email: "Ada@Example.com", outcome: "forgotten" });
  });

  it("prefers the most final outcome when an email is named twice", () => {
    const summary = summarizeRows(["x@example.com"], {
      successCount: 0,
      failCount: 1,
      failedUpdates: { notFoundEmails: ["x@example.com"], forgottenEmails: ["x@example.com"] },
    });
    expect(summary.rows[0]?.outcome).toBe("forgotten");
  });

  it("accepts every row when nothing is named, and counts unnamed failures as unexplained", () => {
    const sent = ["a@example.com", "B@example.com"];
    const clean = summarizeRows(sent, { successCount: 2, failCount: 0, failedUpdates: {} });
    expect(clean.rows).toEqual([
      { email: "a@example.com", outcome: "accepted" },
      { email: "B@example.com", outcome: "accepted" },
    ]);
    expect(clean.counts).toEqual({ accepted: 2, invalid: 0, forgotten: 0, notFound: 0, conflict: 0, invalidData: 0 });
    expect(clean).toMatchObject({ unexplainedFailCount: 0, unmatched: [] });
    expect(summarizeRows(sent, { successCount: 0, failCount: 2, createdFields: ["tier"] })).toMatchObject({
      unexplainedFailCount: 2,
      createdFields: ["tier"],
    });
  });

  it("reports failures Iterable counted but did not name, and names it did not get", () => {
    const summary = summarizeRows(["a@example.com", "b@example.com"], {
      successCount: 1,
      failCount: 2,
      failedUpdates: { invalidEmails: ["b@example.com", "stranger@example.com"] },
    });
    expect(summary.unexplainedFailCount).toBe(1);
    expect(summary.unmatched).toEqual(["stranger@example.com"]);
  });
});

describe("rowDisposition", () => {
  it("counts notFound as done on unsubscribe only", () => {
    expect(rowDisposition("unsubscribe", "notFound")).toBe("done");
    expect(rowDisposition("subscribe", "notFound")).toBe("rejected");
    expect(rowDisposition("subscribe", "accepted")).toBe("done");
    expect(rowDisposition("bulkUpdate", "forgotten")).toBe("rejected");
  });
});
