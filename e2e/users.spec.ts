import { expect, test } from "@playwright/test";
import { signIn, signInAs } from "./helpers";

test.describe.serial("Admin › Users", () => {
  const email = `nina.${Date.now()}@example.com`;
  const password = "nina-initial-pw";

  test("adding a user: field errors keep what was typed, then the user is added and audited", async ({ page }) => {
    await signInAs(page, "ADMINISTRATOR");
    await page.goto("/admin/users");
    const form = page.getByTestId("add-user-form");
    await form.getByLabel("Name").fill("Nina Nueva");
    await form.getByLabel("Email").fill("not-an-email");
    await form.getByLabel("Initial password").fill("short");
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(page.locator("#email-error")).toHaveText("Enter a valid email address.");
    await expect(page.locator("#password-error")).toHaveText("At least 10 characters.");
    await expect(form.getByLabel("Name")).toHaveValue("Nina Nueva");
    await expect(form.getByLabel("Initial password")).toHaveValue("");

    await form.getByLabel("Email").fill("ADMIN@example.com");
    await form.getByLabel("Initial password").fill(password);
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(page.locator("#email-error")).toHaveText("A user with this email already exists.");

    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Role").selectOption("CONTRIBUTOR");
    await form.getByLabel("Initial password").fill(password);
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByTestId("add-user-message")).toHaveText(`${email} was added.`);
    await expect(page.getByTestId(`user-row-${email}`)).toContainText("Contributor");

    await page.goto("/admin/system");
    await expect(page.getByTestId("audit-table")).toContainText("user.created");
    await expect(page.getByTestId("audit-table")).not.toContainText(password);
  });

  test("changing a role and deactivating take effect at once", async ({ page, browser }) => {
    const other = await browser.newPage();
    await signIn(other, email, password);
    await expect(other.getByTestId("signed-in-role")).toHaveText("Contributor");

    await signInAs(page, "ADMINISTRATOR");
    await page.goto("/admin/users");
    const row = page.getByTestId(`user-row-${email}`);
    await row.getByLabel("Role for Nina Nueva").selectOption("VIEWER");
    await row.getByRole("button", { name: "Change role" }).click();
    // Not just "Viewer": the role menu's options contain it before the change is saved.
    await expect(row).toContainText("Role changed.");
    await other.reload();
    await expect(other.getByTestId("signed-in-role")).toHaveText("Viewer");

    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: "Deactivate" }).click();
    await expect(row).toContainText("Deactivated");
    await other.reload();
    await expect(other).toHaveURL(/\/sign-in$/);

    await signIn(other, email, password);
    await expect(other.getByTestId("sign-in-error")).toHaveText("The email or password is not correct.");
    await other.close();
  });

  test("the last active administrator cannot demote themself", async ({ page }) => {
    await signInAs(page, "ADMINISTRATOR");
    await page.goto("/admin/users");
    const row = page.getByTestId("user-row-admin@example.com");
    await row.getByLabel("Role for Ada Admin").selectOption("VIEWER");
    await row.getByRole("button", { name: "Change role" }).click();
    await expect(row).toContainText("The last active administrator cannot be demoted or deactivated.");
    await expect(row).toContainText("Administrator");
  });
});
