// Materialised membership: `segment_members(segment_id, profile_id)` holds the members of each
// segment as of its last refresh. This is the contract the export engine reads: it never
// evaluates rules itself, it reads the rows of a segment (and `segments.last_refreshed_at`).
//
// A refresh computes the new membership and applies only the difference, in ONE statement
// inside one transaction: members who left are deleted, members who joined are inserted,
// members who stayed are not touched (no index churn, and a reader never sees a half-applied
// refresh). A per-segment advisory lock keeps two refreshes of one segment from interleaving.
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

/**
 * Replaces the members of `segmentId` ($1) by the profile ids that `membersSql` selects (a
 * SELECT of one column `profile_id`, whose own parameters start at $2). Call inside a
 * transaction holding `lockSegment`.
 */
export async function applyMembership(client: pg.PoolClient, segmentId: string, membersSql: string, values: unknown[], started = Date.now()): Promise<RefreshResult> {
  const { rows } = await client.query<{ members: string; added: string; removed: string }>(
    `WITH fresh AS MATERIALIZED (${membersSql}),
     removed AS (
       DELETE FROM segment_members m WHERE m.segment_id = $1::uuid
         AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.profile_id = m.profile_id)
       RETURNING 1),
     added AS (
       INSERT INTO segment_members (segment_id, profile_id)
       SELECT $1::uuid, f.profile_id FROM fresh f
       WHERE NOT EXISTS (SELECT 1 FROM segment_members m WHERE m.segment_id = $1::uuid AND m.profile_id = f.profile_id)
       RETURNING 1)
     SELECT (SELECT count(*) FROM fresh) AS members, (SELECT count(*) FROM added) AS added, (SELECT count(*) FROM removed) AS removed`,
    [segmentId, ...values],
  );
  const ms = Date.now() - started;
  const result = { segmentId, members: Number(rows[0]!.members), added: Number(rows[0]!.added), removed: Number(rows[0]!.removed), ms };
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
