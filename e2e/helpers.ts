import { expect, type Page } from "@playwright/test";
import { DEMO_USERS } from "@/lib/users/demo-accounts";

export type DemoRole = "ADMINISTRATOR" | "CONTRIBUTOR" | "VIEWER";

export function demoUser(role: DemoRole) {
  const user = DEMO_USERS.find((candidate) => candidate.role === role);
  if (!user) throw new Error(`no demo ${role}`);
  return user;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAs(page: Page, role: DemoRole) {
  const user = demoUser(role);
  await signIn(page, user.email, user.password);
  await expect(page.getByTestId("signed-in-as")).toContainText(user.name);
}

export async function navLinks(page: Page): Promise<string[]> {
  return page.getByTestId("console-nav").getByRole("link").allTextContents();
}
