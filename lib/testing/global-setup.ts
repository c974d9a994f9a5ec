// Integration tests run against a real PostgreSQL: a fresh embedded server of their own
// (own data folder, free port) with all migrations applied, or the server named by
// FERRY_TEST_DATABASE_URL (a local one only: the tests wipe its tables).
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrateDeploy } from "@/lib/db/migrate";
import { assertLocalDatabase } from "./local-database";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export default async function setup() {
  const external = process.env.FERRY_TEST_DATABASE_URL;
  let stop = async () => {};
  let url: string;
  if (external) {
    assertLocalDatabase(external);
    url = external;
  } else {
    const dataDir = path.resolve(".data/test/postgres");
    fs.rmSync(dataDir, { recursive: true, force: true });
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    url = server.url;
    stop = server.stop;
  }
  await migrateDeploy(url, { quiet: true });
  process.env.DATABASE_URL = url;
  return async () => {
    await stop();
  };
}
