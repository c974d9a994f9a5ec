import { parseArgs } from "node:util";
import { SANDBOX_DEFAULT_PORT, SANDBOX_DEFAULT_STATE_FILE, SANDBOX_DEMO_API_KEY, SANDBOX_DEMO_PROJECT } from "./constants";
import type { SandboxFaults } from "./faults";
import { startSandbox, type SandboxProjectSeed } from "./server";

// CLI: npx tsx sandbox/main.ts [--port 4010] [--host 127.0.0.1] [--state .data/sandbox/state.json]
//        [--no-state] [--faults '{"errorRate":0.05}']
// Env: SANDBOX_PORT, SANDBOX_HOST, SANDBOX_STATE_FILE, SANDBOX_FAULTS (JSON),
//      SANDBOX_API_KEYS="Project A=key-a,Project B=key-b" (extra projects beside the demo one).
// Prints "Iterable sandbox listening on <url>" and the demo key, then runs until SIGINT/SIGTERM.

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      state: { type: "string" },
      "no-state": { type: "boolean" },
      faults: { type: "string" },
    },
  });
  const env = process.env;
  const port = Number(values.port ?? env.SANDBOX_PORT ?? SANDBOX_DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${values.port ?? env.SANDBOX_PORT}`);
  const stateFile = values["no-state"] ? undefined : (values.state ?? env.SANDBOX_STATE_FILE ?? SANDBOX_DEFAULT_STATE_FILE);
  const faultsJson = values.faults ?? env.SANDBOX_FAULTS;
  const faults = faultsJson ? (JSON.parse(faultsJson) as SandboxFaults) : undefined;

  const projects: SandboxProjectSeed[] = [{ name: SANDBOX_DEMO_PROJECT, apiKey: SANDBOX_DEMO_API_KEY }];
  for (const [index, entry] of (env.SANDBOX_API_KEYS ?? "").split(",").filter((s) => s.trim()).entries()) {
    const [name, key] = entry.includes("=") ? entry.split("=", 2) : [`Project ${index + 2}`, entry];
    projects.push({ name: (name ?? "").trim(), apiKey: (key ?? "").trim() });
  }

  const sandbox = await startSandbox({
    port,
    host: values.host ?? env.SANDBOX_HOST ?? "127.0.0.1",
    ...(stateFile ? { stateFile } : {}),
    ...(faults ? { faults } : {}),
    projects,
  });
  console.log(`Iterable sandbox listening on ${sandbox.url}`);
  console.log(`Demo API key (project "${SANDBOX_DEMO_PROJECT}"): ${SANDBOX_DEMO_API_KEY}`);
  console.log(stateFile ? `State file: ${stateFile}` : "State: in memory only");

  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
