import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";

const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
async function seriousViolations(page: Page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ["violations"] });
  });
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const count = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));

test("building a two-group segment: live count, save, refresh, preview of members", async ({ page }) => {
  await signInAs(page, "CONTRIBUTOR");
  await page.goto("/segments");
  await page.getByRole("link", { name: "New dynamic segment" }).click();
  await page.getByLabel("Name").fill("Spain gold or platinum (e2e)");

  // Save with no condition: refused in the form.
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("rules-invalid")).toBeVisible();

  await page.getByTestId("group-root").getByRole("button", { name: "Add condition" }).last().click();
  await page.locator("#condition-0-attribute").selectOption("country");
  await page.locator("#condition-0-operator").selectOption("equals");
  await page.locator("#condition-0-value-0").fill("ES");

  await page.getByTestId("group-root").getByRole("button", { name: "Add group" }).last().click();
  await page.locator("#group-1-combinator").selectOption("or");
  await page.locator("#condition-1\\.0-attribute").selectOption("loyalty_tier");
  await page.locator("#condition-1\\.0-value-0").fill("gold");
  await page.getByTestId("group-1").getByRole("button", { name: "Add condition" }).click();
  await page.locator("#condition-1\\.1-attribute").selectOption("loyalty_tier");
  await page.locator("#condition-1\\.1-value-0").fill("platinum");

  const live = page.getByTestId("live-count");
  await expect(live).toContainText(/This rule matches [\d,]+ profiles\./);
  const matching = count(await live.locator("p").first().textContent());
  expect(matching).toBeGreaterThan(0);
  expect(await seriousViolations(page)).toEqual([]);

  // An unfinished condition: the count waits, and saving shows where the problem is.
  await page.locator("#condition-0-value-0").fill("");
  await expect(live).toContainText("Complete the conditions");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#condition-0-error")).toHaveText("Enter a value.");
  await page.locator("#condition-0-value-0").fill("ES");

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/segments\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("rule-summary")).toContainText("country is ES and (loyalty_tier is gold or loyalty_tier is platinum)");
  await expect(page.getByTestId("last-refresh")).toHaveText("Not refreshed yet: refresh to compute its members.");

  await page.getByRole("button", { name: "Refresh now" }).click();
  await expect(page.getByTestId("member-count")).toHaveText(`${matching.toLocaleString("en-US")} members`, { timeout: 30_000 });
  await expect(page.getByTestId("members-table").locator("tbody tr")).toHaveCount(Math.min(25, matching));
  await expect(page.getByTestId("members-table")).toContainText("ES");

  await page.goto("/segments");
  await expect(page.getByTestId("segment-row-Spain gold or platinum (e2e)")).toContainText(matching.toLocaleString("en-US"));
});

test("the demo segments are there, refreshed, and the static list reports its unknown id", async ({ page }) => {
  await signInAs(page, "ADMINISTRATOR");
  await page.goto("/segments");
  for (const name of ["High lifetime value", "Lapsed 90 days", "Spain gold tier", "VIP list"]) {
    await expect(page.getByTestId(`segment-row-${name}`)).not.toContainText("Never");
  }
  await page.getByRole("link", { name: "VIP list" }).first().click();
  await expect(page.getByTestId("member-count")).toHaveText("50 members");
  await expect(page.getByTestId("static-unknown")).toContainText("C-NOT-A-CUSTOMER");
});

test("a static segment from a file of 200,000 ids (over a server action's 1 MB): streamed, saved, matched", async ({ page }) => {
  await signInAs(page, "CONTRIBUTOR");
  await page.goto("/segments/new-static");
  await page.getByLabel("Name").fill("Big uploaded list (e2e)");
  // The e2e demo data holds C00000001…C00002000 (FERRY_SEED_PROFILES in playwright.config.ts):
  // 2,000 of the 200,000 ids are customers.
  const ids = Array.from({ length: 200_000 }, (_, i) => `C${String(i + 1).padStart(8, "0")}`).join("\n");
  expect(Buffer.byteLength(ids)).toBeGreaterThan(1024 * 1024);
  await page.getByLabel("Read the list from a file").setInputFiles({ name: "big-list.csv", mimeType: "text/csv", buffer: Buffer.from(ids) });
  await expect(page.getByTestId("list-file")).toHaveText("200,000 values read from big-list.csv. Saving uses this file instead of the list below.", { timeout: 30_000 });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/segments\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  await expect(page.getByTestId("member-count")).toHaveText("2,000 members");
  await expect(page.getByTestId("static-unknown")).toContainText("198,000 values match no profile");
});

test("a viewer can browse segments and profiles but not change anything, and the server refuses", async ({ page }) => {
  await signInAs(page, "VIEWER");
  await page.goto("/segments");
  await expect(page.getByTestId("segments-table")).toBeVisible();
  await expect(page.getByRole("link", { name: "New dynamic segment" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Refresh all dynamic segments" })).toHaveCount(0);
  await page.getByRole("link", { name: "High lifetime value" }).first().click();
  await expect(page.getByTestId("members-table")).toBeVisible();
  await expect(page.getByRole("button", { name: "Refresh now" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);

  for (const path of ["/segments/new", "/segments/new-static", "/profiles/import"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
  await page.goto("/profiles");
  await expect(page.getByTestId("profiles-table")).toBeVisible();
  await expect(page.getByRole("link", { name: "Import CSV" })).toHaveCount(0);
  await page.goto("/profiles/attributes");
  await expect(page.getByTestId("attributes-table")).toContainText("lifetime_value");
  await expect(page.getByRole("button", { name: "Count again" })).toHaveCount(0);

  const upload = await page.request.post("/api/profiles/uploads", { data: "customer_id\nX1\n", headers: { "Content-Type": "text/csv" } });
  expect(upload.status()).toBe(403);
  expect(await upload.json()).toEqual({ error: { key: "errors.notAllowed" } });
  const list = await page.request.post("/api/segments/lists", { data: "C00000001\n", headers: { "Content-Type": "text/plain" } });
  expect(list.status()).toBe(403);
});
