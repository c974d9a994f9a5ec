import { describe, expect, it } from "vitest";
import type { BulkWriteResult, RowOutcome } from "@/lib/iterable";
import { subscribeOutcome, unsubscribeOutcome } from "./batch-commit";

function answer(outcomes: [string, RowOutcome][], unexplainedFailCount = 0): BulkWriteResult {
  const counts = { accepted: 0, invalid: 0, forgotten: 0, notFound: 0, conflict: 0, invalidData: 0 };
  for (const [, o] of outcomes) counts[o] += 1;
  return { successCount: counts.accepted, failCount: outcomes.length - counts.accepted, rows: outcomes.map(([email, outcome]) => ({ email, outcome })), counts, unexplainedFailCount, unmatched: [], attempts: 1 };
}
const row = (email: string, isNew = true) => ({ email, state: `h:${email}`, isNew });
const columns = (rows: ReturnType<typeof row>[]) => ({ emails: rows.map((r) => r.email), states: rows.map((r) => r.state), isNew: rows.map((r) => r.isNew) });

describe("batch outcomes", () => {
  it("acknowledges accepted subscribes and rejects every named failure with its reason", () => {
    const rows = [row("a@x.com"), row("b@x.com", false), row("c@x.com"), row("d@x.com"), row("e@x.com"), row("f@x.com"), row("g@x.com")];
    const outcome = subscribeOutcome(columns(rows), answer([["a@x.com", "accepted"], ["b@x.com", "accepted"], ["c@x.com", "invalid"], ["d@x.com", "forgotten"], ["e@x.com", "conflict"], ["f@x.com", "invalidData"], ["g@x.com", "notFound"]]));
    expect(outcome.acknowledge).toEqual({ emails: ["a@x.com", "b@x.com"], states: ["h:a@x.com", "h:b@x.com"] });
    expect(outcome.tally).toMatchObject({ added: 1, updated: 1, rejected: { invalid: 1, forgotten: 1, conflict: 1, invalidData: 1, notFound: 1 } });
    expect(outcome.rejections.map((r) => r.reason)).toEqual(["invalid", "forgotten", "conflict", "invalidData", "notFound"]);
  });

  it("trusts no accepted row when Iterable counted failures it did not name", () => {
    const outcome = subscribeOutcome(columns([row("a@x.com"), row("b@x.com")]), answer([["a@x.com", "accepted"], ["b@x.com", "accepted"]], 1));
    expect(outcome.acknowledge).toEqual({ emails: [], states: [] });
    expect(outcome.tally.unconfirmed).toBe(2);
  });

  it("acknowledges a batch Iterable accepted whole as it was sent, counting new and updated rows", () => {
    const outcome = subscribeOutcome(columns([row("a@x.com"), row("b@x.com", false), row("c@x.com")]), answer([["a@x.com", "accepted"], ["b@x.com", "accepted"], ["c@x.com", "accepted"]]));
    expect(outcome.acknowledge).toEqual({ emails: ["a@x.com", "b@x.com", "c@x.com"], states: ["h:a@x.com", "h:b@x.com", "h:c@x.com"] });
    expect(outcome.tally).toMatchObject({ added: 2, updated: 1, unconfirmed: 0 });
    expect(outcome.rejections).toEqual([]);
  });

  it("treats notFound on unsubscribe as done and forgets forgotten people, keeping other refusals acknowledged", () => {
    const outcome = unsubscribeOutcome(
      [{ email: "a@x.com" }, { email: "b@x.com" }, { email: "c@x.com" }, { email: "d@x.com" }],
      answer([["a@x.com", "accepted"], ["b@x.com", "notFound"], ["c@x.com", "forgotten"], ["d@x.com", "conflict"]]),
    );
    expect(outcome.forget).toEqual(["a@x.com", "b@x.com", "c@x.com"]);
    expect(outcome.tally).toMatchObject({ removed: 2, rejected: { forgotten: 1, conflict: 1, notFound: 0 } });
  });
});
