// The keyring that seals connection secrets: the current master key (FERRY_MASTER_KEY, or on
// the embedded defaults a key generated once into the data folder) plus older keys still
// accepted for decryption while a rotation is under way (FERRY_MASTER_KEY_PREVIOUS).
import fs from "node:fs";
import path from "node:path";
import { settings } from "@/lib/config/env";
import { localSecret } from "@/lib/config/local-secrets";
import { parseMasterKey, type MasterKey } from "./secret-box";

export type Keyring = { current: MasterKey; all: MasterKey[] };

export const LOCAL_KEY_FILE = "master-key";
export const LOCAL_PREVIOUS_FILE = "master-key.previous";
let cached: Keyring | undefined;

export function keyring(): Keyring {
  if (cached) return cached;
  const config = settings();
  let material = config.FERRY_MASTER_KEY;
  const previousMaterial = (config.FERRY_MASTER_KEY_PREVIOUS ?? "").split(",");
  if (!material) {
    // In production a generated key would differ per machine and vanish with the container:
    // insist on a configured one (`npm start` passes the generated key to the app it starts).
    if (config.NODE_ENV === "production") throw new Error("FERRY_MASTER_KEY is not set (see README: Secrets)");
    material = localSecret(config.dataDir, LOCAL_KEY_FILE);
    // Left by an interrupted `npm run connections:rotate-master-key -- --new-local-key`.
    const previousFile = path.join(config.dataDir, "secrets", LOCAL_PREVIOUS_FILE);
    if (fs.existsSync(previousFile)) previousMaterial.push(fs.readFileSync(previousFile, "utf8"));
  }
  const current = parseMasterKey(material);
  const previous = previousMaterial
    .map((text) => text.trim())
    .filter(Boolean)
    .map(parseMasterKey)
    .filter((key) => key.id !== current.id);
  cached = { current, all: [current, ...previous] };
  return cached;
}

/** Tests only: forget the cached keyring after changing the settings. */
export function resetKeyringForTests() {
  cached = undefined;
}
