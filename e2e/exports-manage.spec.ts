// Data › Exports list management in the browser against the sandbox: the add-export form's email
// counts, search, Duplicate, Detach connection (Run now then disabled, with the reason) and
// attaching another connection with Edit, an administrator removing connections that exports
// use (detach, then remove), and Remove (in Spanish). Accessibility checks of the list, its
// dialogs and the add-export form. Leaves no export behind (exports.spec.ts starts from none).
import type { Page } from "@playwright/test";
import { signInAs } from "./helpers";
import { seriousViolations } from "./support/axe";
import { addExportUserAndSave, connect, wizardToConnect } from "./support/connections";
import { expect, test } from "./support/leak-watch";
import { readSandboxes } from "./support/run-files";

const CONN_A = "Manage exports A";
const CONN_B = "Manage exports B";
const LOYAL = "Loyal customers (manage)";
const HIGH = "High value (manage)";
const COPY = `Copy of ${LOYAL}`;

async function addSharedConnection(page: Page, name: string) {
  const sandboxes = readSandboxes();
  await wizardToConnect(page, name, "Administrators and contributors");
  await connect(page, { key: sandboxes.us.key, region: "SANDBOX", baseUrl: sandboxes.us.url });
  await addExportUserAndSave(page);
}

async function addExport(page: Page, options: { connection: string; name: string; segment: RegExp }) {
  await page.goto("/exports/new");
  await page.getByLabel("Connection", { exact: true }).selectOption({ label: `${options.connection} (ITERABLE)` });
  await page.getByLabel("2. Display name").fill(options.name);
  await page.getByLabel("Email", { exact: true }).selectOption("email");
  await page.getByRole("checkbox", { name: options.segment }).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(options.name);
}

const numbers = async (row: ReturnType<Page["getByTestId"]>) =>
  (await row.getByRole("cell").allTextContents()).map((text) => Number(text.replace(/[^\d]/g, "")));

test.describe.serial("Data › Exports › managing exports", () => {
  test("the add-export form counts the valid emails of the chosen segments, per attribute, and why the rest are not sent", async ({ page }) => {
    test.setTimeout(120_000);
    await signInAs(page, "ADMINISTRATOR");
    await addSharedConnection(page, CONN_A);
    await addSharedConnection(page, CONN_B);

    await page.goto("/exports/new");
    const coverage = page.getByTestId("email-coverage");
    // "email" is picked for a start when the profiles have it.
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue("email");
    await expect(coverage).toContainText("Choose segments in step 4");
    await page.getByRole("checkbox", { name: /^VIP list/ }).check();
    await page.getByLabel("Email", { exact: true }).selectOption("");
    await expect(coverage).toContainText("Choose an attribute to see how many members have a valid email in it.");
    await page.getByLabel("Email", { exact: true }).selectOption("contact_email");
    // The demo's contact_email is messy on purpose: blanks, upper case, invalid values.
    await expect(page.getByTestId("email-coverage-summary")).toHaveText(/^contact_email: \d+ of 50 members across the chosen segments have a valid email\.$/);
    const [members, sent, missing, invalid, duplicates] = await numbers(page.getByTestId("email-coverage-VIP list"));
    expect(members).toBe(50);
    expect(sent! + missing! + invalid! + duplicates!).toBe(50);
    expect(sent).toBeLessThan(50);
    expect(missing! + invalid!).toBeGreaterThan(0);
    await expect(coverage).toContainText("Invalid: Iterable would refuse the address.");
    expect(await seriousViolations(page)).toEqual([]);

    // The clean attribute, and a second segment: a row each.
    await page.getByLabel("Email", { exact: true }).selectOption("email");
    await page.getByRole("checkbox", { name: /^High lifetime value/ }).check();
    await expect(page.getByTestId("email-coverage-VIP list")).toBeVisible();
    expect(await numbers(page.getByTestId("email-coverage-VIP list"))).toEqual([50, 50, 0, 0, 0]);
    const [highMembers, highSent] = await numbers(page.getByTestId("email-coverage-High lifetime value"));
    expect(highSent).toBe(highMembers);
    expect(highMembers).toBeGreaterThan(0);

    await addExport(page, { connection: CONN_A, name: LOYAL, segment: /^VIP list/ });
    await addExport(page, { connection: CONN_B, name: HIGH, segment: /^High lifetime value/ });
  });

  test("a contributor searches the list on the server and duplicates an export under a new name", async ({ page }) => {
    await signInAs(page, "CONTRIBUTOR");
    await page.goto("/exports");
    await expect(page.getByTestId(`export-row-${LOYAL}`)).toBeVisible();
    await expect(page.getByTestId(`export-row-${HIGH}`)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    const search = page.getByRole("searchbox", { name: "Search exports" });
    await search.fill("lifetime"); // a segment's name
    await search.press("Enter");
    await expect(page).toHaveURL(/\/exports\?q=lifetime$/);
    await expect(page.getByTestId(`export-row-${HIGH}`)).toBeVisible();
    await expect(page.getByTestId(`export-row-${LOYAL}`)).toHaveCount(0);
    await expect(page.getByTestId("exports-search-count")).toHaveText('Exports matching "lifetime": 1.');
    await page.goto(`/exports?q=${encodeURIComponent("exports a")}`); // a connection's name, any case
    await expect(page.getByRole("searchbox", { name: "Search exports" })).toHaveValue("exports a");
    await expect(page.getByTestId(`export-row-${LOYAL}`)).toBeVisible();
    await expect(page.getByTestId(`export-row-${HIGH}`)).toHaveCount(0);
    await page.getByRole("searchbox", { name: "Search exports" }).fill("no such export");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page.getByTestId("exports-empty")).toHaveText('No export matches "no such export".');
    await page.getByRole("link", { name: "Clear search" }).click();
    await expect(page).toHaveURL(/\/exports$/);

    await page.getByRole("button", { name: `Duplicate, ${LOYAL}` }).click();
    const dialog = page.getByRole("dialog", { name: `Duplicate ${LOYAL}` });
    await expect(dialog.getByLabel("Name of the copy")).toHaveValue(COPY);
    expect(await seriousViolations(page)).toEqual([]);
    // A taken name is refused in the dialog; the default is then typed back.
    await dialog.getByLabel("Name of the copy").fill(HIGH);
    await dialog.getByRole("button", { name: "Duplicate" }).click();
    await expect(dialog).toContainText("Another export already has this name.");
    await dialog.getByLabel("Name of the copy").fill(COPY);
    await dialog.getByRole("button", { name: "Duplicate" }).click();
    await expect(page.getByTestId("exports-message")).toHaveText(`Export ${COPY} was created as a copy. It did not run.`);
    await expect(dialog).toBeHidden();
    const copy = page.getByTestId(`export-row-${COPY}`);
    await expect(copy).toContainText(CONN_A);
    await expect(copy).toContainText("VIP list");
    await expect(copy).toContainText("Never run");
  });

  test("a contributor detaches a connection: No connection, Run now disabled with the reason; Edit attaches another one", async ({ page }) => {
    await signInAs(page, "CONTRIBUTOR");
    await page.goto("/exports");
    const copy = page.getByTestId(`export-row-${COPY}`);
    await copy.getByRole("button", { name: `Detach connection, ${COPY}` }).click();
    const dialog = page.getByRole("dialog", { name: `Detach ${COPY} from ${CONN_A}?` });
    await expect(dialog).toContainText('shows "No connection" and does not run');
    await dialog.getByRole("button", { name: "Detach connection" }).click();
    await expect(page.getByTestId("exports-message")).toHaveText(`Export ${COPY} is detached: it has no connection and does not run.`);
    await expect(copy.getByTestId("export-row-connection")).toHaveText("No connection");
    await expect(copy.getByRole("button", { name: `Run now, ${COPY}` })).toBeDisabled();
    await expect(copy.getByTestId(`run-reason-${COPY}`)).toHaveText("No connection: attach one with Edit to run it.");
    await expect(copy.getByRole("button", { name: /^Detach connection/ })).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);

    await copy.getByRole("link", { name: `Edit, ${COPY}` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Edit export ${COPY}`);
    await expect(page.getByLabel("Connection", { exact: true })).toHaveValue("");
    await expect(page.getByRole("checkbox", { name: /^VIP list/ })).toBeChecked();
    await page.getByLabel("Connection", { exact: true }).selectOption({ label: `${CONN_B} (ITERABLE)` });
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(COPY);
    await expect(page.getByTestId("export-connection")).toHaveText(CONN_B);
    await page.goto("/exports");
    await expect(copy.getByTestId("export-row-connection")).toHaveText(CONN_B);
    await expect(copy.getByRole("button", { name: `Run now, ${COPY}` })).toBeEnabled();
  });

  test("an administrator removes a connection and chooses to detach its exports: they show No connection and cannot run", async ({ page }) => {
    await signInAs(page, "ADMINISTRATOR");
    await page.goto("/admin/connections");
    await page.getByTestId(`connection-row-${CONN_A}`).getByRole("link", { name: "Remove" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Remove ${CONN_A}?`);
    await expect(page.getByTestId("remove-exports")).toHaveText(LOYAL);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Remove connection" }).click();
    await expect(page.locator("#remove-exports-error")).toHaveText("Choose what happens to the exports that use this connection.");
    await page.getByLabel("Detach them").check();
    await page.getByRole("button", { name: "Remove connection" }).click();
    await expect(page.getByTestId("connection-removed")).toHaveText("The connection was removed.");
    await expect(page.getByTestId(`connection-row-${CONN_A}`)).toHaveCount(0);

    await page.goto("/exports");
    const loyal = page.getByTestId(`export-row-${LOYAL}`);
    await expect(loyal.getByTestId("export-row-connection")).toHaveText("No connection");
    await expect(loyal.getByRole("button", { name: `Run now, ${LOYAL}` })).toBeDisabled();
    await loyal.getByRole("link", { name: LOYAL, exact: true }).click();
    await expect(page.getByTestId("export-connection")).toHaveText("No connection");
    await expect(page.getByRole("button", { name: "Run now", disabled: false })).toHaveCount(0);
    await expect(page.getByTestId("run-now")).toBeDisabled();
    await expect(page.getByTestId("run-now")).toHaveAccessibleDescription("No connection: attach one with Edit to run it.");
    await page.goto("/admin/system?tab=audit");
    await expect(page.getByTestId("audit-table")).toContainText("export.detach");
  });

  test("an administrator removes a connection and chooses to remove its exports: they are gone", async ({ page }) => {
    await signInAs(page, "ADMINISTRATOR");
    await page.goto("/admin/connections");
    await page.getByTestId(`connection-row-${CONN_B}`).getByRole("link", { name: "Remove" }).click();
    await expect(page.getByTestId("remove-exports")).toContainText(HIGH);
    await expect(page.getByTestId("remove-exports")).toContainText(COPY);
    await page.getByLabel("Remove them").check();
    await page.getByRole("button", { name: "Remove connection" }).click();
    await expect(page.getByTestId("connection-removed")).toBeVisible();
    await page.goto("/exports");
    await expect(page.getByTestId(`export-row-${HIGH}`)).toHaveCount(0);
    await expect(page.getByTestId(`export-row-${COPY}`)).toHaveCount(0);
    await expect(page.getByTestId(`export-row-${LOYAL}`)).toBeVisible();
  });

  test("a contributor removes the detached export, in Spanish: the dialog names what is removed and what stays", async ({ page }) => {
    await signInAs(page, "CONTRIBUTOR");
    await page.getByTestId("language-switch").selectOption("es");
    await expect(page.getByTestId("signed-in-role")).toHaveText("Colaborador");
    await page.goto("/exports");
    const loyal = page.getByTestId(`export-row-${LOYAL}`);
    await expect(loyal.getByTestId("export-row-connection")).toHaveText("Sin conexión");
    await expect(loyal.getByTestId(`run-reason-${LOYAL}`)).toHaveText("Sin conexión: asigne una con Editar para ejecutarla.");
    await loyal.getByRole("button", { name: `Quitar, ${LOYAL}` }).click();
    const dialog = page.getByRole("dialog", { name: `¿Quitar ${LOYAL}?` });
    await expect(dialog).toContainText("Se quitan de Ferry la exportación y su historial de ejecuciones. Las listas de Iterable que llenó se quedan en Iterable tal como están.");
    await dialog.getByRole("button", { name: "Cancelar" }).click();
    await expect(dialog).toBeHidden();
    await expect(loyal).toBeVisible();
    await loyal.getByRole("button", { name: `Quitar, ${LOYAL}` }).click();
    await dialog.getByRole("button", { name: "Quitar exportación" }).click();
    await expect(page.getByTestId("exports-message")).toHaveText(`Se quitó la exportación ${LOYAL}. Sus listas de Iterable se quedan en Iterable.`);
    await expect(page.getByTestId("exports-empty")).toHaveText("Aún no hay exportaciones.");
  });

  test("the email counts are for the roles that set up exports: a viewer is refused by the server", async ({ page }) => {
    const query = `/api/exports/email-coverage?attribute=email&segment=${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}`;
    await signInAs(page, "CONTRIBUTOR");
    const allowed = await page.request.get(query);
    expect(allowed.status()).toBe(200);
    expect(await allowed.json()).toMatchObject({ attribute: "email", segments: [] });
    expect((await page.request.get("/api/exports/email-coverage?attribute=email")).status()).toBe(400);
    await page.context().clearCookies();
    await signInAs(page, "VIEWER");
    expect((await page.request.get(query)).status()).toBe(403);
  });
});
