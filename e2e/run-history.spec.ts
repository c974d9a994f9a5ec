// Named to run after exports.spec.ts, which starts from a console without exports.
// An export's page in the browser against the EU sandbox (no other spec sends to it, so the
// emails marked "forgotten" there disturb nothing else): a second run after a segment change
// adds and removes, the dry run shows the plan, a renamed segment keeps its list; the guardrail
// asks for confirmation (all in Spanish); a long run shows rate and retries and is canceled;
// the rows Iterable rejected download as CSV.
import fs from "node:fs";
import { signInAs } from "./helpers";
import { seriousViolations } from "./support/axe";
import { addExportUserAndSave, connect, wizardToConnect } from "./support/connections";
import { createExportViaForm, createStaticSegment, customerIds, editStaticSegment, query, sandboxControl, useLanguage } from "./support/export-flows";
import { expect, test } from "./support/leak-watch";
import { readSandboxes } from "./support/run-files";

const FAST = "Runs EU (e2e)";
const SLOW = "Slow EU (e2e)";

async function eu(page: Parameters<typeof signInAs>[0], name: string) {
  const sandboxes = readSandboxes();
  await wizardToConnect(page, name);
  await connect(page, { key: sandboxes.eu.key, region: "SANDBOX", baseUrl: sandboxes.eu.url });
  return addExportUserAndSave(page);
}

test.describe.serial("An export's runs", () => {
  test.afterAll(async () => {
    await sandboxControl(readSandboxes().eu.url, "PUT", "faults", {});
  });

  test("setup: two connections to the EU sandbox, one sending slowly in small batches", async ({ page }) => {
    test.setTimeout(120_000);
    await signInAs(page, "ADMINISTRATOR");
    await eu(page, FAST);
    const slowId = await eu(page, SLOW);
    await page.goto(`/admin/connections/${slowId}/edit`);
    const form = page.getByTestId("settings-form");
    await form.getByLabel("Requests per second").fill("2");
    await form.getByLabel("Requests at a time").fill("1");
    await form.getByLabel("Batch size (at most 1000)").fill("10");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("settings-message")).toHaveText("Changes saved.");
  });

  test("a second run after a segment change adds and removes; the dry run shows the plan; a renamed segment keeps its list", async ({ page }) => {
    test.setTimeout(150_000);
    const sandboxes = readSandboxes();
    await signInAs(page, "ADMINISTRATOR");
    const segmentId = await createStaticSegment(page, "Runs A (e2e)", customerIds(1, 20));
    const exportId = await createExportViaForm(page, { name: "Runs A export (e2e)", connection: FAST, segments: ["Runs A (e2e)"] });
    await expect(page.getByTestId("run-chart")).toHaveCount(0);
    await page.getByTestId("run-now").click();
    await expect(page.getByTestId("run-status").first()).toHaveText("Succeeded", { timeout: 60_000 });
    await expect(page.getByTestId("run-counts").first()).toContainText("Runs A (e2e): 20 members, 20 added, 0 updated, 0 removed, 0 unchanged");
    const lists = page.getByTestId("export-lists");
    const listId = (await lists.locator("tbody tr td").nth(2).textContent())!.trim();
    expect(listId).toMatch(/^\d+$/);

    // Five leave, five join, and the segment gets a new name.
    await editStaticSegment(page, segmentId, { ids: customerIds(6, 25), name: "Runs A renamed (e2e)" });
    await page.goto(`/exports/${exportId}`);

    await expect(lists).toContainText("Runs A renamed (e2e)");
    await expect(lists.getByTestId("list-renamed")).toHaveText("Segment now named Runs A renamed (e2e); the export keeps sending to this list.");
    await expect(lists.locator("tbody tr td").nth(1)).toContainText("Runs A (e2e)");
    await expect(lists.locator("tbody tr td").nth(2)).toHaveText(listId);

    await page.getByTestId("dry-run").click();
    const plan = page.getByTestId("dry-run-plan");
    await expect(plan).toContainText("20 members, 20 with a valid email: 5 to add, 0 to update, 5 to remove, 15 unchanged.");
    await expect(plan).toContainText("For example, adds:");
    await expect(plan).toContainText("For example, removes:");
    await expect(page.getByTestId("run-row")).toHaveCount(1);

    await page.getByTestId("run-now").click();
    await expect(page.getByTestId("run-row")).toHaveCount(2);
    await expect(page.getByTestId("run-status").first()).toHaveText("Succeeded", { timeout: 60_000 });
    await expect(page.getByTestId("run-counts").first()).toContainText("Runs A (e2e): 20 members, 5 added, 0 updated, 5 removed, 15 unchanged");
    await expect(lists.locator("tbody tr td").nth(2)).toHaveText(listId);
    // The same Iterable list, now holding the segment's 20 current members.
    const members = (await (await fetch(`${sandboxes.eu.url}/_sandbox/lists/${listId}/members`)).json()) as { members: string[] };
    expect(members.members).toHaveLength(20);

    const figures = page.getByTestId("run-chart-figures").locator("li");
    await expect(figures).toHaveCount(2);
    await expect(figures.nth(0)).toContainText("20 added, 0 removed, 0 rejected");
    await expect(figures.nth(1)).toContainText("5 added, 5 removed, 0 rejected");
    await expect(page.getByTestId("run-chart")).toContainText("Last 2 runs");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("en español: la salvaguarda pide confirmación; Cancelar la termina, Confirmar la continúa", async ({ page }) => {
    test.setTimeout(150_000);
    await signInAs(page, "ADMINISTRATOR");
    await useLanguage(page, "es");
    await page.goto("/segments/new-static");
    const segmentForm = page.getByTestId("static-segment-form");
    await segmentForm.getByLabel("Nombre", { exact: true }).fill("Runs B (e2e)");
    await segmentForm.getByLabel("Ids. de cliente o emails").fill(customerIds(101, 120).join("\n"));
    await segmentForm.getByRole("button", { name: "Guardar" }).click();
    await expect(page.getByTestId("member-count")).toHaveText("20 miembros");
    const segmentId = /\/segments\/([0-9a-f-]{36})$/.exec(page.url())![1]!;

    await page.goto("/exports/new");
    await page.getByLabel("Conexión").selectOption({ label: `${FAST} (ITERABLE)` });
    await page.getByLabel("2. Nombre visible").fill("Runs B export (e2e)");
    await page.getByLabel("Correo electrónico", { exact: true }).selectOption("email");
    await page.getByRole("checkbox", { name: /^Runs B \(e2e\)/ }).check();
    await expect(page.getByLabel("En cada actualización del sistema")).toBeChecked();
    await page.getByRole("button", { name: "Guardar", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Runs B export (e2e)");
    const exportUrl = page.url();
    await page.getByRole("button", { name: "Ejecutar ahora" }).click();
    await expect(page.getByTestId("run-status").first()).toHaveText("Correcta", { timeout: 60_000 });

    // Sixteen of twenty leave: more than the half the guardrail allows.
    await editStaticSegment(page, segmentId, { ids: customerIds(101, 104) }, { name: "Nombre", list: "Ids. de cliente o emails", save: "Guardar" });
    await page.goto(exportUrl);
    await page.getByRole("button", { name: "Simular" }).click();
    await expect(page.getByTestId("dry-run-plan")).toContainText("4 miembros, 4 con correo válido: 0 por añadir, 0 por actualizar, 16 por quitar, 4 sin cambios.");
    await expect(page.getByTestId("dry-run-plan")).toContainText("Una ejecución se detendría para pedir confirmación");

    await page.getByRole("button", { name: "Ejecutar ahora" }).click();
    const active = page.getByTestId("active-run");
    await expect(active.getByTestId("active-run-status")).toHaveText("Necesita confirmación", { timeout: 60_000 });
    await expect(active).toContainText("Esta ejecución quitaría a más personas de lo que permite el límite de seguridad.");
    await active.getByRole("button", { name: "Cancelar la ejecución" }).click();
    await expect(page.getByTestId("active-run")).toHaveCount(0);
    await expect(page.getByTestId("run-status").first()).toHaveText("Cancelada");
    await expect(page.getByTestId("run-counts").first()).toContainText("0 quitados");

    await page.getByRole("button", { name: "Ejecutar ahora" }).click();
    await expect(active.getByTestId("active-run-status")).toHaveText("Necesita confirmación", { timeout: 60_000 });
    await active.getByRole("button", { name: "Confirmar y continuar" }).click();
    await expect(page.getByTestId("run-status").first()).toHaveText("Correcta", { timeout: 60_000 });
    await expect(page.getByTestId("active-run")).toHaveCount(0);
    await expect(page.getByTestId("run-counts").first()).toContainText("Runs B (e2e): 4 miembros, 0 añadidos, 0 actualizados, 16 quitados, 4 sin cambios");
    await expect(page.getByTestId("run-row")).toHaveCount(3);
    await expect(page.getByTestId("run-row").nth(1)).toContainText("Cancelada");
    await useLanguage(page, "en");
  });

  test("a long run shows its progress, rate and retries, and Cancel stops it after the batches in flight", async ({ page }) => {
    test.setTimeout(150_000);
    const sandboxes = readSandboxes();
    await signInAs(page, "ADMINISTRATOR");
    // 400 members in batches of 10 at 2 requests a second: about 20 s of sending.
    await createStaticSegment(page, "Runs C (e2e)", customerIds(201, 600));
    await createExportViaForm(page, { name: "Runs C export (e2e)", connection: SLOW, segments: ["Runs C (e2e)"] });
    // Iterable answers the first subscribe twice with 429 (Retry-After: 1 s): the run retries.
    await sandboxControl(sandboxes.eu.url, "PUT", "faults", { script: [{ kind: "rateLimit", endpoint: "subscribe", retryAfter: "1", times: 2 }] });
    await page.getByTestId("run-now").click();
    const active = page.getByTestId("active-run");
    await expect(active.getByTestId("active-run-status")).toHaveText("Running", { timeout: 30_000 });
    await expect(active.getByTestId("active-run-rate")).toContainText("Retries (429, 5xx, timeouts): 2", { timeout: 30_000 });
    await expect(active.getByTestId("active-run-rate")).toContainText(/\d+ rows\/s/);
    await expect(active.locator("#active-run-detail")).toContainText(/of 400 rows \(\d+%\) · about \d+ s left/);
    await expect(active.getByRole("progressbar")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await active.getByRole("button", { name: "Cancel run" }).click();
    await expect(page.getByTestId("run-status").first()).toHaveText("Canceled", { timeout: 30_000 });
    const counts = (await page.getByTestId("run-counts").first().textContent())!;
    const added = Number(/(\d+) added/.exec(counts)![1]);
    expect(added).toBeGreaterThan(0);
    expect(added).toBeLessThan(400);
    await expect(page.getByTestId("active-run")).toHaveCount(0);
  });

  test("rows Iterable rejected download as CSV with their reason", async ({ page }) => {
    test.setTimeout(120_000);
    const sandboxes = readSandboxes();
    await signInAs(page, "ADMINISTRATOR");
    const ids = customerIds(701, 710);
    await createStaticSegment(page, "Runs D (e2e)", ids);
    const forgotten = (await query<{ email: string }>("SELECT attributes->>'email' AS email FROM profiles WHERE customer_id = ANY($1) ORDER BY customer_id", [ids.slice(0, 3)])).map((row) => row.email);
    expect(forgotten).toHaveLength(3);
    // GDPR-forgotten people at Iterable: their subscribes are refused row by row.
    await sandboxControl(sandboxes.eu.url, "POST", `projects/${encodeURIComponent(sandboxes.eu.project)}/forgotten`, { emails: forgotten });
    await createExportViaForm(page, { name: "Runs D export (e2e)", connection: FAST, segments: ["Runs D (e2e)"] });
    await page.getByTestId("run-now").click();
    await expect(page.getByTestId("run-status").first()).toHaveText("Succeeded with warnings", { timeout: 60_000 });
    await expect(page.getByTestId("run-counts").first()).toContainText("Runs D (e2e): 10 members, 7 added, 0 updated, 0 removed, 0 unchanged, 3 rejected");
    await expect(page.getByTestId("run-chart-figures")).toContainText("7 added, 0 removed, 3 rejected");

    const download = page.waitForEvent("download");
    await page.getByTestId("rejected-csv").click();
    const file = await (await download).path();
    const lines = fs.readFileSync(file, "utf8").trim().split("\n");
    expect(lines[0]).toBe("list,operation,email,reason");
    expect(lines.slice(1).sort()).toEqual(forgotten.map((email) => `Runs D (e2e),subscribe,${email},forgotten`).sort());
  });
});
