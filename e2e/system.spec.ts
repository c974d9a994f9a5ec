import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

test.describe.serial("Admin › System", () => {
  test("the administrator sets a weekly schedule; it is kept and the next refresh is shown", async ({ page }) => {
    await signInAs(page, "ADMINISTRATOR");
    await page.goto("/admin/system");
    await expect(page.getByTestId("next-refresh")).toContainText("off");
    const form = page.getByTestId("schedule-form");
    await form.getByLabel("On", { exact: true }).check();
    await form.getByLabel("On the days chosen").check();
    await form.getByLabel("Monday").uncheck();
    await form.getByRole("button", { name: "Save schedule" }).click();
    await expect(page.getByTestId("schedule-message")).toHaveText("Check the highlighted fields.");
    await expect(form.locator("#weekdays-error")).toHaveText("Choose at least one day.");
    await expect(form.getByLabel("On the days chosen")).toBeChecked();

    await form.getByLabel("Wednesday").check();
    await form.getByLabel("Saturday").check();
    await form.getByLabel("Time zone").selectOption("Europe/Madrid");
    await form.getByLabel("Time 1").fill("06:30");
    await form.getByLabel("Time 2").fill("18:00");
    await form.getByRole("button", { name: "Save schedule" }).click();
    await expect(page.getByTestId("schedule-message")).toHaveText("Schedule saved.");
    await page.reload();
    await expect(page.getByTestId("next-refresh")).toContainText("Europe/Madrid");
    await expect(page.getByTestId("next-refresh")).toContainText(/Wednesday|Saturday/);
    await expect(form.getByLabel("Saturday")).toBeChecked();
    await expect(form.getByLabel("Time 2")).toHaveValue("18:00");
  });

  test("Refresh now starts a refresh that reaches its end in the history", async ({ page }) => {
    await signInAs(page, "ADMINISTRATOR");
    await page.goto("/admin/system?tab=status");
    await page.getByRole("button", { name: "Refresh now" }).click();
    await expect(page.getByTestId("refresh-message")).toHaveText("Refresh started.");
    const row = page.getByTestId("refresh-row").first();
    await expect(row).toContainText("Refresh now, by Ada Admin");
    await expect(row.getByTestId("refresh-status")).toHaveText("Succeeded", { timeout: 30_000 });
  });
});
