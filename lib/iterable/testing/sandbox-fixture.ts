import { randomUUID } from "node:crypto";
import { startSandbox, type SandboxHandle, type SandboxOptions } from "../../../sandbox/server";
import { createIterableClient, type IterableClientOptions } from "../client";

// Integration helper: a sandbox on a free port with one fresh project, and clients for it.
// Each fixture gets its own random key, so the process-wide limiter registry never mixes tests.
export interface SandboxFixture {
  sandbox: SandboxHandle;
  apiKey: string;
  project: string;
  client(overrides?: Partial<IterableClientOptions>): ReturnType<typeof createIterableClient>;
}

export async function startSandboxFixture(options: SandboxOptions = {}): Promise<SandboxFixture> {
  const apiKey = `test-key-${randomUUID()}`;
  const project = `project-${randomUUID().slice(0, 8)}`;
  const sandbox = await startSandbox({ projects: [{ name: project, apiKey }], ...options });
  return {
    sandbox,
    apiKey,
    project,
    client: (overrides = {}) =>
      createIterableClient({
        apiKey,
        region: { baseUrl: sandbox.url },
        retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 200, maxRetryAfterMs: 5000 },
        rateLimit: { requestsPerSecond: 500, concurrency: 8 },
        timeoutMs: 2000,
        ...overrides,
      }),
  };
}
