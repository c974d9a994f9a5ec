// `npm run connections:rotate-master-key`: re-encrypts every stored Iterable API key under the
// current master key. Stop the app first (it keeps the keyring it started with).
//   With FERRY_MASTER_KEY: set the new key there and the old one in FERRY_MASTER_KEY_PREVIOUS, run this,
//   then drop FERRY_MASTER_KEY_PREVIOUS.
//   On the embedded defaults: `-- --new-local-key` generates a new key into the data folder first
//   (the old one stays in master-key.previous until every key is re-encrypted).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { settings } from "@/lib/config/env";
import { localSecret } from "@/lib/config/local-secrets";
import { openDatabaseServer } from "@/lib/db/database-server";
import { LOCAL_KEY_FILE, LOCAL_PREVIOUS_FILE } from "@/lib/connections/master-keys";

async function main() {
  const config = settings();
  const newLocalKey = process.argv.includes("--new-local-key");
  const secrets = path.join(config.dataDir, "secrets");
  if (newLocalKey) {
    if (config.FERRY_MASTER_KEY) throw new Error("FERRY_MASTER_KEY is set: rotate by setting a new one (see README: Secrets)");
    const previousFile = path.join(secrets, LOCAL_PREVIOUS_FILE);
    // An earlier run that stopped half-way: finish it before generating yet another key.
    if (!fs.existsSync(previousFile)) {
      fs.writeFileSync(previousFile, `${localSecret(config.dataDir, LOCAL_KEY_FILE)}\n`, { mode: 0o600 });
      fs.writeFileSync(path.join(secrets, LOCAL_KEY_FILE), `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600 });
    }
  }
  const server = await openDatabaseServer();
  process.env.DATABASE_URL = server.url;
  try {
    const { reencryptUnderCurrentMasterKey } = await import("@/lib/connections/master-key-rotation");
    const result = await reencryptUnderCurrentMasterKey();
    console.log(`[ferry] re-encrypted ${result.connections} connection key(s) and ${result.drafts} draft key(s) under the current master key`);
    if (newLocalKey) fs.rmSync(path.join(secrets, LOCAL_PREVIOUS_FILE), { force: true });
    const { db } = await import("@/lib/db/client");
    await db().$disconnect();
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(`[ferry] rotation failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
