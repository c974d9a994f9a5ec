import { describe, expect, it } from "vitest";
import { batchCount, etaSeconds, expectedSeconds, finishedStatus, guardrailBreaches, idBelow, inIdOrder, listPlanCounts, plannedRequests } from "./plan-math";

const clean = { rejectedInvalid: 0, rejectedForgotten: 0, rejectedConflict: 0, rejectedInvalidData: 0, rejectedNotFound: 0, unconfirmed: 0, listRecreated: false };

describe("plan math", () => {
  it("derives valid emails, duplicates and unchanged from the staging counts", () => {
    const counts = listPlanCounts(
      { members: 100, missingEmails: 10, invalidEmails: 5, uniqueEmails: 80 },
      { toAdd: 20, toUpdate: 5, toRemove: 3, acknowledgedBefore: 58 },
    );
    expect(counts).toMatchObject({ validEmails: 85, duplicates: 5, unchanged: 55 });
  });

  it("does not count rows a resumed run already settled as unchanged", () => {
    const counts = listPlanCounts({ members: 10, missingEmails: 0, invalidEmails: 0, uniqueEmails: 10 }, { toAdd: 4, toUpdate: 0, toRemove: 0, acknowledgedBefore: 6, settledBySubscribe: 6 });
    expect(counts.unchanged).toBe(0);
  });

  it("breaches the guardrail only above the share, and never on an empty list", () => {
    const lists = [
      { exportListId: "a", toRemove: 50, acknowledgedBefore: 100 },
      { exportListId: "b", toRemove: 51, acknowledgedBefore: 100 },
      { exportListId: "c", toRemove: 0, acknowledgedBefore: 0 },
    ];
    expect(guardrailBreaches(lists, 0.5).map((b) => b.exportListId)).toEqual(["b"]);
    expect(guardrailBreaches(lists, 0)).toHaveLength(2);
    expect(guardrailBreaches(lists, 1)).toEqual([]);
  });

  it("counts requests in batches, subscribes and unsubscribes apart", () => {
    expect(batchCount(0, 1000)).toBe(0);
    expect(batchCount(1000, 1000)).toBe(1);
    expect(batchCount(1001, 1000)).toBe(2);
    expect(() => batchCount(1, 0)).toThrow();
    expect(plannedRequests([{ toAdd: 1500, toUpdate: 500, toRemove: 1 }, { toAdd: 0, toUpdate: 0, toRemove: 0 }], 1000)).toBe(3);
  });

  it("estimates time at the connection's rate, and the ETA from progress", () => {
    expect(expectedSeconds(1000, 10)).toBe(100);
    expect(() => expectedSeconds(1, 0)).toThrow();
    expect(etaSeconds(250, 1000, 5)).toBe(15);
    expect(etaSeconds(0, 1000, 5)).toBeNull();
    expect(etaSeconds(1000, 1000, 5)).toBe(0);
  });

  it("labels a run with refusals, unconfirmed rows or a recreated list as succeeded with warnings", () => {
    expect(finishedStatus([clean])).toBe("SUCCEEDED");
    expect(finishedStatus([clean, { ...clean, rejectedForgotten: 1 }])).toBe("SUCCEEDED_WITH_WARNINGS");
    expect(finishedStatus([{ ...clean, listRecreated: true }])).toBe("SUCCEEDED_WITH_WARNINGS");
    expect(finishedStatus([{ ...clean, unconfirmed: 2 }])).toBe("SUCCEEDED_WITH_WARNINGS");
  });

  it("orders bigint ids given as text like the numbers, negative ones included", () => {
    const ids = ["-9223372036854775808", "-100", "-99", "-1", "0", "1", "9", "10", "99", "100", "9223372036854775807"];
    for (const a of ids) for (const b of ids) expect(idBelow(a, b), `${a} < ${b}`).toBe(BigInt(a) < BigInt(b));
  });

  it("sorts rows by id only when they are out of order", () => {
    const sorted = [["a", "2"], ["b", "10"], ["c", "11"]];
    expect(inIdOrder(sorted, 1)).toBe(sorted);
    expect(inIdOrder([["c", "11"], ["a", "2"], ["d", "-5"], ["b", "10"]], 1).map((r) => r[1])).toEqual(["-5", "2", "10", "11"]);
  });
});
