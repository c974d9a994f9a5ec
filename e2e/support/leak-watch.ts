// Every connection test runs with this `test`: each response the app sends to the browser
// (HTML, React Server Component payloads, server-action answers, scripts) is searched for the
// full value of every key of the run. A test fails on a leak; what was scanned is written to
// a file so the final leak check can also prove that scanning happened.
import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type BrowserContext, type Response } from "@playwright/test";
import { E2E_BASE_URL, RESPONSE_SCANS_DIR, secretsOfRun } from "./run-files";

type Scan = { responses: number; serverActions: number; html: number; leaks: string[] };

function watch(context: BrowserContext, scan: Scan, pending: Promise<void>[]) {
  const secrets = secretsOfRun();
  context.on("response", (response: Response) => {
    if (!response.url().startsWith(E2E_BASE_URL)) return;
    pending.push(
      response.body().then(
        (body) => {
          const text = body.toString("utf8");
          scan.responses += 1;
          if (response.request().headers()["next-action"]) scan.serverActions += 1;
          if ((response.headers()["content-type"] ?? "").includes("text/html")) scan.html += 1;
          for (const secret of secrets) if (text.includes(secret)) scan.leaks.push(`${response.request().method()} ${response.url()}`);
        },
        () => {}, // redirects and aborted navigations have no body
      ),
    );
  });
}

export const test = base.extend<{ leakWatch: { watch: (context: BrowserContext) => void } }>({
  leakWatch: [
    async ({ context }, use, testInfo) => {
      const scan: Scan = { responses: 0, serverActions: 0, html: 0, leaks: [] };
      const pending: Promise<void>[] = [];
      watch(context, scan, pending);
      await use({ watch: (other) => watch(other, scan, pending) });
      await Promise.all(pending);
      fs.writeFileSync(path.join(RESPONSE_SCANS_DIR, `${testInfo.testId}.json`), JSON.stringify({ title: testInfo.title, ...scan }));
      expect(scan.leaks, "responses that contain an API key").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
