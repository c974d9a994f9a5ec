// Makes sure every list binding points at a live Iterable list before a run plans.
// Keyed on the list id, never the name (iterable-api.md, 8). A list Iterable no longer has is
// created again with the same name and its acknowledged state is cleared, so the plan resends
// the whole membership.
import { db } from "@/lib/db/client";
import type { IterableClient } from "@/lib/iterable";
import { dropUnattachedTableSql } from "./ack-partitions";

// Iterable's writes are eventually consistent (iterable-api.md, 4): a list created moments ago
// may be missing from GET /api/lists. Within this window its absence is not taken as "gone".
const FRESH_LIST_MS = 5 * 60_000;

export type BoundList = {
  exportListId: string;
  listName: string;
  iterableListId: number;
  /** Created recently: writes may briefly answer "unknown list" and are retried. */
  fresh: boolean;
};

type Binding = { id: string; listName: string; iterableListId: number | null; iterableListCreatedAt: Date | null };

export async function ensureLists(client: IterableClient, runId: string, bindings: Binding[]): Promise<BoundList[]> {
  const known = bindings.some((b) => b.iterableListId !== null) ? new Set((await client.listLists()).map((l) => l.id)) : new Set<number>();
  const bound: BoundList[] = [];
  for (const binding of bindings) {
    const fresh = isFresh(binding.iterableListCreatedAt);
    if (binding.iterableListId !== null && (known.has(binding.iterableListId) || fresh)) {
      bound.push({ exportListId: binding.id, listName: binding.listName, iterableListId: binding.iterableListId, fresh });
      continue;
    }
    const gone = binding.iterableListId !== null;
    const iterableListId = await recreateList(client, runId, binding.id, binding.listName, gone);
    bound.push({ exportListId: binding.id, listName: binding.listName, iterableListId, fresh: true });
  }
  return bound;
}

/** Creates the list (again) and, in one transaction, points the binding at it. */
export async function recreateList(client: IterableClient, runId: string, exportListId: string, listName: string, gone: boolean): Promise<number> {
  const iterableListId = await client.createList(listName);
  await db().$transaction([
    db().exportList.update({ where: { id: exportListId }, data: { iterableListId, iterableListCreatedAt: new Date() } }),
    db().exportListMember.deleteMany({ where: { exportListId } }),
    db().$executeRawUnsafe(dropUnattachedTableSql(exportListId)),
    // Nothing is acknowledged any more: the next plan must diff the whole snapshot.
    db().exportListPlanState.updateMany({ where: { exportListId }, data: { inSync: false } }),
    db().exportRunList.updateMany({
      where: { runId, exportListId },
      data: { iterableListId, ...(gone ? { listRecreated: true } : {}) },
    }),
  ]);
  return iterableListId;
}

function isFresh(createdAt: Date | null): boolean {
  return createdAt !== null && Date.now() - createdAt.getTime() < FRESH_LIST_MS;
}
