// Plans a run inside PostgreSQL, set-based, on the run's own session, inside the caller's
// transaction. Each list's members come from its snapshot (snapshot.ts: brought up to date
// first); the plan goes to temporary tables the send phase reads with a cursor:
//   ferry_plan_sub   joiners and members whose sent data changed (vs. the acknowledged state)
//   ferry_plan_unsub leavers (mirror mode): acknowledged but no longer in the target
// The target of a list = its snapshot rows with a valid, non-duplicate email. When the previous
// run left the list in sync (it settled every planned row), only the emails that changed since
// (ferry_affected) can differ from the acknowledged state, so only they are diffed.
// Nothing here holds the members as JS objects; only validation streams emails through Node.
import type pg from "pg";
import type { MemberCounts } from "./plan-math";
import { withHashJoins, withPlannerSettings } from "./engine-db";
import { createAffectedTable, refreshSnapshot, type PlanList, type PlanSettings } from "./snapshot";

export type { PlanList } from "./snapshot";

export async function dropPlanTables(session: pg.ClientBase): Promise<void> {
  await session.query("DROP TABLE IF EXISTS ferry_plan_sub, ferry_plan_unsub, ferry_changed, ferry_affected, ferry_scope");
}

export type ListPlanRaw = MemberCounts & { toAdd: number; toUpdate: number; toRemove: number; acknowledgedBefore: number };
export type PlanTimings = (phase: string) => void;

/**
 * Refreshes every list's snapshot and diffs it against the acknowledged state. `runId` excludes
 * rows this run already had refused by Iterable (a resumed run must not resend a row whose
 * refusal is final).
 */
export async function planLists(
  session: pg.ClientBase,
  options: PlanSettings & { lists: PlanList[]; runId: string | null; lap?: PlanTimings },
): Promise<Map<string, ListPlanRaw>> {
  await dropPlanTables(session);
  await createAffectedTable(session);
  await session.query("CREATE TEMP TABLE ferry_plan_sub (export_list_id uuid, email text, data text, data_hash text, is_new boolean)");
  await session.query("CREATE TEMP TABLE ferry_plan_unsub (export_list_id uuid, email text)");
  const plans = new Map<string, ListPlanRaw>();
  for (const list of options.lists) {
    const acknowledgedBefore = await countAcknowledged(session, list.exportListId);
    options.lap?.("count-acknowledged");
    const refresh = await refreshSnapshot(session, list, options, acknowledgedBefore);
    options.lap?.(refresh.rebuilt ? "snapshot-rebuild" : "snapshot-changes");
    await diffList(session, list, refresh.inSync, options.runId);
    plans.set(list.exportListId, { ...(await listCounts(session, list.exportListId)), acknowledgedBefore });
    options.lap?.(refresh.inSync ? "plan-changes" : "plan-full");
  }
  return plans;
}

async function countAcknowledged(session: pg.ClientBase, exportListId: string): Promise<number> {
  const { rows } = await session.query<{ n: string }>("SELECT count(*) AS n FROM export_list_members WHERE export_list_id = $1::uuid", [exportListId]);
  return Number(rows[0]?.n ?? 0);
}

async function diffList(session: pg.ClientBase, list: PlanList, onlyAffected: boolean, runId: string | null): Promise<void> {
  // Only the affected emails: their snapshot rows, read out once by the incremental refresh
  // (ferry_scope, small and analysed), each looked up in the acknowledged state's primary key.
  // The whole list: hash joins (see withHashJoins).
  let source = "export_list_snapshots";
  let scope = "";
  let run = (sql: string, params: unknown[]) => withHashJoins(session, sql, params);
  if (onlyAffected) {
    source = "ferry_scope";
    scope = `AND a.email IN (SELECT email FROM ferry_affected WHERE export_list_id = $1::uuid)`;
    // With the default page cost PostgreSQL read the whole acknowledged state rather than look
    // up 10,000 emails in its primary key (1M members: 540 → 82 ms and 407 → 281 ms for the two
    // statements below); its pages are in memory, where a random read costs about a sequential one.
    run = (sql, params) => withPlannerSettings(session, { random_page_cost: "1.1" }, sql, params);
  }
  await run(
    `INSERT INTO ferry_plan_sub (export_list_id, email, data, data_hash, is_new)
     SELECT $1::uuid, s.email, s.data, s.data_hash, (a.email IS NULL)
     FROM ${source} s
     LEFT JOIN export_list_members a ON a.export_list_id = $1::uuid AND a.email = s.email
     WHERE s.export_list_id = $1::uuid AND s.email <> '' AND s.valid AND NOT s.dup
       AND (a.email IS NULL OR a.data_hash <> s.data_hash)
       AND NOT EXISTS (SELECT 1 FROM export_run_rejections r WHERE r.run_id = $2::uuid
         AND r.export_list_id = $1::uuid AND r.email = s.email AND r.operation = 'subscribe')`,
    [list.exportListId, runId],
  );
  if (!list.mirror) return;
  await run(
    `INSERT INTO ferry_plan_unsub (export_list_id, email)
     SELECT $1::uuid, a.email FROM export_list_members a
     WHERE a.export_list_id = $1::uuid ${scope}
       AND NOT EXISTS (SELECT 1 FROM ${source} s
         WHERE s.export_list_id = $1::uuid AND s.email = a.email AND s.valid AND NOT s.dup)
       AND NOT EXISTS (SELECT 1 FROM export_run_rejections r WHERE r.run_id = $2::uuid
         AND r.export_list_id = $1::uuid AND r.email = a.email AND r.operation = 'unsubscribe')`,
    [list.exportListId, runId],
  );
}

async function listCounts(session: pg.ClientBase, exportListId: string): Promise<Omit<ListPlanRaw, "acknowledgedBefore">> {
  const members = await session.query<Record<string, string>>(
    `SELECT count(*) AS members, count(*) FILTER (WHERE email = '') AS missing,
            count(*) FILTER (WHERE email <> '' AND NOT valid) AS invalid,
            count(*) FILTER (WHERE email <> '' AND valid AND NOT dup) AS "unique"
     FROM export_list_snapshots WHERE export_list_id = $1::uuid`,
    [exportListId],
  );
  const planned = await session.query<Record<string, string>>(
    `SELECT (SELECT count(*) FILTER (WHERE is_new) FROM ferry_plan_sub WHERE export_list_id = $1::uuid) AS "toAdd",
            (SELECT count(*) FILTER (WHERE NOT is_new) FROM ferry_plan_sub WHERE export_list_id = $1::uuid) AS "toUpdate",
            (SELECT count(*) FROM ferry_plan_unsub WHERE export_list_id = $1::uuid) AS "toRemove"`,
    [exportListId],
  );
  const m = members.rows[0]!;
  const p = planned.rows[0]!;
  return {
    members: Number(m.members), missingEmails: Number(m.missing), invalidEmails: Number(m.invalid), uniqueEmails: Number(m.unique),
    toAdd: Number(p.toAdd), toUpdate: Number(p.toUpdate), toRemove: Number(p.toRemove),
  };
}

/**
 * After Iterable said a list is gone (and its acknowledged state was cleared): the whole target
 * becomes a subscribe, nothing is left to unsubscribe.
 */
export async function replanAsNewList(session: pg.ClientBase, exportListId: string, runId: string): Promise<number> {
  await session.query("DELETE FROM ferry_plan_sub WHERE export_list_id = $1::uuid", [exportListId]);
  await session.query("DELETE FROM ferry_plan_unsub WHERE export_list_id = $1::uuid", [exportListId]);
  const inserted = await session.query(
    `INSERT INTO ferry_plan_sub SELECT s.export_list_id, s.email, s.data, s.data_hash, true FROM export_list_snapshots s
     WHERE s.export_list_id = $1::uuid AND s.email <> '' AND s.valid AND NOT s.dup
       AND NOT EXISTS (SELECT 1 FROM export_run_rejections r WHERE r.run_id = $2::uuid
       AND r.export_list_id = s.export_list_id AND r.email = s.email AND r.operation = 'subscribe')`,
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
