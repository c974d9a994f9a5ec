// Steps of the connection wizard as an administrator takes them (English labels), for specs.
import { expect, type Page } from "@playwright/test";
import { demoUser } from "../helpers";

export type Region = "US" | "EU" | "SANDBOX";
const REGION_LABEL: Record<Region, RegExp> = { US: /^US data center/, EU: /^EU data center/, SANDBOX: /^Local sandbox/ };

/** Steps 1–3; leaves the browser on the Connect page and answers the draft's id. */
export async function wizardToConnect(page: Page, name: string, sharing: "Administrators" | "Administrators and contributors" = "Administrators") {
  await page.goto("/admin/connections/new");
  await expect(page.getByLabel("Iterable", { exact: true })).toBeChecked();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByLabel("Display name").fill(name);
  await page.getByLabel("Display name").press("Enter");
  await page.getByLabel(sharing, { exact: true }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/\/connect$/);
  return /\/new\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
}

export async function connect(page: Page, options: { key: string; region: Region; baseUrl?: string; agree?: boolean }) {
  await page.getByLabel("Iterable API key").fill(options.key);
  await page.getByLabel(REGION_LABEL[options.region]).check();
  if (options.baseUrl) await page.getByLabel("Sandbox base URL").fill(options.baseUrl);
  if (options.agree ?? true) await page.getByLabel("I agree").check();
  await page.getByRole("button", { name: "Connect", exact: true }).click();
}

/** Steps 7 and 8 after a successful Connect; answers the new connection's id. */
export async function addExportUserAndSave(page: Page) {
  await expect(page.getByTestId("connect-ok")).toBeVisible();
  await page.getByLabel("Your password").fill(demoUser("ADMINISTRATOR").password);
  await page.getByRole("button", { name: "Add yourself as export user" }).click();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("connection-created")).toBeVisible();
  return /\/admin\/connections\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

export async function createConnection(page: Page, options: { name: string; key: string; baseUrl: string }) {
  await wizardToConnect(page, options.name);
  await connect(page, { key: options.key, region: "SANDBOX", baseUrl: options.baseUrl });
  return addExportUserAndSave(page);
}
