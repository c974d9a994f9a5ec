// Applies the versioned migrations in prisma/migrations through Prisma's CLI, configured by
// prisma.config.ts for the offline JS schema engine.
import { spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

export function runPrismaCli(args: string[], databaseUrl: string, options: { quiet?: boolean } = {}) {
  const preload = path.join(root, "prisma/unref-long-timers.cjs");
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require=${preload}`].filter(Boolean).join(" "),
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  };
  const cli = path.join(root, "node_modules/prisma/build/index.js");
  return new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, env });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (!options.quiet) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
      if (!options.quiet) process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`prisma ${args.join(" ")} exited with ${code}\n${output}`));
    });
  });
}

export async function migrateDeploy(databaseUrl: string, options: { quiet?: boolean } = {}) {
  await runPrismaCli(["migrate", "deploy"], databaseUrl, options);
}
