// The connection wizard in the browser, against the sandboxes standing in for Iterable's data
// centers: the whole path in English and in Spanish, and every way Connect can fail.
import { signInAs } from "./helpers";
import { seriousViolations } from "./support/axe";
import { addExportUserAndSave, connect, wizardToConnect } from "./support/connections";
import { expect, test } from "./support/leak-watch";
import { readSandboxes } from "./support/run-files";

test.describe.serial("Admin › Connections › Add connection", () => {
  test("the whole wizard in English, keyboard only where it matters, to a connected connection", async ({ page }) => {
    const sandboxes = readSandboxes();
    await signInAs(page, "ADMINISTRATOR");
    await page.goto("/admin/connections");
    await page.getByRole("link", { name: "Add connection" }).click();
    await expect(page.getByLabel("Iterable", { exact: true })).toBeChecked();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Next" }).press("Enter");

    // Step 2: required, with the hint; Enter submits.
    const name = page.getByLabel("Display name");
    await expect(page.getByText("The display name and type describe this connection.")).toBeVisible();
    await name.press("Enter");
    await expect(page.locator("#name-displayName-error")).toHaveText("Required.");
    await name.fill("Iterable US newsletters");
    await name.press("Enter");

    // Step 3: Administrators is the default; arrow keys choose, Enter on the button moves on.
    await expect(page.getByLabel("Administrators", { exact: true })).toBeChecked();
    await page.getByLabel("Administrators", { exact: true }).focus();
    await page.keyboard.press("ArrowDown");
    await expect(page.getByLabel("Administrators and contributors", { exact: true })).toBeChecked();
    await page.getByRole("button", { name: "Next" }).press("Enter");

    // Steps 4–6: key, data center, the notice; without "I agree" nothing is connected or saved.
    await expect(page.getByTestId("privacy-notice")).toContainText("may include personal data");
    await expect(page.getByTestId("privacy-notice")).toContainText("Notice version");
    await expect(page.getByLabel("Sandbox base URL")).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await seriousViolations(page)).toEqual([]);
    await connect(page, { key: sandboxes.us.key, region: "US", agree: false });
    await expect(page.locator("#connect-agree-error")).toContainText('Select "I agree" to continue');
    await expect(page.getByLabel("Iterable API key")).toHaveValue("");
    await expect(page.getByLabel(/^US data center/)).toBeChecked();
    await page.getByLabel("Iterable API key").fill(sandboxes.us.key);
    await page.getByLabel("I agree").check();
    await page.getByRole("button", { name: "Connect", exact: true }).press("Enter");

    // Step 7 shows the check passed, with the read-only caveat; the password is confirmed.
    await expect(page.getByTestId("connect-ok")).toContainText(`ending in ${sandboxes.us.key.slice(-4)}`);
    await expect(page.getByTestId("read-only-note")).toContainText("read-only key also passes");
    await page.getByLabel("Your password").fill("not-my-password");
    await page.getByLabel("Your password").press("Enter");
    await expect(page.locator("#export-user-password-error")).toHaveText("That password is not correct.");
    expect(await seriousViolations(page)).toEqual([]);
    await addExportUserAndSave(page);

    await expect(page.getByTestId("connection-details")).toContainText(`Key ending in ${sandboxes.us.key.slice(-4)}`);
    await expect(page.getByTestId("export-user")).toContainText("Ada Admin");
    await page.goto("/admin/connections");
    const row = page.getByTestId("connection-row-Iterable US newsletters");
    for (const text of ["Iterable", "Administrators and contributors", "US", "Connected", "Last checked", "Ada Admin", "0"]) await expect(row).toContainText(text);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto("/admin/system?tab=audit");
    for (const action of ["connection.created", "connection.privacy_accepted", "connection.export_user_changed"]) {
      await expect(page.getByTestId("audit-table")).toContainText(action);
    }
  });

  test("the whole wizard in Spanish, with an EU key", async ({ page }) => {
    const sandboxes = readSandboxes();
    await signInAs(page, "ADMINISTRATOR");
    await page.getByTestId("language-switch").selectOption("es");
    await expect(page.getByTestId("signed-in-role")).toHaveText("Administrador");
    await page.goto("/admin/connections");
    await page.getByRole("link", { name: "Agregar conexión" }).click();
    await page.getByRole("button", { name: "Siguiente" }).click();
    await expect(page.getByText("El nombre y el tipo describen esta conexión.")).toBeVisible();
    await page.getByLabel("Nombre para mostrar").fill("Boletines de Iterable UE");
    await page.getByRole("button", { name: "Siguiente" }).click();
    await expect(page.getByLabel("Administradores", { exact: true })).toBeChecked();
    await page.getByRole("button", { name: "Siguiente" }).click();
    await expect(page.getByTestId("privacy-notice")).toContainText("Privacidad y cumplimiento de datos");
    await expect(page.getByTestId("privacy-notice")).toContainText("datos personales");
    await page.getByLabel("Clave de API de Iterable").fill(sandboxes.eu.key);
    await page.getByLabel(/^Centro de datos de la UE/).check();
    await page.getByLabel("Acepto").check();
    await page.getByRole("button", { name: "Conectar", exact: true }).click();
    await expect(page.getByTestId("connect-ok")).toContainText(`termina en ${sandboxes.eu.key.slice(-4)}`);
    await page.getByLabel("Su contraseña").fill("ferry-admin-demo");
    await page.getByRole("button", { name: "Agregarse como usuario de exportación" }).click();
    await expect(page.getByTestId("wizard-summary")).toContainText("Boletines de Iterable UE");
    await page.getByRole("button", { name: "Guardar", exact: true }).click();
    await expect(page.getByTestId("connection-created")).toContainText("Se guardó la conexión Boletines de Iterable UE");
    await page.goto("/admin/connections");
    const row = page.getByTestId("connection-row-Boletines de Iterable UE");
    for (const text of ["Administradores", "UE", "Conectada", "Ada Admin"]) await expect(row).toContainText(text);
  });

  test("an invalid key: a specific message, what was typed is kept except the key, nothing is stored", async ({ page }) => {
    const sandboxes = readSandboxes();
    await signInAs(page, "ADMINISTRATOR");
    const draftId = await wizardToConnect(page, "Invalid key test");
    await connect(page, { key: sandboxes.invalidKey, region: "SANDBOX", baseUrl: sandboxes.us.url });
    await expect(page.locator("#connect-apiKey-error")).toHaveText("Iterable did not accept this API key. Check that you copied all of it and that it was not revoked.");
    await expect(page.getByLabel("Iterable API key")).toHaveValue("");
    await expect(page.getByLabel(/^Local sandbox/)).toBeChecked();
    await expect(page.getByLabel("Sandbox base URL")).toHaveValue(sandboxes.us.url);
    await expect(page.getByLabel("I agree")).toBeChecked();

    // The later steps cannot be opened: Save sends the admin back to Connect.
    await page.goto(`/admin/connections/new/${draftId}/save`);
    await expect(page).toHaveURL(new RegExp(`/new/${draftId}/connect$`));
    await page.getByRole("button", { name: "Cancel setup" }).click();
    await expect(page).toHaveURL(/\/admin\/connections$/);
    await expect(page.getByTestId("connection-row-Invalid key test")).toHaveCount(0);
  });

  test("a key of the other data center: the message suggests it, and choosing it connects", async ({ page }) => {
    const sandboxes = readSandboxes();
    await signInAs(page, "ADMINISTRATOR");
    await wizardToConnect(page, "Other data center test");
    await connect(page, { key: sandboxes.eu.key, region: "US" });
    await expect(page.locator("#connect-apiKey-error")).toContainText("a key of the EU data center. Choose EU and connect again.");
    await connect(page, { key: sandboxes.us.key, region: "EU" });
    await expect(page.locator("#connect-apiKey-error")).toContainText("a key of the US data center. Choose US");
    await connect(page, { key: sandboxes.eu.key, region: "EU" });
    await expect(page.getByTestId("connect-ok")).toContainText("(EU)");
    await page.getByRole("button", { name: "Cancel setup" }).click();
    await expect(page.getByTestId("connection-row-Other data center test")).toHaveCount(0);
  });

  test("an unreachable host says so", async ({ page }) => {
    const sandboxes = readSandboxes();
    await signInAs(page, "ADMINISTRATOR");
    await wizardToConnect(page, "Unreachable test");
    await connect(page, { key: sandboxes.us.key, region: "SANDBOX", baseUrl: "http://127.0.0.1:9" });
    await expect(page.locator("#connect-apiKey-error")).toHaveText("Iterable could not be reached at this address. Check the data center or base URL, and the network.");
    await connect(page, { key: sandboxes.us.key, region: "SANDBOX", baseUrl: "not a url" });
    await expect(page.locator("#connect-baseUrl-error")).toHaveText("Enter an address starting with http:// or https://.");
  });
});
