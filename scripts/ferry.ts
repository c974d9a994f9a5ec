// `npm run ferry -- <command>`: Ferry from the command line, for cron, scripts and tests.
// Every command that reads or changes data acts as a Ferry user (--as), checked against the same
// role → permission table as the UI and written to the audit log.
import { spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { ExpectedError, NotAllowedError } from "@/lib/errors";
import { isMessageKey, translator } from "@/lib/i18n/messages";
import { CliError, connectDatabase, NOT_ALLOWED } from "./ferry/cli-context";
import type { Flags } from "./ferry/export-commands";

const HELP = `Usage: npm run ferry -- <command> [options]   (add --json for JSON output)

  connections add --as <admin email> --name <display name> (--region us|eu | --base-url <url>)
              (--key-env <VAR> | --key-stdin) --accept-privacy [--share-with-contributors]
              The key is read from $VAR or standard input, never from an argument. Without
              --accept-privacy the data privacy notice is shown and nothing is created.
  connections list --as <email>
  exports list --as <email>
  exports add --as <email> --name <name> --connection <connection name> --segment <segment name> [--segment …]
              [--email-attribute email] [--field attribute=iterableField …] [--add-only]
              [--max-removal 0.5] [--batch-size 1000]
  exports run <name> --as <email> [--json] [--no-worker] [--no-wait] [--timeout <seconds>]
  exports dry-run <name> --as <email>
  exports cancel <name> --as <email>
  runs show|cancel|confirm|rejected <run id> --as <email>
  worker                     a job worker in this process (same as npm run worker)
  seed [--profiles N]        demo users and N deterministic profiles (same as npm run db:seed)
  sandbox [--port N]         the local Iterable sandbox (same as npm run sandbox)

Exit codes: 0 done, 1 error, 2 usage, 3 the run did not succeed, 4 not allowed for this user.`;

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
  // Standard output carries the command's result (JSON with --json); logs (the worker of
  // `exports run`) go to standard error. Set before anything reads the settings.
  process.env.FERRY_LOG_STDERR = "1";
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      json: { type: "boolean" }, as: { type: "string" }, name: { type: "string" }, segment: { type: "string", multiple: true },
      "email-attribute": { type: "string" }, field: { type: "string", multiple: true }, "add-only": { type: "boolean" },
      "max-removal": { type: "string" }, "batch-size": { type: "string" }, connection: { type: "string" },
      "no-worker": { type: "boolean" }, "no-wait": { type: "boolean" }, timeout: { type: "string" },
      region: { type: "string" }, "base-url": { type: "string" }, "key-env": { type: "string" }, "key-stdin": { type: "boolean" },
      "accept-privacy": { type: "boolean" }, "share-with-contributors": { type: "boolean" },
    },
  });
  const [action, ...args] = positionals;
  const stopDatabase = await connectDatabase();
  try {
    // Each group loads only what it uses (the export engine and the job queue are the heavy part).
    if (group === "connections") return await (await import("./ferry/connection-commands")).connectionsCommand(action, values as Flags);
    if (group === "exports") return await (await import("./ferry/export-commands")).exportsCommand(action, args, values as Flags);
    if (group === "runs") return await (await import("./ferry/export-commands")).runsCommand(action, args, values as Flags);
    throw new CliError(`unknown command: ${group}\n\n${HELP}`, 2);
  } finally {
    const { db } = await import("@/lib/db/client");
    if (group !== "connections") await (await import("@/lib/export-engine/engine-db")).closeEnginePool();
    await db().$disconnect();
    await stopDatabase();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const english = translator("en");
    if (error instanceof CliError) console.error(error.message);
    else if (error instanceof ExpectedError) console.error(english(error.messageKey, error.options.params));
    // The schemas' messages are message keys; the input itself is never printed (it may be a key).
    else if (error instanceof ZodError) console.error(error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${isMessageKey(issue.message) ? english(issue.message) : issue.message}`).join("\n"));
    else console.error(error instanceof Error ? error.message : error);
    process.exit(error instanceof CliError ? error.exitCode : error instanceof NotAllowedError ? NOT_ALLOWED : error instanceof ZodError ? 2 : 1);
  },
);
