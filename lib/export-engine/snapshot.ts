// The per-list snapshot of a segment as last planned (export_list_snapshots, see the Prisma
// model): what lets a re-run after a 1% change skip re-deriving a million members.
//   rebuild      no plan state, or other settings: every member read, normalised, validated,
//                de-duplicated (first export; after a crash PostgreSQL empties the UNLOGGED tables)
//   incremental  one pass compares each member's fingerprint of its inputs with the snapshot's;
//                only the members that joined, left or changed are re-derived, the emails they
//                had or have now are noted in ferry_affected, and the snapshot rows holding those
//                emails are copied to ferry_scope for the diff
// Everything runs inside the caller's transaction on the run's session: the snapshot, the plan
// state (in_sync reset) and the plan commit together or not at all.
import type pg from "pg";
import tlds from "tlds";
import type { DataFieldMapping } from "./plan-math";
import { copyInvalidEmails } from "./email-check";
import { withHashJoins, withPlannerSettings } from "./engine-db";
import { insertMembers, memberColumns } from "./member-sql";

export type PlanList = { exportListId: string; segmentId: string; mirror: boolean };
export type PlanSettings = { emailAttribute: string; dataFields: DataFieldMapping[] };
export type SnapshotRefresh = { rebuilt: boolean; inSync: boolean };

// Bump when what a snapshot row holds, or how it is derived, changes (every list then rebuilds).
// The TLD count stands for the validator's rules: a new `tlds` release rebuilds too.
const SNAPSHOT_VERSION = 2;

/**
 * The plan state of a list whose snapshot a first fill is writing chunk by chunk (stream-fill.ts):
 * never a settings key, so a snapshot whose fill did not finish is rebuilt by the next plan.
 */
export const FILLING_KEY = "filling";

export function settingsKey(settings: PlanSettings, mirror: boolean): string {
  return JSON.stringify({ v: SNAPSHOT_VERSION, tlds: (tlds as string[]).length, email: settings.emailAttribute, data: settings.dataFields, mirror });
}

export async function createAffectedTable(session: pg.ClientBase): Promise<void> {
  await session.query("DROP TABLE IF EXISTS ferry_changed, ferry_affected");
  // `derived`: the email of a member derived again by this plan (otherwise: one it had before).
  await session.query("CREATE TEMP TABLE ferry_affected (export_list_id uuid NOT NULL, email text NOT NULL, derived boolean NOT NULL DEFAULT false)");
}

/** Brings one list's snapshot up to date with its segment; see the file header. */
export async function refreshSnapshot(
  session: pg.ClientBase,
  list: PlanList,
  settings: PlanSettings,
  acknowledgedNow: number,
): Promise<SnapshotRefresh> {
  const key = settingsKey(settings, list.mirror);
  const state = (
    await session.query<{ settings_key: string; in_sync: boolean; acknowledged: number }>(
      "SELECT settings_key, in_sync, acknowledged FROM export_list_plan_states WHERE export_list_id = $1::uuid FOR UPDATE",
      [list.exportListId],
    )
  ).rows[0];
  let result: SnapshotRefresh;
  if (!state || state.settings_key !== key) {
    await rebuild(session, list, settings);
    result = { rebuilt: true, inSync: false };
  } else {
    await applyChanges(session, list, settings);
    // The acknowledged count is a cheap guard against the state being changed behind our back.
    result = { rebuilt: false, inSync: state.in_sync && state.acknowledged === acknowledgedNow };
  }
  await resetPlanState(session, list.exportListId, key);
  return result;
}

/** Until this run settles every planned row, the next one must diff the whole list. */
export async function resetPlanState(session: pg.ClientBase, exportListId: string, key: string): Promise<void> {
  await session.query(
    `INSERT INTO export_list_plan_states (export_list_id, settings_key, in_sync, acknowledged) VALUES ($1::uuid, $2, false, 0)
     ON CONFLICT (export_list_id) DO UPDATE SET settings_key = EXCLUDED.settings_key, in_sync = false`,
    [exportListId, key],
  );
}

/** The start of a rebuild or a fill: the list's snapshot goes, and what removed bindings left behind. */
export async function clearSnapshot(session: pg.ClientBase, exportListId: string): Promise<void> {
  // No foreign key on the snapshot, on purpose (see the Prisma model).
  await session.query("DELETE FROM export_list_snapshots WHERE export_list_id = $1::uuid OR export_list_id NOT IN (SELECT id FROM export_lists)", [exportListId]);
  await session.query("DELETE FROM export_list_plan_states WHERE export_list_id NOT IN (SELECT id FROM export_lists)");
}

async function rebuild(session: pg.ClientBase, list: PlanList, settings: PlanSettings): Promise<void> {
  await clearSnapshot(session, list.exportListId);
  const insert = insertMembers(settings, list, "segment_members sm");
  await session.query(insert.sql, insert.params);
  await analyzeSnapshots(session);
  await markInvalid(session, list, `SELECT s.email FROM export_list_snapshots s WHERE s.export_list_id = '${uuid(list.exportListId)}' AND s.email <> ''`);
  // Emails held by several members: all but the lowest profile id are duplicates. (Grouped by
  // hash first: a million 8-byte keys instead of a million strings; collisions are re-checked.)
  await session.query(
    `UPDATE export_list_snapshots s SET dup = true
     FROM (SELECT email, min(profile_id) AS keep FROM export_list_snapshots
           WHERE export_list_id = $1::uuid AND email <> '' AND hashtextextended(email, 0) IN (
             SELECT hashtextextended(email, 0) FROM export_list_snapshots WHERE export_list_id = $1::uuid AND email <> ''
             GROUP BY 1 HAVING count(*) > 1)
           GROUP BY email HAVING count(*) > 1) d
     WHERE s.export_list_id = $1::uuid AND s.email = d.email AND s.profile_id <> d.keep`,
    [list.exportListId],
  );
}

/**
 * Fresh statistics for the plans that follow. Two runs analysing the table at the same moment
 * can make one fail ("tuple concurrently updated"): a savepoint keeps that from failing the run
 * (the other run's statistics serve as well).
 */
export async function analyzeSnapshots(session: pg.ClientBase): Promise<void> {
  await session.query("SAVEPOINT ferry_analyze");
  try {
    await session.query("ANALYZE export_list_snapshots");
    await session.query("RELEASE SAVEPOINT ferry_analyze");
  } catch {
    await session.query("ROLLBACK TO SAVEPOINT ferry_analyze");
  }
}

async function applyChanges(session: pg.ClientBase, list: PlanList, settings: PlanSettings): Promise<void> {
  await session.query("DROP TABLE IF EXISTS ferry_changed");
  // One pass over the segment (narrow rows: ids and row versions): members who joined or left,
  // and those whose profile row was written since (its xmin, the writing transaction, differs).
  // `rewritten`: a member before and now whose row was written (its fingerprint, `old_fp` in the
  // snapshot, decides whether it changed). In parallel: 3.7–4.1 s → 2.4–2.6 s at 1M members.
  // (A utility statement: no bind parameters; the ids are checked uuids.)
  await withHashJoins(
    session,
    `CREATE TEMP TABLE ferry_changed AS
     SELECT coalesce(cur.profile_id, s.profile_id) AS profile_id, s.email AS old_email,
            (cur.profile_id IS NOT NULL AND s.profile_id IS NOT NULL) AS rewritten, s.fp AS old_fp, s.row_id
     FROM (SELECT sm.profile_id, p.xmin AS version FROM segment_members sm JOIN profiles p ON p.id = sm.profile_id
           WHERE sm.segment_id = '${uuid(list.segmentId)}') cur
     FULL JOIN (SELECT ctid AS row_id, profile_id, version, fp, email FROM export_list_snapshots WHERE export_list_id = '${uuid(list.exportListId)}') s
       ON s.profile_id = cur.profile_id
     WHERE cur.profile_id IS NULL OR s.profile_id IS NULL OR cur.version <> s.version`,
    [],
    { parallel: true },
  );
  await session.query("ANALYZE ferry_changed");
  // Of the rewritten ones, only those whose fingerprint differs changed: the row version only
  // spares recomputing the fingerprint of rows nobody wrote. (A rewrite that leaves the inputs
  // as they were costs a lookup on every run, never accuracy.) Computing the fingerprints in the
  // pass above doubled its time; here it is a primary-key lookup per rewritten member.
  const params: unknown[] = [];
  const c = memberColumns(settings, params);
  await session.query(
    `DELETE FROM ferry_changed x USING (
       SELECT d.id, ${c.fp} AS fp
       FROM (SELECT p.id, ${c.raw} AS raw, ${c.data} AS data FROM profiles p
             WHERE p.id IN (SELECT profile_id FROM ferry_changed WHERE rewritten) OFFSET 0) d) f
     WHERE x.rewritten AND x.profile_id = f.id AND f.fp = x.old_fp`,
    params,
  );
  await session.query(
    "INSERT INTO ferry_affected SELECT $1::uuid, old_email FROM ferry_changed WHERE old_email IS NOT NULL AND old_email <> ''",
    [list.exportListId],
  );
  // The changed members' old rows, by the row ids the pass above read (the snapshot is untouched
  // since, in this transaction): 10,000 of 1M in 0.1 s, where a join by profile id scanned the
  // whole list (0.48 s).
  await session.query("DELETE FROM export_list_snapshots WHERE ctid = ANY(ARRAY(SELECT row_id FROM ferry_changed WHERE row_id IS NOT NULL))");
  const insert = insertMembers(settings, list, "ferry_changed c JOIN segment_members sm ON sm.profile_id = c.profile_id");
  await session.query(
    `WITH inserted AS (${insert.sql} RETURNING email)
     INSERT INTO ferry_affected SELECT $1::uuid, email, true FROM inserted WHERE email <> ''`,
    insert.params,
  );
  await session.query("ANALYZE ferry_affected");
  // The members derived again are exactly the ones just inserted: their emails are in
  // ferry_affected already (no pass over the whole snapshot: planned as a join of the snapshot
  // with ferry_changed, that query once ran for minutes in a benchmark).
  await markInvalid(session, list, `SELECT DISTINCT f.email FROM ferry_affected f WHERE f.export_list_id = '${uuid(list.exportListId)}' AND f.derived`, {
    few: true,
  });
  // The snapshot rows of every affected email, read out once with their row ids: duplicates can
  // only have changed among them, so they are recomputed there and written back by row id (a
  // TID lookup each), and the diff (planner.ts) reads them from there too.
  const id = uuid(list.exportListId);
  await session.query("DROP TABLE IF EXISTS ferry_scope");
  await withHashJoins(
    session,
    `CREATE TEMP TABLE ferry_scope AS SELECT s.ctid AS row_id, s.* FROM export_list_snapshots s
     WHERE s.export_list_id = '${id}' AND s.email IN (SELECT email FROM ferry_affected WHERE export_list_id = '${id}')`,
    [],
  );
  await session.query(
    `UPDATE ferry_scope f SET dup = (f.profile_id <> k.keep)
     FROM (SELECT email, min(profile_id) AS keep FROM ferry_scope GROUP BY email) k WHERE f.email = k.email`,
  );
  // Keyed by email: the diff probes it once per acknowledged email it looks at (planner.ts), so
  // a nested loop over it, chosen on a misestimate, stays a lookup per row instead of a scan.
  await session.query("CREATE INDEX ON ferry_scope (email)");
  await session.query("ANALYZE ferry_scope");
  await session.query("UPDATE export_list_snapshots s SET dup = f.dup FROM ferry_scope f WHERE s.ctid = f.row_id AND s.dup IS DISTINCT FROM f.dup");
}

/**
 * Validates with Iterable's rules the emails `emails` selects (one column `email`, none empty)
 * that are not already acknowledged (Iterable accepted those), and marks the invalid ones.
 * `few`: a few thousand emails, each looked up in the acknowledged state's key (at the default
 * page cost PostgreSQL hashed the whole acknowledged million instead: 0.77 s of a re-run, seen
 * with auto_explain; the pages are in memory, as in diffList).
 */
async function markInvalid(session: pg.ClientBase, list: PlanList, emails: string, options: { few?: boolean } = {}): Promise<void> {
  const id = uuid(list.exportListId);
  const read = () =>
    copyInvalidEmails(
      session,
      `SELECT e.email FROM (${emails}) e
       WHERE NOT EXISTS (SELECT 1 FROM export_list_members a WHERE a.export_list_id = '${id}' AND a.email = e.email)`,
    );
  const invalid = options.few ? await withPlannerSettings(session, { random_page_cost: "1.1" }, read) : await read();
  if (invalid.length === 0) return;
  await session.query(
    "UPDATE export_list_snapshots s SET valid = false WHERE s.export_list_id = $1::uuid AND s.email = ANY($2::text[])",
    [list.exportListId, invalid],
  );
}

/**
 * At the end of a run that settled every planned row: the next run may diff only what changes.
 * `acknowledged`: how many rows the list's acknowledged state holds now (the run's own count;
 * the next plan compares it with a real count, so a wrong one only costs a whole diff).
 */
export async function markInSync(session: pg.ClientBase, exportListId: string, key: string, acknowledged: number): Promise<void> {
  await session.query(
    "UPDATE export_list_plan_states SET in_sync = true, acknowledged = $3 WHERE export_list_id = $1::uuid AND settings_key = $2",
    [exportListId, key, acknowledged],
  );
}

export function uuid(value: string): string {
  if (!/^[0-9a-f-]{36}$/i.test(value)) throw new Error("not a uuid");
  return value;
}
