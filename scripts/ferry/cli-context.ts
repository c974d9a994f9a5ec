// What every CLI command needs: the database, the acting user (role checked with the same
// permission table as the UI, recorded in the audit log) and output in text or JSON.
import { can, type Permission } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** DATABASE_URL, or the embedded PostgreSQL of a running `npm start`, or start it here. */
export async function connectDatabase(): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL) return async () => {};
  // Loaded only here: with DATABASE_URL set (cron, scripts, tests) the CLI starts faster.
  const [{ default: pg }, { settings }, { openDatabaseServer }, { embeddedDatabaseUrl }, { migrateDeploy }] = await Promise.all([
    import("pg"), import("@/lib/config/env"), import("@/lib/db/database-server"), import("@/lib/db/embedded-postgres"), import("@/lib/db/migrate"),
  ]);
  const url = embeddedDatabaseUrl(settings().FERRY_PG_PORT);
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  const running = await probe.connect().then(() => true, () => false);
  await probe.end().catch(() => {});
  if (running) {
    process.env.DATABASE_URL = url;
    return async () => {};
  }
  const server = await openDatabaseServer();
  process.env.DATABASE_URL = server.url;
  await migrateDeploy(server.url, { quiet: true });
  return server.stop;
}

/** The user named by --as, refused unless active and allowed `permission` (exit code 4). */
export async function actingUser(email: string | undefined, permission: Permission): Promise<CurrentUser> {
  if (!email) throw new CliError("--as <email> is required: the CLI acts as a Ferry user", 2);
  const { db } = await import("@/lib/db/client");
  const user = await db().user.findUnique({ where: { email: email.toLowerCase() } });
  if (!user || !user.active) throw new CliError(`No active Ferry user ${email}`, NOT_ALLOWED);
  if (!can(user.role, permission)) throw new CliError(`${email} (${user.role}) is not allowed ${permission}`, NOT_ALLOWED);
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** Exit code of a command refused to the acting user (role, connection not shared with them). */
export const NOT_ALLOWED = 4;

export function print(json: boolean, value: unknown, text: () => string): void {
  if (json) console.log(JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v), 2));
  else console.log(text());
}
