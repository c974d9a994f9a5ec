"use server";
// Admin › System mutations: the refresh schedule and "Refresh now".
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { requestRefreshNow, saveSchedule } from "@/lib/schedule/schedule";
import { scheduleSchema } from "@/lib/schedule/schemas";

const SYSTEM_PAGE = "/admin/system";

export const saveScheduleAction = defineAction({
  name: "schedule.save",
  schema: scheduleSchema,
  permission: "system:manage",
  run: (input, actor) => saveSchedule(actor, input),
  success: () => ({ key: "schedule.saved" }),
  revalidate: [SYSTEM_PAGE],
});

export const refreshNowAction = defineAction({
  name: "refresh.now",
  schema: z.object({}),
  permission: "system:manage",
  run: (_input, actor) => requestRefreshNow(actor),
  success: () => ({ key: "refresh.started" }),
  revalidate: [SYSTEM_PAGE],
});
