// A saved connection in the browser: Check now (failing, then connected), Edit, key rotation,
// export-user takeover by a second administrator, a deactivated export user, and removal.
import type { Page } from "@playwright/test";
import { signIn, signInAs } from "./helpers";
import { createConnection } from "./support/connections";
import { expect, test } from "./support/leak-watch";
import { readSandboxes } from "./support/run-files";

const NAME = "Managed connection";
const SECOND_ADMIN = { name: "Bea Backup", email: "bea.backup@example.com", password: "bea-backup-password" };

async function sandboxKey(action: "revoke" | "restore", apiKey: string) {
  const response = await fetch(`${readSandboxes().us.url}/_sandbox/keys/${action}`, { method: "POST", body: JSON.stringify({ apiKey }) });
  expect(response.ok).toBe(true);
}

async function openConnection(page: Page) {
  await page.goto("/admin/connections");
  await page.getByRole("link", { name: NAME, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(NAME);
}

test.describe.serial("Admin › Connections › a connection", () => {
  test("Check now shows failing with the reason and the time, then connected again", async ({ page }) => {
    const sandboxes = readSandboxes();
    await signInAs(page, "ADMINISTRATOR");
    await createConnection(page, { name: NAME, key: sandboxes.us.key, baseUrl: sandboxes.us.url });
    await sandboxKey("revoke", sandboxes.us.key);
    try {
      await page.goto("/admin/connections");
      const row = page.getByTestId(`connection-row-${NAME}`);
      await row.getByRole("button", { name: "Check now" }).click();
      await expect(row).toContainText("Failing");
      await expect(row).toContainText("Iterable did not accept this API key.");
    } finally {
      await sandboxKey("restore", sandboxes.us.key);
    }
    await openConnection(page);
    await page.getByTestId("check-form").getByRole("button", { name: "Check now" }).click();
    await expect(page.getByTestId("check-message")).toHaveText("Connected: Iterable accepted the key.");
    await expect(page.getByTestId("connection-details")).toContainText("Connected");
  });

  test("Edit changes the name (unique, ignoring case), sharing and the sending settings", async ({ page }) => {
    const sandboxes = readSandboxes();
    await signInAs(page, "ADMINISTRATOR");
    await createConnection(page, { name: `${NAME} 2`, key: sandboxes.us.key, baseUrl: sandboxes.us.url });
    await openConnection(page);
    await page.getByRole("link", { name: "Edit" }).click();
    const form = page.getByTestId("settings-form");
    await form.getByLabel("Display name").fill(`${NAME} 2`.toUpperCase());
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.locator("#settings-displayName-error")).toHaveText("A connection with this display name already exists.");
    await form.getByLabel("Display name").fill(NAME);
    await form.getByLabel("Requests per second").fill("25");
    await form.getByLabel("Administrators and contributors", { exact: true }).check();
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("settings-message")).toHaveText("Changes saved.");
    await openConnection(page);
    await expect(page.getByTestId("connection-details")).toContainText("25 requests per second, 4 at a time, batches of 1,000");
    await expect(page.getByTestId("connection-details")).toContainText("Administrators and contributors");
  });

  test("key rotation: a key that fails Connect changes nothing, one that passes replaces the old one", async ({ page }) => {
    const sandboxes = readSandboxes();
    await signInAs(page, "ADMINISTRATOR");
    await openConnection(page);
    const oldEnd = sandboxes.us.key.slice(-4);
    const newEnd = sandboxes.us.rotatedKey.slice(-4);
    await page.getByRole("link", { name: "Edit" }).click();
    const form = page.getByTestId("rotate-form");
    await form.getByLabel("Iterable API key").fill(sandboxes.invalidKey);
    await form.getByRole("button", { name: "Connect and replace the key" }).click();
    await expect(page.locator("#rotate-apiKey-error")).toContainText("Iterable did not accept this API key.");
    await expect(form.getByLabel("Iterable API key")).toHaveValue("");
    await openConnection(page);
    await expect(page.getByTestId("key-last4")).toHaveText(`Key ending in ${oldEnd}`);

    await page.getByRole("link", { name: "Edit" }).click();
    await form.getByLabel("Iterable API key").fill(sandboxes.us.rotatedKey);
    await form.getByRole("button", { name: "Connect and replace the key" }).click();
    await expect(page.getByTestId("rotate-message")).toContainText(`now ending in ${newEnd}`);
    await openConnection(page);
    await expect(page.getByTestId("key-last4")).toHaveText(`Key ending in ${newEnd}`);
    await page.goto("/admin/system?tab=audit");
    await expect(page.getByTestId("audit-table")).toContainText("connection.key_rotated");
    await expect(page.getByTestId("audit-table")).toContainText("connection.updated");
  });

  test("a second administrator takes over as export user, confirming with their own password", async ({ page, browser, leakWatch }) => {
    await signInAs(page, "ADMINISTRATOR");
    await page.goto("/admin/users");
    const add = page.getByTestId("add-user-form");
    await add.getByLabel("Name").fill(SECOND_ADMIN.name);
    await add.getByLabel("Email").fill(SECOND_ADMIN.email);
    await add.getByLabel("Role").selectOption("ADMINISTRATOR");
    await add.getByLabel("Initial password").fill(SECOND_ADMIN.password);
    await add.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByTestId("add-user-message")).toContainText("was added");

    const context = await browser.newContext();
    leakWatch.watch(context);
    const second = await context.newPage();
    await signIn(second, SECOND_ADMIN.email, SECOND_ADMIN.password);
    await expect(second.getByTestId("signed-in-as")).toContainText(SECOND_ADMIN.name);
    await openConnection(second);
    await expect(second.getByTestId("export-user")).toContainText("Ada Admin");
    const takeOver = second.getByTestId("take-over-form");
    await takeOver.getByLabel("Your password").fill("ferry-admin-demo");
    await takeOver.getByRole("button", { name: "Take over" }).click();
    await expect(second.locator("#take-over-password-error")).toHaveText("That password is not correct.");
    await takeOver.getByLabel("Your password").fill(SECOND_ADMIN.password);
    await takeOver.getByRole("button", { name: "Take over" }).click();
    await expect(second.getByTestId("export-user")).toContainText(SECOND_ADMIN.name);
    await context.close();
    await page.goto("/admin/connections");
    await expect(page.getByTestId(`connection-row-${NAME}`)).toContainText(SECOND_ADMIN.name);
  });

  test("an export user who is deactivated: the connection needs a new one, and an administrator takes over", async ({ page }) => {
    await signInAs(page, "ADMINISTRATOR");
    await page.goto("/admin/users");
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByTestId(`user-row-${SECOND_ADMIN.email}`).getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByTestId(`user-row-${SECOND_ADMIN.email}`)).toContainText("Deactivated");
    await openConnection(page);
    await expect(page.getByTestId("needs-export-user")).toContainText("needs a new export user");
    await page.goto("/admin/connections");
    await expect(page.getByTestId(`connection-row-${NAME}`)).toContainText("Needs a new export user");
    await openConnection(page);
    await page.getByTestId("take-over-form").getByLabel("Your password").fill("ferry-admin-demo");
    await page.getByTestId("take-over-form").getByRole("button", { name: "Take over" }).click();
    await expect(page.getByTestId("export-user")).toContainText("Ada Admin");
    await page.goto("/admin/system?tab=audit");
    await expect(page.getByTestId("audit-table")).toContainText("connection.export_user_changed");
  });

  test("removal asks for confirmation on its own page, then the connection is gone", async ({ page }) => {
    await signInAs(page, "ADMINISTRATOR");
    await page.goto("/admin/connections");
    await page.getByTestId(`connection-row-${NAME}`).getByRole("link", { name: "Remove" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Remove ${NAME}?`);
    await page.getByRole("link", { name: "Cancel" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(NAME);
    await page.getByRole("link", { name: "Remove" }).click();
    await page.getByRole("button", { name: "Remove connection" }).click();
    await expect(page.getByTestId("connection-removed")).toHaveText("The connection was removed.");
    await expect(page.getByTestId(`connection-row-${NAME}`)).toHaveCount(0);
    await page.goto("/admin/system?tab=audit");
    await expect(page.getByTestId("audit-table")).toContainText("connection.removed");
  });
});
