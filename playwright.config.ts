import { defineConfig } from "@playwright/test";

// End-to-end tests drive Debian's Chromium (never `playwright install`) against the production
// build, started by the same start command users run, on its own data folder, ports and a
// fresh database each run.
// Ports can be moved (FERRY_E2E_PORT, FERRY_E2E_PG_PORT) to run two checkouts side by side.
const PORT = Number(process.env.FERRY_E2E_PORT ?? 3100);
const PG_PORT = process.env.FERRY_E2E_PG_PORT ?? "54339";
export const BASE_URL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: BASE_URL,
    locale: "en-US",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  // The connection tests' leak check reads what every other test saw, so it runs last.
  projects: [
    { name: "chromium", testIgnore: /leak-check\.spec\.ts/ },
    { name: "leak-check", testMatch: /leak-check\.spec\.ts/, dependencies: ["chromium"] },
  ],
  webServer: {
    // `scripts/start.ts --fresh` behind two sandboxes standing in for Iterable's US and EU data
    // centers, its output also written to a log file (e2e/support/web-server.ts).
    command: "npx tsx e2e/support/web-server.ts",
    url: `${BASE_URL}/sign-in`,
    timeout: 600_000, // includes `next build` (4–5 min on a busy 2-core machine)
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      FERRY_DATA_DIR: ".data/e2e",
      PORT: String(PORT),
      FERRY_PG_PORT: PG_PORT,
      FERRY_SANDBOX_PORT: "0",
      FERRY_SEED_PROFILES: "2000",
      NEXTAUTH_URL: BASE_URL,
      LOG_LEVEL: "warn",
    },
  },
});
