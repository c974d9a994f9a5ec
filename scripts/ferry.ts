// `npm run ferry -- <command>`: Ferry from the command line, for cron, scripts and tests.
// Every command that reads or changes data acts as a Ferry user (--as), checked against the same
// role → permission table as the UI and written to the audit log.
import { spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { ExpectedError } from "@/lib/errors";
import { translator } from "@/lib/i18n/messages";
import { CliError, connectDatabase } from "./ferry/cli-context";
import { exportsCommand, runsCommand, type Flags } from "./ferry/export-commands";

const HELP = `Usage: npm run ferry -- <command> [options]   (add --json for JSON output)

  exports list --as <email>
  exports add --as <email> --name <name> --segment <segment name> [--segment …]
              [--email-attribute email] [--field attribute=iterableField …] [--add-only]
              [--max-removal 0.5] [--batch-size 1000] [--connection <connection id>]
  exports run <name> --as <email> [--json] [--no-worker] [--no-wait] [--timeout <seconds>]
              [--sandbox-url <url> --api-key-env <VAR> --rps <n> --concurrency <n> --batch-size <n>]
  exports dry-run <name> --as <email>
  exports cancel <name> --as <email>
  runs show|cancel|confirm|rejected <run id> --as <email>
  worker                     a job worker in this process (same as npm run worker)
  seed [--profiles N]        demo users and N deterministic profiles (same as npm run db:seed)
  sandbox [--port N]         the local Iterable sandbox (same as npm run sandbox)

  TODO(connections issue): connections add|list (explicit --base-url for the sandbox, the key from
  an environment variable or standard input, the privacy acceptance flag). Until then an export
  resolves its Iterable project from FERRY_EXPORT_TARGET_URL / FERRY_EXPORT_TARGET_KEY, or from
  --sandbox-url / --api-key-env on "exports run" (benchmarks).

Exit codes: 0 done, 1 error, 2 usage, 3 the run did not succeed.`;

const root = path.resolve(__dirname, "..");

function passThrough(script: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: root, stdio: "inherit" });
    child.on("close", (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<number> {
  const [group, ...rest] = process.argv.slice(2);
  if (!group || group === "help" || group === "--help") {
    console.log(HELP);
    return group ? 0 : 2;
  }
  if (group === "worker") return passThrough("scripts/worker.ts", rest);
  if (group === "seed") return passThrough("scripts/seed.ts", rest);
  if (group === "sandbox") return passThrough("sandbox/main.ts", rest);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      json: { type: "boolean" }, as: { type: "string" }, name: { type: "string" }, segment: { type: "string", multiple: true },
      "email-attribute": { type: "string" }, field: { type: "string", multiple: true }, "add-only": { type: "boolean" },
      "max-removal": { type: "string" }, "batch-size": { type: "string" }, connection: { type: "string" },
      "no-worker": { type: "boolean" }, "no-wait": { type: "boolean" }, timeout: { type: "string" },
      "sandbox-url": { type: "string" }, "api-key-env": { type: "string" }, rps: { type: "string" }, concurrency: { type: "string" },
    },
  });
  const [action, ...args] = positionals;
  const stopDatabase = await connectDatabase();
  try {
    if (group === "exports") return await exportsCommand(action, args, values as Flags);
    if (group === "runs") return await runsCommand(action, args, values as Flags);
    throw new CliError(`unknown command: ${group}\n\n${HELP}`, 2);
  } finally {
    const { db } = await import("@/lib/db/client");
    const { closeEnginePool } = await import("@/lib/export-engine/engine-db");
    await closeEnginePool();
    await db().$disconnect();
    await stopDatabase();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CliError) console.error(error.message);
    else if (error instanceof ExpectedError) console.error(translator("en")(error.messageKey, error.options.params));
    else console.error(error instanceof Error ? error.message : error);
    process.exit(error instanceof CliError ? error.exitCode : 1);
  },
);
