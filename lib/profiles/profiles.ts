// Reading profiles for the console. Pages go by keyset (id > cursor), so page 1 and page
// 20,000 of a million profiles cost the same. Search is by exact customer id (unique index) or
// by the exact value of any text attribute (GIN jsonb_path_ops containment, one bitmap per
// attribute): milliseconds at a million profiles, where a substring scan would take seconds.
// The customer id is looked up on its own: OR-ed with the containment tests it led the planner
// to walk the primary key hoping for an early match (6 s at 1M).
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
    // A customer id is unique: when the query is one, that profile is the answer.
    const byId = await withConnection((client) => client.query<{ id: string; customer_id: string; attributes: Record<string, unknown> }>(
      "SELECT id::text, customer_id, attributes FROM profiles WHERE customer_id = $1", [query]));
    if (byId.rows[0] && !after && !before) {
      const row = byId.rows[0];
      return { profiles: [{ id: row.id, customerId: row.customer_id, attributes: row.attributes ?? {} }], hasNext: false, hasPrevious: false };
    }
    const texts = (await catalogEntries()).filter((entry) => entry.type === "TEXT").map((entry) => entry.name);
    const variants = [...new Set([query, query.toLowerCase()])];
    const matches = texts.flatMap((name) => variants.map((variant) => `p.attributes @> $${values.push(JSON.stringify({ [name]: variant }))}::jsonb`));
    conditions.push(matches.length ? `(${matches.join(" OR ")})` : "FALSE");
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
