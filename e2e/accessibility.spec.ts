import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";

// axe-core runs inside the page (the @axe-core/playwright wrapper needs Node 22).
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

async function seriousViolations(page: Page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ["violations"] });
  });
  return result.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

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
