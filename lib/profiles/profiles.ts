// Reading profiles for the console. Pages go by keyset (id > cursor), so page 1 and page
// 20,000 of a million profiles cost the same.
import { db } from "@/lib/db/client";

export const PROFILE_PAGE_SIZE = 50;

export type ProfileRow = { id: string; customerId: string; attributes: Record<string, unknown> };

export async function listProfiles(options: { after?: bigint | null; before?: bigint | null }) {
  const { after, before } = options;
  const rows = await db().profile.findMany({
    where: before ? { id: { lt: before } } : after ? { id: { gt: after } } : undefined,
    orderBy: { id: before ? "desc" : "asc" },
    take: PROFILE_PAGE_SIZE + 1,
    select: { id: true, customerId: true, attributes: true },
  });
  const hasMore = rows.length > PROFILE_PAGE_SIZE;
  const page = rows.slice(0, PROFILE_PAGE_SIZE);
  if (before) page.reverse();
  const profiles: ProfileRow[] = page.map((row) => ({
    id: row.id.toString(),
    customerId: row.customerId,
    attributes: (row.attributes ?? {}) as Record<string, unknown>,
  }));
  return {
    profiles,
    hasNext: before ? true : hasMore,
    hasPrevious: before ? hasMore : Boolean(after),
  };
}

/** Estimated for big tables (planner statistics), exact for small ones: the header needs no exact million. */
export async function countProfiles(): Promise<number> {
  const rows = await db().$queryRaw<{ estimate: number }[]>`
    SELECT reltuples::float8 AS estimate FROM pg_class WHERE oid = 'profiles'::regclass`;
  const estimate = rows[0]?.estimate ?? -1;
  if (estimate >= 100_000) return Math.round(estimate);
  return db().profile.count();
}
