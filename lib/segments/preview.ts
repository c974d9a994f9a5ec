// Reading segments: the live count and sample of a rule being edited, the members of a segment
// (keyset pages over segment_members' primary key, so any page of a million costs the same),
// and the segments a profile belongs to.
import { db } from "@/lib/db/client";
import { inTransaction, withConnection } from "@/lib/db/bulk";
import { ExpectedError } from "@/lib/errors";
import { catalogEntries } from "@/lib/profiles/attribute-catalog";
import { compileRules } from "./compile-rules";
import { checkRules, type Group } from "./rules";

export const PREVIEW_SIZE = 10;
export const MEMBER_PAGE_SIZE = 25;
// A live count over a million profiles takes about a second; a pathological rule must not hold
// a connection for longer than this.
const COUNT_TIMEOUT_MS = 15_000;

export type ProfileSummary = { id: string; customerId: string; attributes: Record<string, unknown> };

export type RulePreview = { count: number; sample: ProfileSummary[] };

/** "This rule matches N profiles", and the first few of them. */
export async function previewRules(rules: Group): Promise<RulePreview> {
  const catalog = await catalogEntries();
  if (checkRules(rules, catalog).length > 0) throw new ExpectedError("segments.rulesInvalid", { field: "rules" });
  const where = compileRules(rules, catalog);
  return inTransaction(async (client) => {
    await client.query(`SET LOCAL statement_timeout = ${COUNT_TIMEOUT_MS}`);
    const count = await client.query<{ count: string }>(`SELECT count(*) AS count FROM profiles p WHERE ${where.sql}`, where.values);
    const rows = await client.query<{ id: string; customer_id: string; attributes: Record<string, unknown> }>(
      `SELECT p.id::text, p.customer_id, p.attributes FROM profiles p WHERE ${where.sql} ORDER BY p.id LIMIT ${PREVIEW_SIZE}`,
      where.values,
    );
    return { count: Number(count.rows[0]!.count), sample: rows.rows.map(toSummary) };
  });
}

function toSummary(row: { id: string; customer_id: string; attributes: Record<string, unknown> }): ProfileSummary {
  return { id: row.id, customerId: row.customer_id, attributes: row.attributes ?? {} };
}

/**
 * One page of a segment's members as of its last refresh, after profile id `after`. The bound is
 * repeated on profiles: PostgreSQL does not carry `>` across a join, and a merge join would
 * otherwise read profiles from the first id (half a second for a deep page at 1M).
 */
export async function listMembers(segmentId: string, after: bigint | null) {
  const { rows } = await withConnection((client) =>
    client.query<{ id: string; customer_id: string; attributes: Record<string, unknown> }>(
      `SELECT p.id::text, p.customer_id, p.attributes FROM segment_members m JOIN profiles p ON p.id = m.profile_id
       WHERE m.segment_id = $1::uuid AND m.profile_id > $2::bigint AND p.id > $2::bigint ORDER BY m.profile_id LIMIT ${MEMBER_PAGE_SIZE + 1}`,
      [segmentId, (after ?? 0n).toString()],
    ),
  );
  return { members: rows.slice(0, MEMBER_PAGE_SIZE).map(toSummary), hasNext: rows.length > MEMBER_PAGE_SIZE };
}

export async function segmentsOfProfile(profileId: bigint) {
  const memberships = await db().segmentMember.findMany({ where: { profileId }, select: { segmentId: true } });
  return db().segment.findMany({
    where: { id: { in: memberships.map((membership) => membership.segmentId) } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, kind: true, lastRefreshedAt: true },
  });
}
