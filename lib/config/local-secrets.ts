// Secrets the embedded defaults generate once into the git-ignored data folder, so that a
// fresh clone runs without configuration and sessions survive restarts.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export function localSecret(dataDir: string, name: string, bytes = 32): string {
  const file = path.join(dataDir, "secrets", name);
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(bytes).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
