// Steps the export-run and schedule specs share: static segments of demo customers (ids
// C00000001…), exports set up through the form, the language cookie, and the sandbox's
// control routes (faults, forgotten emails) of the run's Iterable stand-ins.
import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { LOCALE_COOKIE } from "@/lib/i18n/messages";
import { E2E_BASE_URL, E2E_DATABASE_URL } from "./run-files";

/** Demo customer ids C<8 digits> for first..last (inclusive). */
export function customerIds(first: number, last: number): string[] {
  return Array.from({ length: last - first + 1 }, (_, i) => `C${String(first + i).padStart(8, "0")}`);
}

/** Creates a static segment (English UI) and answers its id. */
export async function createStaticSegment(page: Page, name: string, ids: string[]): Promise<string> {
  await page.goto("/segments/new-static");
  const form = page.getByTestId("static-segment-form");
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Customer ids or emails").fill(ids.join("\n"));
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/segments\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("member-count")).toHaveText(`${ids.length} members`);
  return /\/segments\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
}

/** Replaces a static segment's list (and maybe its name), in the page's current language. */
export async function editStaticSegment(page: Page, segmentId: string, change: { ids: string[]; name?: string }, labels = { name: "Name", list: "Customer ids or emails", save: "Save" }) {
  await page.goto(`/segments/${segmentId}/edit`);
  const form = page.getByTestId("static-segment-form");
  if (change.name) await form.getByLabel(labels.name, { exact: true }).fill(change.name);
  await form.getByLabel(labels.list).fill(change.ids.join("\n"));
  await form.getByRole("button", { name: labels.save }).click();
  await expect(page).toHaveURL(new RegExp(`/segments/${segmentId}$`));
  await expect(page.getByTestId("member-count")).toContainText(String(change.ids.length));
}

/** Sets up an export through the form (English UI); answers its id from the export page. */
export async function createExportViaForm(page: Page, options: { name: string; connection: string; segments: string[] }) {
  await page.goto("/exports/new");
  await page.getByLabel("Connection").selectOption({ label: `${options.connection} (ITERABLE)` });
  await page.getByLabel("2. Display name").fill(options.name);
  await page.getByLabel("Email", { exact: true }).selectOption("email");
  for (const segment of options.segments) await page.getByRole("checkbox", { name: new RegExp(`^${escape(segment)}`) }).check();
  return saveExportForm(page, options.name);
}

export async function saveExportForm(page: Page, name: string): Promise<string> {
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  return /\/exports\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

export async function useLanguage(page: Page, locale: "en" | "es") {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: locale, url: E2E_BASE_URL }]);
}

export async function sandboxControl(baseUrl: string, method: "PUT" | "POST", path: string, body: unknown) {
  const response = await fetch(`${baseUrl}/_sandbox/${path}`, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  expect(response.status, `${method} /_sandbox/${path}`).toBe(200);
}

/** One query against the e2e database (read-only checks the UI does not show). */
export async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
