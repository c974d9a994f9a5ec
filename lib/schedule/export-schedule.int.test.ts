import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { waitForRun } from "@/lib/export-engine/runs";
import { exportsRefreshStep } from "@/lib/export-engine/system-refresh-step";
import { addProfiles, createSegment, newExport, startEngineFixture, type EngineFixture } from "@/lib/export-engine/testing/engine-fixture";
import { resetDatabase } from "@/lib/testing/database";
import { ownScheduleOf, startDueExportRuns } from "./export-schedule";

let fx: EngineFixture;
const at = (iso: string) => new Date(iso);
const mondaysAt0630Madrid = { frequency: "WEEKLY", weekdays: [1], timeZone: "Europe/Madrid", times: ["06:30", "18:00"] };

describe("exports with a schedule of their own", () => {
  beforeAll(async () => {
    await resetDatabase();
    fx = await startEngineFixture();
  });
  afterAll(async () => fx.stop());
  beforeEach(async () => {
    fx.sandbox.control.reset();
    await db().export.deleteMany({});
  });

  async function exports() {
    const ids = await addProfiles([{ email: "ana@example.com" }, { email: "luis@example.com" }]);
    const segmentId = await createSegment(`Own ${Math.random().toString(36).slice(2, 8)}`, ids);
    const own = await newExport(fx, [segmentId], { scheduleKind: "OWN", schedule: mondaysAt0630Madrid });
    const system = await newExport(fx, [segmentId]);
    return { own, system };
  }

  it("starts a due slot once however many workers check at the same moment, and the run sends", async () => {
    const { own, system } = await exports();
    // Monday 30 November 2026, 06:30 in Madrid (UTC+1) is 05:30 UTC; the check comes 2 minutes late.
    const now = at("2026-11-30T05:32:00Z");
    const started = (await Promise.all([1, 2, 3, 4].map(() => startDueExportRuns(now)))).flat();
    expect(started).toEqual([{ exportId: own.id, runId: expect.any(String), scheduledFor: at("2026-11-30T05:30:00Z") }]);
    expect(await startDueExportRuns(at("2026-11-30T05:36:00Z"))).toEqual([]);
    const slots = await db().exportScheduledSlot.findMany({});
    expect(slots).toEqual([expect.objectContaining({ exportId: own.id, scheduledFor: at("2026-11-30T05:30:00Z"), runId: started[0]!.runId })]);
    const run = await waitForRun(started[0]!.runId, { timeoutMs: 20_000, pollMs: 50 });
    expect(run).toMatchObject({ trigger: "SCHEDULED", requestedById: null, status: "SUCCEEDED" });
    expect(run.lists[0]).toMatchObject({ added: 2 });
    // The export on the system schedule was not started by the export scheduler.
    expect(await db().exportRun.count({ where: { exportId: system.id } })).toBe(0);
  });

  it("keeps to its days, times and time zone", async () => {
    await exports();
    expect(await startDueExportRuns(at("2026-11-30T05:29:00Z"))).toEqual([]); // Monday, a minute early
    expect(await startDueExportRuns(at("2026-12-01T05:31:00Z"))).toEqual([]); // Tuesday
    expect(await startDueExportRuns(at("2026-11-30T05:50:00Z"))).toEqual([]); // past the grace period
    expect(await startDueExportRuns(at("2026-11-30T17:01:00Z"))).toHaveLength(1); // 18:00 in Madrid
  });

  it("leaves the system refresh to the exports on the system schedule", async () => {
    const { own, system } = await exports();
    const { summary } = await exportsRefreshStep.run({ refreshId: "test", signal: new AbortController().signal, trigger: "SCHEDULED" });
    const runs = (summary.runs as { exportId: string; exportName: string }[]);
    expect(runs.map((run) => run.exportId)).toEqual([system.id]);
    expect(runs[0]!.exportName).toBe(system.name);
    expect(await db().exportRun.count({ where: { exportId: own.id } })).toBe(0);
    await waitForRun((await db().exportRun.findFirstOrThrow({ where: { exportId: system.id } })).id, { timeoutMs: 20_000, pollMs: 50 });
  });

  it("reads back only a well-formed stored schedule", () => {
    expect(ownScheduleOf(mondaysAt0630Madrid)).toEqual({ enabled: true, ...mondaysAt0630Madrid });
    expect(ownScheduleOf(null)).toBeNull();
    expect(ownScheduleOf({ cron: "* * * * *" })).toBeNull();
  });
});
