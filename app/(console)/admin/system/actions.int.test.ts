// Permission test for every Admin › System action and role.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/queue";
import { createTestUser, formData, resetDatabase } from "@/lib/testing/database";
import { refreshNowAction, saveScheduleAction } from "./actions";

const schedule = formData({ enabled: "on", frequency: "DAILY", timeZone: "UTC", times: "05:00" });
const ALLOWED: Record<Role, boolean> = { ADMINISTRATOR: true, CONTRIBUTOR: false, VIEWER: false };

describe("Admin › System actions: permissions", () => {
  beforeEach(resetDatabase);
  afterAll(stopBoss);

  for (const role of Object.keys(ALLOWED) as Role[]) {
    it(`saveSchedule and refreshNow as ${role}: ${ALLOWED[role] ? "allowed" : "refused"}`, async () => {
      const actor = await createTestUser(role);
      const saved = await saveScheduleAction.runAs(actor, schedule);
      const refreshed = await refreshNowAction.runAs(actor, formData({}));
      if (ALLOWED[role]) {
        expect([saved.status, refreshed.status]).toEqual(["ok", "ok"]);
        expect(await db().refreshSchedule.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ enabled: true, times: ["05:00"] });
        expect(await db().systemRefresh.count()).toBe(1);
      } else {
        for (const state of [saved, refreshed]) expect(state).toMatchObject({ status: "error", message: { key: "errors.notAllowed" } });
        expect(await db().refreshSchedule.count()).toBe(0);
        expect(await db().systemRefresh.count()).toBe(0);
      }
    });
  }

  it("keeps the form's choices and names the field on bad input", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    const state = await saveScheduleAction.runAs(admin, formData({ enabled: "on", frequency: "WEEKLY", timeZone: "Nowhere/Land", times: "7pm" }));
    expect(state.fieldErrors).toMatchObject({ timeZone: { key: "schedule.badTimeZone" }, times: { key: "schedule.badTime" }, weekdays: { key: "schedule.needWeekday" } });
  });
});
