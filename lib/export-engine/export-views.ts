// What the Data › Exports pages read (the list: export-list.ts): one export with the
// current names of its segments, its run history with who asked, and the form's options.
import { db } from "@/lib/db/client";
import { listRuns } from "./runs";

/** One export with its connection and the current names of its segments; null when gone. */
export function findExportById(id: string) {
  return db().export.findUnique({
    where: { id },
    include: {
      connection: { select: { id: true, displayName: true, sharing: true } },
      lists: { orderBy: { position: "asc" }, include: { segment: { select: { id: true, name: true, memberCount: true } } } },
    },
  });
}

/** The history, newest first, with the name of whoever asked or confirmed. */
export async function runHistory(exportId: string, take = 20) {
  const runs = await listRuns(exportId, { take });
  const userIds = [...new Set(runs.flatMap((r) => [r.requestedById, r.confirmedById]).filter((v): v is string => v !== null))];
  const users = await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  return runs.map((run) => ({ ...run, requestedByName: run.requestedById ? (names.get(run.requestedById) ?? null) : null }));
}

/** Segments to pick, with member counts. */
export function exportSegmentOptions() {
  return db().segment.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, memberCount: true } });
}
