import { expect, test } from "@playwright/test";
import { navLinks, signInAs } from "./helpers";

test("the language switch turns the UI to Spanish, and it stays so", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByTestId("language-switch").selectOption("es");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Iniciar sesión en Ferry");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");

  await page.getByTestId("language-switch").selectOption("en");
  // The switch saves a cookie through a server action: wait for it before navigating on.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to Ferry");
  await signInAs(page, "VIEWER");
  await page.getByTestId("language-switch").selectOption("es");
  await expect(page.getByRole("button", { name: "Cerrar sesión" })).toBeVisible();
  expect(await navLinks(page)).toEqual(["Perfiles", "Segmentos", "Exportaciones"]);

  await page.reload();
  await expect(page.getByTestId("signed-in-role")).toHaveText("Lector");
  await page.goto("/profiles");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Perfiles");
});
