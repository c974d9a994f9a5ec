// Helpers for integration tests: an empty database per test file, and users of each role.
import { hashPassword } from "@/lib/auth/passwords";
import type { Role } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { assertLocalDatabase } from "./local-database";

export async function resetDatabase() {
  assertLocalDatabase(process.env.DATABASE_URL ?? "");
  const tables = await db().$queryRaw<{ tablename: string }[]>`
    SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  if (tables.length === 0) return;
  const list = tables.map((table) => `"${table.tablename}"`).join(", ");
  await db().$executeRawUnsafe(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
}

let counter = 0;
let cachedHash: Promise<string> | undefined;
export const TEST_PASSWORD = "correct-horse-battery";

export async function createTestUser(role: Role, overrides: { email?: string; active?: boolean } = {}): Promise<CurrentUser> {
  counter += 1;
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const user = await db().user.create({
    data: {
      email: overrides.email ?? `${role.toLowerCase()}-${counter}-${Date.now()}@example.com`,
      name: `${role} ${counter}`,
      role,
      active: overrides.active ?? true,
      passwordHash: await cachedHash,
    },
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export function formData(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}
