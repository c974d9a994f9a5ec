import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";
import { seriousViolations } from "./support/axe";

test("the sign-in page has no serious accessibility violations", async ({ page }) => {
  await page.goto("/sign-in");
  expect(await seriousViolations(page)).toEqual([]);
});

test("the console shell, users and system pages have no serious accessibility violations", async ({ page }) => {
  await signInAs(page, "ADMINISTRATOR");
  expect(await seriousViolations(page)).toEqual([]);
  for (const path of ["/admin/users", "/admin/system", "/admin/system?tab=status"]) {
    await page.goto(path);
    expect(await seriousViolations(page), path).toEqual([]);
  }
});
