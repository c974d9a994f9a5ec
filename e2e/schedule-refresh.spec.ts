// Scheduled refreshes in the browser, on the real clock: the administrator sets the system
// refresh a moment ahead (the next whole minute) and an export's own schedule to the same
// minute; each worker's scheduler (every 15 s) starts them. The refresh recomputes the dynamic
// segments, then runs the exports that follow the system schedule, and Admin › System › Status
// shows it with the runs it started; the own-schedule export runs on its own.
import type { Page } from "@playwright/test";
import { signInAs } from "./helpers";
import { seriousViolations } from "./support/axe";
import { addExportUserAndSave, connect, wizardToConnect } from "./support/connections";
import { createExportViaForm, createStaticSegment, customerIds, query, saveExportForm } from "./support/export-flows";
import { expect, test } from "./support/leak-watch";
import { readSandboxes } from "./support/run-files";

const CONNECTION = "Schedule EU (e2e)";
const SYSTEM_EXPORT = "Follows the system refresh (e2e)";
const OWN_EXPORT = "Own schedule (e2e)";
const SEGMENT = "Spain gold tier"; // a dynamic demo segment

/** "HH:MM" in UTC of the next whole minute at least 20 s away. */
function nextMinuteUtc(): { time: string; at: Date } {
  const at = new Date(Date.now() + 20_000);
  at.setUTCSeconds(0, 0);
  at.setUTCMinutes(at.getUTCMinutes() + 1);
  return { time: `${String(at.getUTCHours()).padStart(2, "0")}:${String(at.getUTCMinutes()).padStart(2, "0")}`, at };
}

async function setSystemSchedule(page: Page, on: boolean, time?: string) {
  await page.goto("/admin/system?tab=schedule");
  const form = page.getByTestId("schedule-form");
  await form.getByLabel(on ? "On" : "Off", { exact: true }).check();
  if (time) {
    await form.getByLabel("Every day").check();
    await form.getByLabel("Time zone").selectOption("UTC");
    await form.getByLabel("Time 1").fill(time);
    for (const n of [2, 3, 4]) await form.getByLabel(`Time ${n}`).fill("");
  }
  await form.getByRole("button", { name: "Save schedule" }).click();
  await expect(page.getByTestId("schedule-message")).toHaveText("Schedule saved.");
}

test.describe.serial("Scheduled refresh", () => {
  test.afterAll(async () => {
    // Later specs expect the system refresh off, as a fresh install has it.
    await query("UPDATE refresh_schedule SET enabled = false WHERE id = 1");
  });

  test("a scheduled refresh fires, runs segments before exports, and shows in Status with its runs; an own schedule fires too", async ({ page }) => {
    test.setTimeout(240_000);
    const sandboxes = readSandboxes();
    await signInAs(page, "ADMINISTRATOR");
    await wizardToConnect(page, CONNECTION);
    await connect(page, { key: sandboxes.eu.key, region: "SANDBOX", baseUrl: sandboxes.eu.url });
    await addExportUserAndSave(page);
    await createStaticSegment(page, "Own schedule segment (e2e)", customerIds(1001, 1012));
    const systemExportId = await createExportViaForm(page, { name: SYSTEM_EXPORT, connection: CONNECTION, segments: [SEGMENT] });
    await expect(page.getByTestId("export-schedule")).toHaveText("System refresh");

    const { time, at } = nextMinuteUtc();
    await page.goto("/exports/new");
    await page.getByLabel("Connection").selectOption({ label: `${CONNECTION} (ITERABLE)` });
    await page.getByLabel("2. Display name").fill(OWN_EXPORT);
    await page.getByLabel("Email", { exact: true }).selectOption("email");
    await page.getByRole("checkbox", { name: /^Own schedule segment \(e2e\)/ }).check();
    await page.getByLabel("On its own schedule").check();
    const own = page.getByTestId("export-schedule-fields");
    await own.getByLabel("On the days chosen").check();
    await own.getByLabel("Monday").uncheck();
    await own.getByLabel("Time 1").fill(time);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    // Weekly with no day: the schedule's own message, and the choices stay.
    await expect(page.locator("#scheduleWeekdays-error")).toHaveText("Choose at least one day.");
    await expect(own.getByLabel("Time 1")).toHaveValue(time);
    expect(await seriousViolations(page)).toEqual([]);
    await own.getByLabel("Every day").check();
    await own.getByLabel("Time zone").selectOption("UTC");
    const ownExportId = await saveExportForm(page, OWN_EXPORT);
    await expect(page.getByTestId("export-schedule")).toContainText(`Own schedule`);
    await expect(page.getByTestId("export-schedule")).toContainText(`Every day at ${time} (UTC)`);
    // Edit keeps it.
    await page.goto(`/exports/${ownExportId}/edit`);
    await expect(page.getByLabel("On its own schedule")).toBeChecked();
    await expect(page.getByTestId("export-schedule-fields").getByLabel("Time 1")).toHaveValue(time);

    await setSystemSchedule(page, true, time);
    await expect(page.getByTestId("next-refresh")).toContainText("(UTC)");

    await page.goto("/admin/system?tab=status");
    const row = page.getByTestId("refresh-row").filter({ hasText: "Scheduled" }).first();
    // The slot is at most ~80 s away; the scheduler checks every 15 s; reload while waiting (the
    // tab polls only while a refresh it already shows is running).
    await expect(async () => {
      await page.reload();
      await expect(row.getByTestId("refresh-status")).toHaveText("Succeeded", { timeout: 2_000 });
    }).toPass({ timeout: 150_000, intervals: [5_000] });
    const steps = row.getByTestId("refresh-summary").locator("ol > li");
    await expect(steps.nth(0)).toHaveAttribute("data-testid", "refresh-step-segments");
    await expect(steps.nth(1)).toHaveAttribute("data-testid", "refresh-step-exports");
    await expect(row.getByTestId("refresh-step-segments")).toContainText(/Segments refreshed: [1-9]/);
    const started = row.getByTestId("refresh-run").filter({ hasText: SYSTEM_EXPORT });
    await expect(started).toContainText(`${SYSTEM_EXPORT}: Succeeded`, { timeout: 60_000 });
    // The own-schedule export is not one of the refresh's runs.
    await expect(row.getByTestId("refresh-step-exports")).not.toContainText(OWN_EXPORT);
    expect(await seriousViolations(page)).toEqual([]);

    // Segments first: the dynamic segment was recomputed by this refresh before the export's run was asked for.
    const [timing] = await query<{ refreshed: Date; requested: Date }>(
      `SELECT s.last_refreshed_at AS refreshed, r.created_at AS requested
         FROM segments s, export_runs r WHERE s.name = $1 AND r.export_id = $2::uuid AND r.trigger = 'SCHEDULED'`,
      [SEGMENT, systemExportId],
    );
    expect(timing!.refreshed.getTime()).toBeGreaterThanOrEqual(at.getTime());
    expect(timing!.refreshed.getTime()).toBeLessThanOrEqual(timing!.requested.getTime());

    await started.getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(SYSTEM_EXPORT);
    await expect(page.getByTestId("run-row").first()).toContainText("Schedule");
    await expect(page.getByTestId("run-row").first()).toContainText("System");

    await page.goto(`/exports/${ownExportId}`);
    await expect(page.getByTestId("run-status").first()).toHaveText("Succeeded", { timeout: 60_000 });
    await expect(page.getByTestId("run-row")).toHaveCount(1);
    await expect(page.getByTestId("run-row").first()).toContainText("Schedule");
    await expect(page.getByTestId("run-counts").first()).toContainText("Own schedule segment (e2e): 12 members, 12 added");

    await setSystemSchedule(page, false);
    await expect(page.getByTestId("next-refresh")).toContainText("off");
  });
});
