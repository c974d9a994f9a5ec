// axe-core inside the page (the @axe-core/playwright wrapper needs Node 22): the one
// accessibility check every e2e spec uses.
import fs from "node:fs";
import type { Page } from "@playwright/test";

const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export async function seriousViolations(page: Page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ["violations"] });
  });
  return result.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}
