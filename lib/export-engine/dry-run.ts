// The plan without sending: counts per list, a sample of adds, updates and removes, and the time
// the run should take at the connection's rate. Reads only: no list is created, no lock taken
// (but a first fill a crash left unattached is attached, as the next run would: ack-partitions.ts).
import { db } from "@/lib/db/client";
import { ExpectedError } from "@/lib/errors";
import { settleFills } from "./ack-partitions";
import { openSession } from "./engine-db";
import { expectedSeconds, listPlanCounts, plannedRequests, guardrailBreaches, type DataFieldMapping, type ListPlanCounts } from "./plan-math";
import { dropPlanTables, planLists, planSample } from "./planner";
import { resolveTarget } from "./target";

export type DryRunList = ListPlanCounts & {
  exportListId: string;
  listName: string;
  iterableListId: number | null;
  sample: { adds: string[]; updates: string[]; removes: string[] };
};

export type DryRun = {
  exportId: string;
  lists: DryRunList[];
  requests: number;
  batchSize: number;
  requestsPerSecond: number | null;
  /** Null when the connection cannot be resolved now (the plan itself still stands). */
  expectedSeconds: number | null;
  needsConfirmation: boolean;
};

export async function dryRun(exportId: string, options: { sampleSize?: number } = {}): Promise<DryRun> {
  const exp = await db().export.findUnique({ where: { id: exportId }, include: { lists: { orderBy: { position: "asc" } } } });
  if (!exp) throw new ExpectedError("exports.error.notFound", { status: 404 });
  const target = exp.connectionId ? await resolveTarget(exp.connectionId).catch(() => null) : null;
  const batchSize = Math.min(1000, exp.batchSize ?? target?.batchSize ?? 1000);
  const bindings = exp.lists.map((l) => ({ exportListId: l.id, segmentId: l.segmentId, mirror: exp.mode === "MIRROR" }));
  await settleFills(bindings.map((b) => b.exportListId));
  const session = await openSession();
  try {
    // Planning refreshes the snapshots and resets their plan states: a dry run plans in a
    // transaction it rolls back, so the next real run finds everything as it was.
    await session.query("BEGIN");
    const raw = await planLists(session, { lists: bindings, emailAttribute: exp.emailAttribute, dataFields: exp.dataFields as DataFieldMapping[], runId: null });
    const lists: DryRunList[] = [];
    for (const binding of exp.lists) {
      const plan = raw.get(binding.id)!;
      lists.push({
        exportListId: binding.id,
        listName: binding.listName,
        iterableListId: binding.iterableListId,
        ...listPlanCounts(plan, plan),
        sample: await planSample(session, binding.id, options.sampleSize ?? 10),
      });
    }
    const requests = plannedRequests(lists, batchSize) + lists.filter((l) => l.iterableListId === null).length;
    const breaches = exp.mode === "MIRROR" ? guardrailBreaches(lists, exp.maxRemovalShare) : [];
    return {
      exportId,
      lists,
      requests,
      batchSize,
      requestsPerSecond: target?.requestsPerSecond ?? null,
      expectedSeconds: target ? expectedSeconds(requests, target.requestsPerSecond) : null,
      needsConfirmation: breaches.length > 0,
    };
  } finally {
    await session.query("ROLLBACK").catch(() => {});
    await dropPlanTables(session).catch(() => {});
    await session.end().catch(() => {});
  }
}
