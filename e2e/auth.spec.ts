import { expect, test } from "@playwright/test";
import { demoUser, navLinks, signIn, signInAs } from "./helpers";

test.describe("sign-in and navigation per role", () => {
  test("the administrator sees Data and Admin", async ({ page }) => {
    await signInAs(page, "ADMINISTRATOR");
    expect(await navLinks(page)).toEqual(["Profiles", "Segments", "Exports", "Connections", "Users", "System"]);
    await expect(page.getByTestId("signed-in-role")).toHaveText("Administrator");
  });

  for (const role of ["CONTRIBUTOR", "VIEWER"] as const) {
    test(`the ${role.toLowerCase()} sees Data only`, async ({ page }) => {
      await signInAs(page, role);
      expect(await navLinks(page)).toEqual(["Profiles", "Segments", "Exports"]);
    });
  }

  test("every page in the navigation opens for the administrator", async ({ page }) => {
    await signInAs(page, "ADMINISTRATOR");
    for (const [path, heading] of [["/profiles", "Profiles"], ["/segments", "Segments"], ["/exports", "Exports"], ["/admin/connections", "Connections"], ["/admin/users", "Users"], ["/admin/system", "System"]]) {
      const response = await page.goto(path!);
      expect(response?.status(), path).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading!);
    }
    await page.goto("/profiles");
    await expect(page.getByTestId("profiles-table").getByRole("row")).toHaveCount(51);
  });
});

test.describe("the server refuses what a role may not open", () => {
  for (const role of ["VIEWER", "CONTRIBUTOR"] as const) {
    test(`a ${role.toLowerCase()} typing admin URLs gets "not allowed" (403) from the server`, async ({ page }) => {
      await signInAs(page, role);
      for (const path of ["/admin/users", "/admin/connections", "/admin/system"]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        await expect(page.getByTestId("not-allowed")).toBeVisible();
        await expect(page.getByTestId("users-table")).toHaveCount(0);
      }
    });
  }

  test("a signed-out visitor is sent to sign in", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});

test.describe("sign-in errors and sign-out", () => {
  test("a wrong password and an unknown email give the same generic error", async ({ page }) => {
    await signIn(page, demoUser("VIEWER").email, "not-the-password");
    const error = page.getByTestId("sign-in-error");
    await expect(error).toHaveText("The email or password is not correct.");
    await signIn(page, "nobody@example.com", "not-the-password");
    await expect(error).toHaveText("The email or password is not correct.");
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("empty fields are flagged before anything is sent", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#email-error")).toHaveText("Required.");
    await expect(page.locator("#password-error")).toHaveText("Required.");
  });

  test("signing out ends the session", async ({ page }) => {
    await signInAs(page, "CONTRIBUTOR");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/exports");
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});
