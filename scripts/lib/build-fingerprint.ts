// Decides whether the production build is current: a fingerprint of the sources it was built
// from (paths, sizes, modification times) is kept beside it.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "types", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const SKIP = new Set(["node_modules", "generated", ".next"]);

function walk(entry: string, hash: ReturnType<typeof createHash>) {
  if (!fs.existsSync(entry)) return;
  const stat = fs.statSync(entry);
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(entry).sort()) if (!SKIP.has(name)) walk(path.join(entry, name), hash);
  } else if (!/\.(test|int\.test)\.tsx?$/.test(entry)) {
    hash.update(`${entry}:${stat.size}:${stat.mtimeMs}\n`);
  }
}

export function sourceFingerprint(root: string): string {
  const hash = createHash("sha256");
  for (const source of SOURCES) walk(path.join(root, source), hash);
  return hash.digest("hex");
}

const stampFile = (root: string) => path.join(root, ".next", "ferry-build-fingerprint");

export function buildIsCurrent(root: string): boolean {
  const stamp = stampFile(root);
  return fs.existsSync(stamp) && fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.readFileSync(stamp, "utf8") === sourceFingerprint(root);
}

export function recordBuild(root: string, fingerprint: string) {
  fs.writeFileSync(stampFile(root), fingerprint);
}
