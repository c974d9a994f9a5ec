import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

const CSV = ["customer_id,first_name,score,joined", "E2E-1,Ana,10,2026-01-02", "E2E-2,Luis,abc,2026-01-03", "E2E-3,Zoe,7.5,2026-01-04"].join("\n");

test("importing a small CSV with a bad row: good rows in, the bad one reported and downloadable", async ({ page }) => {
  await signInAs(page, "CONTRIBUTOR");
  await page.goto("/profiles");
  await page.getByRole("link", { name: "Import CSV" }).click();
  await page.getByLabel("CSV file").setInputFiles({ name: "customers.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  await page.getByRole("button", { name: "Upload and check" }).click();

  const form = page.getByTestId("import-form");
  await expect(form.getByLabel("Customer id column")).toHaveValue("customer_id");
  // "score" holds "abc" in one row, so it is inferred as text: the user corrects it to a number.
  await expect(form.getByLabel("Type of score")).toHaveValue("TEXT");
  await expect(form.getByLabel("Type of joined")).toHaveValue("DATE");
  await form.getByLabel("Type of score").selectOption("NUMBER");
  await form.getByRole("button", { name: "Import" }).click();

  await expect(page).toHaveURL(/\/profiles\/import\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("import-result")).toHaveText("2 new profiles, 0 updated, 1 rows not imported.", { timeout: 30_000 });
  await expect(page.getByTestId("import-errors")).toContainText("score: “abc” is not a number.");
  await expect(page.getByTestId("import-errors")).toContainText("E2E-2");

  const href = await page.getByTestId("import-errors-download").getAttribute("href");
  const download = await page.request.get(href!);
  expect(download.status()).toBe(200);
  expect(await download.text()).toContain('3,"E2E-2","score: “abc” is not a number."');

  await page.goto("/profiles?q=E2E-1");
  await page.getByRole("link", { name: "E2E-1" }).click();
  await expect(page.getByTestId("profile-attributes")).toContainText("Ana");
  await expect(page.getByTestId("profile-attributes")).toContainText("score");
});

test("a file that is not CSV gets a clear message", async ({ page }) => {
  await signInAs(page, "ADMINISTRATOR");
  await page.goto("/profiles/import");
  await page.getByLabel("CSV file").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByTestId("upload-error")).toHaveText("This file is not a CSV file (text with a header row and separated columns).");
  await expect(page.getByTestId("import-form")).toHaveCount(0);
});
