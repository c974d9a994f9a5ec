// Reading profiles for the console. Pages go by keyset (id > cursor), so page 1 and page
// 20,000 of a million profiles cost the same. Search is by exact customer id (unique index) or
// by the exact value of any text attribute (GIN jsonb_path_ops containment, one bitmap per
// attribute): milliseconds at a million profiles, where a substring scan would take seconds.
import { withConnection } from "@/lib/db/bulk";
import { db } from "@/lib/db/client";
import { catalogEntries } from "./attribute-catalog";

export const PROFILE_PAGE_SIZE = 50;

export type ProfileRow = { id: string; customerId: string; attributes: Record<string, unknown> };

export async function listProfiles(options: { after?: bigint | null; before?: bigint | null; query?: string }) {
  const { after, before } = options;
  const query = options.query?.trim() ?? "";
  const values: unknown[] = [];
  const conditions: string[] = [];
  if (query) {
    const matches = [`p.customer_id = $${values.push(query)}`];
    const texts = (await catalogEntries()).filter((entry) => entry.type === "TEXT").map((entry) => entry.name);
    const variants = [...new Set([query, query.toLowerCase()])];
    for (const name of texts) for (const variant of variants) matches.push(`p.attributes @> $${values.push(JSON.stringify({ [name]: variant }))}::jsonb`);
    conditions.push(`(${matches.join(" OR ")})`);
  }
  if (before) conditions.push(`p.id < $${values.push(before.toString())}::bigint`);
  else if (after) conditions.push(`p.id > $${values.push(after.toString())}::bigint`);
  const sql = `SELECT p.id::text, p.customer_id, p.attributes FROM profiles p
    ${conditions.length ? `WHERE ${conditions.join(" AND ")}` : ""}
    ORDER BY p.id ${before ? "DESC" : "ASC"} LIMIT ${PROFILE_PAGE_SIZE + 1}`;
  const { rows } = await withConnection((client) => client.query<{ id: string; customer_id: string; attributes: Record<string, unknown> }>(sql, values));
  const hasMore = rows.length > PROFILE_PAGE_SIZE;
  const page = rows.slice(0, PROFILE_PAGE_SIZE);
  if (before) page.reverse();
  const profiles: ProfileRow[] = page.map((row) => ({ id: row.id, customerId: row.customer_id, attributes: row.attributes ?? {} }));
  return {
    profiles,
    hasNext: before ? true : hasMore,
    hasPrevious: before ? hasMore : Boolean(after),
  };
}

export function getProfile(customerId: string) {
  return db().profile.findUnique({ where: { customerId } });
}

/** Estimated for big tables (planner statistics), exact for small ones: the header needs no exact million. */
export async function countProfiles(): Promise<number> {
  const rows = await db().$queryRaw<{ estimate: number }[]>`
    SELECT reltuples::float8 AS estimate FROM pg_class WHERE oid = 'profiles'::regclass`;
  const estimate = rows[0]?.estimate ?? -1;
  if (estimate >= 100_000) return Math.round(estimate);
  return db().profile.count();
}
