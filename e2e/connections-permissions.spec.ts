// Contributors and viewers are refused every connection page and every connection server
// action by the server: pages answer 403, and each action, replayed exactly as the
// administrator's browser sent it but with the other role's session, answers "not allowed"
// and changes nothing.
import type { Page, Request } from "@playwright/test";
import { signInAs, type DemoRole } from "./helpers";
import { connect, wizardToConnect } from "./support/connections";
import { expect, test } from "./support/leak-watch";
import { readSandboxes } from "./support/run-files";

type Captured = { url: string; headers: Record<string, string>; body: Buffer };

function captureActions(page: Page): Map<string, Captured> {
  const captured = new Map<string, Captured>();
  page.on("request", (request: Request) => {
    const id = request.headers()["next-action"];
    const body = request.postDataBuffer();
    if (!id || !body || request.method() !== "POST") return;
    const headers = Object.fromEntries(Object.entries(request.headers()).filter(([name]) => !["cookie", "content-length"].includes(name)));
    captured.set(id, { url: request.url(), headers, body });
  });
  return captured;
}

test.describe.serial("Admin › Connections: other roles", () => {
  const pages: string[] = ["/admin/connections", "/admin/connections/new"];
  let actions: Captured[] = [];

  test("an administrator's pages and actions, recorded", async ({ page }) => {
    const sandboxes = readSandboxes();
    const captured = captureActions(page);
    await signInAs(page, "ADMINISTRATOR");
    const draftId = await wizardToConnect(page, "Permissions test");
    pages.push(`/admin/connections/new/${draftId}/name`, `/admin/connections/new/${draftId}/connect`);
    await connect(page, { key: sandboxes.us.key, region: "SANDBOX", baseUrl: sandboxes.us.url });
    await page.getByLabel("Your password").fill("ferry-admin-demo");
    await page.getByRole("button", { name: "Add yourself as export user" }).click();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByTestId("connection-created")).toBeVisible();
    const connectionPath = new URL(page.url()).pathname;
    pages.push(connectionPath, `${connectionPath}/edit`, `${connectionPath}/remove`);
    await page.getByTestId("check-form").getByRole("button", { name: "Check now" }).click();
    await expect(page.getByTestId("check-message")).toBeVisible();
    await page.getByRole("link", { name: "Edit" }).click();
    await page.getByTestId("settings-form").getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("settings-message")).toBeVisible();
    await page.getByTestId("rotate-form").getByLabel("Iterable API key").fill(sandboxes.us.key);
    await page.getByTestId("rotate-form").getByRole("button", { name: "Connect and replace the key" }).click();
    await expect(page.getByTestId("rotate-message")).toBeVisible();
    await wizardToConnect(page, "Permissions test, canceled");
    await page.getByRole("button", { name: "Cancel setup" }).click();
    await expect(page).toHaveURL(/\/admin\/connections$/);
    actions = [...captured.values()];
    // type, name, sharing, connect, export user, save, check now, settings, rotate, cancel
    expect(actions.length).toBeGreaterThanOrEqual(10);
  });

  for (const role of ["CONTRIBUTOR", "VIEWER"] as DemoRole[]) {
    test(`a ${role.toLowerCase()} is refused every page and every action`, async ({ page }) => {
      await signInAs(page, role);
      await expect(page.getByTestId("console-nav")).not.toContainText("Connections");
      for (const path of pages) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
        await expect(page.locator("#content")).not.toContainText("Permissions test");
      }
      for (const action of actions) {
        const response = await page.request.post(action.url, { headers: action.headers, data: action.body });
        const text = await response.text();
        expect(text, `action ${action.headers["next-action"]}`).toContain("errors.notAllowed");
      }
      // Nothing changed: the administrator still sees the connection as it was.
      await page.context().clearCookies();
      await signInAs(page, "ADMINISTRATOR");
      await page.goto("/admin/connections");
      await expect(page.getByTestId("connection-row-Permissions test")).toContainText("Connected");
      await expect(page.getByTestId("connection-row-Permissions test, canceled")).toHaveCount(0);
    });
  }
});
