// Resolves the database a command works on: DATABASE_URL when set, otherwise the embedded
// PostgreSQL in the data folder (started here, stopped by the caller).
import path from "node:path";
import { settings } from "@/lib/config/env";
import { startEmbeddedPostgres } from "./embedded-postgres";

export type DatabaseServer = { url: string; embedded: boolean; stop(): Promise<void> };

export async function openDatabaseServer(options: { onLog?: (line: string) => void } = {}): Promise<DatabaseServer> {
  const { DATABASE_URL, dataDir, FERRY_PG_PORT, FERRY_PG_SETTINGS } = settings();
  if (DATABASE_URL) return { url: DATABASE_URL, embedded: false, stop: async () => {} };
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, "postgres"),
    port: FERRY_PG_PORT,
    ...(FERRY_PG_SETTINGS !== undefined ? { settings: FERRY_PG_SETTINGS.split(",").map((s) => s.trim()).filter(Boolean) } : {}),
    onLog: options.onLog,
  });
  return { url: server.url, embedded: true, stop: server.stop };
}
