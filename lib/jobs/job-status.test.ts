import { describe, expect, it } from "vitest";
import { canMove, isActive, isFinished, JOB_STATUSES, progressRatio } from "./job-status";

describe("job state machine", () => {
  it("allows exactly the documented moves", () => {
    const allowed = JOB_STATUSES.flatMap((from) => JOB_STATUSES.filter((to) => canMove(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual([
      "QUEUED→RUNNING", "QUEUED→CANCELED",
      "RUNNING→QUEUED", "RUNNING→SUCCEEDED", "RUNNING→FAILED", "RUNNING→CANCELED",
    ]);
  });

  it("tells active from finished", () => {
    expect(JOB_STATUSES.filter(isActive)).toEqual(["QUEUED", "RUNNING"]);
    expect(JOB_STATUSES.filter(isFinished)).toEqual(["SUCCEEDED", "FAILED", "CANCELED"]);
  });

  it("computes the progress ratio only when the total is known", () => {
    expect(progressRatio({ done: 5, total: 10 })).toBe(0.5);
    expect(progressRatio({ done: 12, total: 10 })).toBe(1);
    expect(progressRatio({ done: 5 })).toBeNull();
    expect(progressRatio({ total: 0, done: 0 })).toBeNull();
  });
});
