// Plans a run inside PostgreSQL, set-based, on the run's own session (temporary tables):
//   ferry_stage     one row per segment member: list, profile, normalised email, dataFields
//   ferry_invalid   emails Iterable's validator would refuse (checked in JS, see below)
//   ferry_target    per list, each valid email once (lowest profile id wins) and its data hash
//   ferry_plan_sub  joiners and members whose sent data changed (vs. the acknowledged state)
//   ferry_plan_unsub leavers (mirror mode): acknowledged but no longer in the target
// Nothing here holds the members as JS objects; only the validation pass streams emails through
// Node in pages, and only those not already acknowledged (an acknowledged email is one Iterable
// accepted, so a re-run validates just the newcomers).
import type pg from "pg";
import { isValidEmail } from "@/lib/iterable";
import type { DataFieldMapping, MemberCounts } from "./plan-math";

export type PlanList = { exportListId: string; segmentId: string; mirror: boolean };

const VALIDATION_PAGE = 20_000;
// JS's String.prototype.trim (what normalizeEmail uses) also strips these; btrim's default is
// the space only. (PostgreSQL's E'' strings know no \v: vertical tab is \x0b.)
export const TRIM_CHARS = "E' \\t\\n\\r\\f\\x0b\\u00a0\\ufeff\\u2028\\u2029\\u3000'";

export async function dropPlanTables(session: pg.ClientBase): Promise<void> {
  await session.query(
    "DROP TABLE IF EXISTS ferry_stage, ferry_invalid, ferry_target, ferry_plan_sub, ferry_plan_unsub",
  );
}

/** Members of every list's segment with their normalised email and mapped dataFields. */
export async function stageMembers(
  session: pg.ClientBase,
  options: { lists: PlanList[]; emailAttribute: string; dataFields: DataFieldMapping[] },
): Promise<void> {
  await dropPlanTables(session);
  const params: unknown[] = [options.lists.map((l) => l.segmentId), options.lists.map((l) => l.exportListId), options.emailAttribute];
  const pairs = options.dataFields.map((mapping) => {
    params.push(mapping.field, mapping.attribute);
    return `$${params.length - 1}::text, p.attributes -> $${params.length}::text`;
  });
  // Absent attributes are sent as null, so a value removed from a profile is cleared in Iterable.
  const data = pairs.length ? `jsonb_build_object(${pairs.join(", ")})` : "NULL::jsonb";
  await session.query(
    `CREATE TEMP TABLE ferry_stage AS
     SELECT b.export_list_id, sm.profile_id, lower(btrim(p.attributes ->> $3::text, ${TRIM_CHARS})) AS email, ${data} AS data
     FROM unnest($1::uuid[], $2::uuid[]) AS b(segment_id, export_list_id)
     JOIN segment_members sm ON sm.segment_id = b.segment_id
     JOIN profiles p ON p.id = sm.profile_id`,
    params,
  );
  await session.query("CREATE TEMP TABLE ferry_invalid (email text PRIMARY KEY)");
}

/** Validates, with Iterable's own rules (lib/iterable/email.ts), the emails not yet acknowledged. */
export async function markInvalidEmails(session: pg.ClientBase): Promise<void> {
  await session.query("BEGIN");
  try {
    await session.query(
      `DECLARE ferry_candidates NO SCROLL CURSOR FOR
       SELECT s.email FROM ferry_stage s
       WHERE s.email <> '' AND NOT EXISTS (
         SELECT 1 FROM export_list_members a WHERE a.export_list_id = s.export_list_id AND a.email = s.email)`,
    );
    for (;;) {
      const page = await session.query<string[]>({ text: `FETCH ${VALIDATION_PAGE} FROM ferry_candidates`, rowMode: "array" });
      if (page.rows.length === 0) break;
      const invalid = page.rows.map((row) => row[0] as string).filter((email) => !isValidEmail(email));
      if (invalid.length) {
        await session.query("INSERT INTO ferry_invalid SELECT unnest($1::text[]) ON CONFLICT DO NOTHING", [invalid]);
      }
    }
    await session.query("CLOSE ferry_candidates");
    await session.query("COMMIT");
  } catch (error) {
    await session.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

export type ListPlanRaw = MemberCounts & { toAdd: number; toUpdate: number; toRemove: number; acknowledgedBefore: number };

/**
 * The diff against the acknowledged state. `runId` excludes rows this run already had refused by
 * Iterable (a resumed run must not resend a row whose refusal is final).
 */
export async function buildPlan(session: pg.ClientBase, lists: PlanList[], runId: string | null): Promise<Map<string, ListPlanRaw>> {
  await session.query(
    `CREATE TEMP TABLE ferry_target AS
     SELECT DISTINCT ON (s.export_list_id, s.email) s.export_list_id, s.email, s.data,
            CASE WHEN s.data IS NULL THEN '' ELSE md5(s.data::text) END AS data_hash
     FROM ferry_stage s
     WHERE s.email <> '' AND NOT EXISTS (SELECT 1 FROM ferry_invalid i WHERE i.email = s.email)
     ORDER BY s.export_list_id, s.email, s.profile_id`,
  );
  await session.query("ANALYZE ferry_target");
  const ids = lists.map((l) => l.exportListId);
  await session.query(
    `CREATE TEMP TABLE ferry_plan_sub AS
     SELECT t.export_list_id, t.email, t.data, t.data_hash, (a.email IS NULL) AS is_new
     FROM ferry_target t
     LEFT JOIN export_list_members a ON a.export_list_id = t.export_list_id AND a.email = t.email
     WHERE (a.email IS NULL OR a.data_hash <> t.data_hash)
       AND NOT EXISTS (SELECT 1 FROM export_run_rejections r WHERE r.run_id = $1::uuid
         AND r.export_list_id = t.export_list_id AND r.email = t.email AND r.operation = 'subscribe')`,
    [runId],
  );
  const mirrored = lists.filter((l) => l.mirror).map((l) => l.exportListId);
  await session.query(
    `CREATE TEMP TABLE ferry_plan_unsub AS
     SELECT a.export_list_id, a.email FROM export_list_members a
     WHERE a.export_list_id = ANY($1::uuid[])
       AND NOT EXISTS (SELECT 1 FROM ferry_target t WHERE t.export_list_id = a.export_list_id AND t.email = a.email)
       AND NOT EXISTS (SELECT 1 FROM export_run_rejections r WHERE r.run_id = $2::uuid
         AND r.export_list_id = a.export_list_id AND r.email = a.email AND r.operation = 'unsubscribe')`,
    [mirrored, runId],
  );
  return planCounts(session, ids);
}

async function planCounts(session: pg.ClientBase, ids: string[]): Promise<Map<string, ListPlanRaw>> {
  const counts = new Map<string, ListPlanRaw>(
    ids.map((id) => [id, { members: 0, missingEmails: 0, invalidEmails: 0, uniqueEmails: 0, toAdd: 0, toUpdate: 0, toRemove: 0, acknowledgedBefore: 0 }]),
  );
  const apply = (rows: Record<string, unknown>[], fields: (keyof ListPlanRaw)[]) => {
    for (const row of rows) {
      const entry = counts.get(row.id as string);
      if (entry) for (const field of fields) entry[field] = Number(row[field]);
    }
  };
  const q = async (text: string, params: unknown[] = []) => (await session.query(text, params)).rows as Record<string, unknown>[];
  apply(
    await q(`SELECT s.export_list_id::text AS id, count(*) AS "members",
               count(*) FILTER (WHERE s.email IS NULL OR s.email = '') AS "missingEmails",
               count(*) FILTER (WHERE s.email <> '' AND i.email IS NOT NULL) AS "invalidEmails"
             FROM ferry_stage s LEFT JOIN ferry_invalid i ON i.email = s.email GROUP BY 1`),
    ["members", "missingEmails", "invalidEmails"],
  );
  apply(await q(`SELECT export_list_id::text AS id, count(*) AS "uniqueEmails" FROM ferry_target GROUP BY 1`), ["uniqueEmails"]);
  apply(
    await q(`SELECT export_list_id::text AS id, count(*) FILTER (WHERE is_new) AS "toAdd",
               count(*) FILTER (WHERE NOT is_new) AS "toUpdate" FROM ferry_plan_sub GROUP BY 1`),
    ["toAdd", "toUpdate"],
  );
  apply(await q(`SELECT export_list_id::text AS id, count(*) AS "toRemove" FROM ferry_plan_unsub GROUP BY 1`), ["toRemove"]);
  apply(
    await q(`SELECT export_list_id::text AS id, count(*) AS "acknowledgedBefore" FROM export_list_members
             WHERE export_list_id = ANY($1::uuid[]) GROUP BY 1`, [ids]),
    ["acknowledgedBefore"],
  );
  return counts;
}

/**
 * After Iterable said a list is gone (and its acknowledged state was cleared): the whole target
 * becomes a subscribe, nothing is left to unsubscribe.
 */
export async function replanAsNewList(session: pg.ClientBase, exportListId: string, runId: string): Promise<number> {
  await session.query("DELETE FROM ferry_plan_sub WHERE export_list_id = $1::uuid", [exportListId]);
  await session.query("DELETE FROM ferry_plan_unsub WHERE export_list_id = $1::uuid", [exportListId]);
  const inserted = await session.query(
    `INSERT INTO ferry_plan_sub SELECT t.export_list_id, t.email, t.data, t.data_hash, true FROM ferry_target t
     WHERE t.export_list_id = $1::uuid AND NOT EXISTS (SELECT 1 FROM export_run_rejections r WHERE r.run_id = $2::uuid
       AND r.export_list_id = t.export_list_id AND r.email = t.email AND r.operation = 'subscribe')`,
    [exportListId, runId],
  );
  return inserted.rowCount ?? 0;
}

/** Up to `limit` planned emails of each kind, for the dry run. */
export async function planSample(session: pg.ClientBase, exportListId: string, limit: number) {
  const pick = async (sql: string) =>
    (await session.query<{ email: string }>(sql, [exportListId, limit])).rows.map((row) => row.email);
  return {
    adds: await pick("SELECT email FROM ferry_plan_sub WHERE export_list_id = $1::uuid AND is_new ORDER BY email LIMIT $2"),
    updates: await pick("SELECT email FROM ferry_plan_sub WHERE export_list_id = $1::uuid AND NOT is_new ORDER BY email LIMIT $2"),
    removes: await pick("SELECT email FROM ferry_plan_unsub WHERE export_list_id = $1::uuid ORDER BY email LIMIT $2"),
  };
}
