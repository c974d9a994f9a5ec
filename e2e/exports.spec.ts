// Data › Exports in the browser against the sandbox: an administrator shares a connection, a
// contributor sets up an export on it, saves (nothing runs), runs it now, watches the run end and
// reads the counts in the history; a viewer sees exports and runs but cannot run or edit.
import type { Page } from "@playwright/test";
import { signInAs, type DemoRole } from "./helpers";
import { seriousViolations } from "./support/axe";
import { addExportUserAndSave, connect, wizardToConnect } from "./support/connections";
import { expect, test } from "./support/leak-watch";
import { readSandboxes } from "./support/run-files";

const CONNECTION = "Shared for exports";
const EXPORT = "VIP to Iterable (e2e)";

async function switchTo(page: Page, role: DemoRole) {
  await page.context().clearCookies();
  await signInAs(page, role);
}

test.describe.serial("Data › Exports", () => {
  test("a contributor sets up an export on a shared connection, saves, runs it now and reads the counts", async ({ page }) => {
    test.setTimeout(120_000);
    const sandboxes = readSandboxes();
    await signInAs(page, "ADMINISTRATOR");
    await wizardToConnect(page, CONNECTION, "Administrators and contributors");
    await connect(page, { key: sandboxes.us.key, region: "SANDBOX", baseUrl: sandboxes.us.url });
    await addExportUserAndSave(page);

    await switchTo(page, "CONTRIBUTOR");
    await page.goto("/exports");
    await expect(page.getByText("No exports yet.")).toBeVisible();
    await page.getByRole("link", { name: "Add export" }).click();
    await expect(page.getByText("Each segment becomes an Iterable list with exactly the segment's name.")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // Nothing chosen: the shared schema's messages, and what was typed stays.
    await page.getByLabel("2. Display name").fill(EXPORT);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.locator("#segmentIds-error")).toHaveText("Choose at least one segment.");
    await expect(page.getByLabel("2. Display name")).toHaveValue(EXPORT);

    await page.getByLabel("Connection").selectOption({ label: `${CONNECTION} (ITERABLE)` });
    await page.getByLabel("Email", { exact: true }).selectOption("email");
    await page.getByRole("checkbox", { name: /^VIP list/ }).check();
    await expect(page.getByText("Save does not run the export")).toBeVisible();
    await page.getByRole("button", { name: "Save", exact: true }).click();

    await expect(page.getByRole("heading", { level: 1 })).toHaveText(EXPORT);
    await expect(page.getByTestId("export-history-empty")).toHaveText("Nothing has run yet.");
    await expect(page.getByTestId("export-lists")).toContainText("Created on the first run");
    expect(await seriousViolations(page)).toEqual([]);

    // Dry run: the plan, nothing sent.
    await page.getByTestId("dry-run").click();
    await expect(page.getByTestId("dry-run-plan")).toContainText("50 members, 50 with a valid email: 50 to add, 0 to update, 0 to remove, 0 unchanged.");
    await expect(page.getByTestId("dry-run-plan")).toContainText(/requests to Iterable, about \d+ s\./);
    await expect(page.getByTestId("export-history-empty")).toBeVisible();

    await page.getByTestId("run-now").click();
    await expect(page.getByTestId("run-status").first()).toHaveText("Succeeded", { timeout: 60_000 });
    await expect(page.getByTestId("active-run")).toHaveCount(0);
    await expect(page.getByTestId("run-counts").first()).toContainText("VIP list: 50 members, 50 added, 0 updated, 0 removed, 0 unchanged");
    await expect(page.getByTestId("run-row").first()).toContainText("Run now");
    await expect(page.getByTestId("export-lists")).not.toContainText("Created on the first run");

    await page.goto("/exports");
    const row = page.getByTestId(`export-row-${EXPORT}`);
    await expect(row).toContainText(CONNECTION);
    await expect(row).toContainText("VIP list");
    await expect(row).toContainText("Succeeded");
    await expect(row).toContainText("System refresh");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("a contributor edits the export and clicks Save and run now: a second run sends nothing new", async ({ page }) => {
    await signInAs(page, "CONTRIBUTOR");
    await page.goto("/exports");
    await page.getByRole("link", { name: `Edit, ${EXPORT}` }).click();
    await expect(page.getByLabel("2. Display name")).toHaveValue(EXPORT);
    await expect(page.getByRole("checkbox", { name: /^VIP list/ })).toBeChecked();
    await page.getByRole("button", { name: "Save and run now" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(EXPORT);
    await expect(page.getByTestId("run-row")).toHaveCount(2);
    await expect(page.getByTestId("run-status").first()).toHaveText("Succeeded", { timeout: 60_000 });
    await expect(page.getByTestId("run-counts").first()).toContainText("VIP list: 50 members, 0 added, 0 updated, 0 removed, 50 unchanged");
  });

  test("a viewer sees exports and runs but cannot run or change them, and the server refuses", async ({ page }) => {
    await signInAs(page, "VIEWER");
    await page.goto("/exports");
    const row = page.getByTestId(`export-row-${EXPORT}`);
    await expect(row).toContainText("Succeeded");
    await expect(page.getByRole("link", { name: "Add export" })).toHaveCount(0);
    await expect(row.getByRole("button")).toHaveCount(0);
    await expect(row.getByRole("link", { name: /Edit/ })).toHaveCount(0);
    await row.getByRole("link", { name: EXPORT }).click();
    await expect(page.getByTestId("export-history")).toContainText("VIP list: 50 members");
    await expect(page.getByTestId("run-now")).toHaveCount(0);
    await expect(page.getByTestId("dry-run")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
    const exportId = /\/exports\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const dryRun = await page.request.get(`/api/exports/${exportId}/dry-run`);
    expect(dryRun.status()).toBe(403);
    for (const path of ["/exports/new", `/exports/${exportId}/edit`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }
  });

  test("a failed run's error is shown in the reader's language", async ({ page }) => {
    test.setTimeout(90_000);
    const { us } = readSandboxes();
    const sandboxKey = async (action: "revoke" | "restore") =>
      expect((await fetch(`${us.url}/_sandbox/keys/${action}`, { method: "POST", body: JSON.stringify({ apiKey: us.key }) })).ok).toBe(true);
    await signInAs(page, "CONTRIBUTOR");
    await page.goto("/exports");
    await page.getByTestId(`export-row-${EXPORT}`).getByRole("link", { name: EXPORT, exact: true }).click();
    await sandboxKey("revoke");
    try {
      await page.getByTestId("run-now").click();
      await expect(page.getByTestId("run-status").first()).toContainText("Failed", { timeout: 60_000 });
    } finally {
      await sandboxKey("restore");
    }
    await expect(page.getByTestId("run-error").first()).toHaveText(/^Iterable refused the API key \(HTTP 401\)/);
    // The language is saved on the user: switch back, so later tests read English.
    await page.getByTestId("language-switch").selectOption("es");
    try {
      await expect(page.getByTestId("run-error").first()).toHaveText(/^Iterable rechazó la clave de API \(HTTP 401\)/);
    } finally {
      await page.getByTestId("language-switch").selectOption("en");
      await expect(page.getByTestId("run-error").first()).toHaveText(/^Iterable refused/);
    }
  });
});
