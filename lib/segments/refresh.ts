// Materialised membership: `segment_members(segment_id, profile_id)` holds the members of each
// segment as of its last refresh. This is the contract the export engine reads: it never
// evaluates rules itself, it reads the rows of a segment (and `segments.last_refreshed_at`).
//
// A refresh computes the new membership and applies only the difference inside one
// transaction: members who left are deleted, members who joined are inserted, members who
// stayed are not touched (no index churn, and a reader never sees a half-applied refresh). A per-segment advisory lock keeps two refreshes of one segment from interleaving.
import type pg from "pg";
import { inTransaction, withConnection } from "@/lib/db/bulk";
import { ExpectedError } from "@/lib/errors";
import { logger } from "@/lib/logging/logger";
import { catalogEntries } from "@/lib/profiles/attribute-catalog";
import { compileRules } from "./compile-rules";
import { groupSchema, type CatalogEntry } from "./rules";

export type RefreshResult = { segmentId: string; members: number; added: number; removed: number; ms: number };

/** Locks one segment's membership for the rest of the transaction. */
export async function lockSegment(client: pg.PoolClient, segmentId: string) {
  await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`ferry.segment.${segmentId}`]);
}

// Hash joins over a million ids spill to disk with the default 4 MB; this is per statement,
// for the duration of one refresh transaction.
const REFRESH_WORK_MEM = "256MB";

/**
 * Replaces the members of `segmentId` ($1) by the profile ids that `membersSql` selects (a
 * SELECT of one column `profile_id`, whose own parameters start at $2). Call inside a
 * transaction holding `lockSegment`.
 *
 * One FULL JOIN of the fresh members with the current ones yields the difference (who joined,
 * who left) into a temporary table; only that difference is then written. Comparing both sides
 * twice (an anti-join for the leavers and another for the joiners) cost twice the hashing of a
 * million ids.
 */
export async function applyMembership(client: pg.PoolClient, segmentId: string, membersSql: string, values: unknown[], started = Date.now()): Promise<RefreshResult> {
  await client.query(`SET LOCAL work_mem = '${REFRESH_WORK_MEM}'`);
  await client.query("DROP TABLE IF EXISTS pg_temp.segment_diff");
  const diff = await client.query(
    `CREATE TEMP TABLE segment_diff ON COMMIT DROP AS
     SELECT f.profile_id AS joined, m.profile_id AS left_id
     FROM (${membersSql}) f
     FULL JOIN (SELECT profile_id FROM segment_members WHERE segment_id = $1::uuid) m ON m.profile_id = f.profile_id
     WHERE f.profile_id IS NULL OR m.profile_id IS NULL`,
    [segmentId, ...values],
  );
  let added = 0;
  let removed = 0;
  if ((diff.rowCount ?? 0) > 0) {
    // Statistics of the difference: a handful of leavers are deleted through the primary key, a
    // million with one hash join.
    await client.query("ANALYZE pg_temp.segment_diff");
    removed = (await client.query(
      `DELETE FROM segment_members m USING pg_temp.segment_diff d
       WHERE m.segment_id = $1::uuid AND d.joined IS NULL AND m.profile_id = d.left_id`, [segmentId])).rowCount ?? 0;
    added = (await client.query(
      `INSERT INTO segment_members (segment_id, profile_id)
       SELECT $1::uuid, d.joined FROM pg_temp.segment_diff d WHERE d.joined IS NOT NULL ORDER BY d.joined`, [segmentId])).rowCount ?? 0;
  }
  const { rows } = await client.query<{ members: string }>("SELECT count(*) AS members FROM segment_members WHERE segment_id = $1::uuid", [segmentId]);
  const ms = Date.now() - started;
  const result = { segmentId, members: Number(rows[0]!.members), added, removed, ms };
  await client.query("UPDATE segments SET member_count = $2, last_refreshed_at = now(), last_refresh_ms = $3 WHERE id = $1::uuid", [segmentId, result.members, ms]);
  return result;
}

/** The SELECT of a dynamic segment's members, parameters from $2 ($1 is the segment id). */
export function dynamicMembersSql(rules: unknown, catalog: readonly CatalogEntry[]) {
  const parsed = groupSchema.safeParse(rules);
  if (!parsed.success) throw new ExpectedError("segments.rulesInvalid");
  const where = compileRules(parsed.data, catalog, 2);
  return { sql: `SELECT p.id AS profile_id FROM profiles p WHERE ${where.sql}`, values: where.values };
}

/** The SELECT of a static segment's members: profiles whose id (or attribute) is in its list. */
export function staticMembersSql(matchBy: string) {
  if (matchBy === "customer_id") {
    return { sql: `SELECT p.id AS profile_id FROM static_segment_entries e JOIN profiles p ON p.customer_id = e.value WHERE e.segment_id = $1::uuid`, values: [] };
  }
  // Emails and other attributes are matched trimmed and case-insensitively (entries are stored lowercased).
  return {
    sql: `SELECT DISTINCT p.id AS profile_id FROM static_segment_entries e
          JOIN profiles p ON lower(btrim(p.attributes->>($2::text))) = e.value WHERE e.segment_id = $1::uuid`,
    values: [matchBy],
  };
}

/** Refreshes one segment now (dynamic: evaluates its rules; static: re-matches its list). */
export async function refreshSegment(segmentId: string): Promise<RefreshResult> {
  const catalog = await catalogEntries();
  return inTransaction(async (client) => {
    const started = Date.now();
    await lockSegment(client, segmentId);
    const { rows } = await client.query<{ kind: string; rules: unknown; match_by: string | null }>(
      "SELECT kind::text, rules, match_by FROM segments WHERE id = $1::uuid",
      [segmentId],
    );
    const segment = rows[0];
    if (!segment) throw new ExpectedError("segments.notFound");
    const members = segment.kind === "DYNAMIC" ? dynamicMembersSql(segment.rules, catalog) : staticMembersSql(segment.match_by ?? "customer_id");
    return applyMembership(client, segmentId, members.sql, members.values, started);
  }).then(async (result) => {
    // Fresh statistics after a big change, or the planner misjudges member pages (seconds, not ms).
    if (result.added + result.removed > 50_000) await withConnection((client) => client.query("ANALYZE segment_members"));
    logger.info(result, "segment refreshed");
    return result;
  });
}

/**
 * Refreshes every dynamic segment, one after another. The scheduled system refresh calls this
 * (through `refreshAllSegmentsJob`), then runs the exports. Static segments change only when
 * their list is uploaded again. A segment whose rules no longer fit the catalog is reported,
 * and the others still refresh.
 */
export async function refreshAllDynamicSegments(options: {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => Promise<void> | void;
} = {}): Promise<{ refreshed: RefreshResult[]; failed: { segmentId: string; errorKey: string }[] }> {
  const { rows } = await inTransaction((client) => client.query<{ id: string }>("SELECT id::text FROM segments WHERE kind = 'DYNAMIC' ORDER BY name"));
  const refreshed: RefreshResult[] = [];
  const failed: { segmentId: string; errorKey: string }[] = [];
  await options.onProgress?.(0, rows.length);
  for (const [index, row] of rows.entries()) {
    if (options.signal?.aborted) throw options.signal.reason;
    try {
      refreshed.push(await refreshSegment(row.id));
    } catch (error) {
      if (!(error instanceof ExpectedError)) throw error;
      failed.push({ segmentId: row.id, errorKey: error.messageKey });
    }
    await options.onProgress?.(index + 1, rows.length);
  }
  return { refreshed, failed };
}
