// Data › Exports list: every export with its connection, segments and last run, filtered on the
// server by a search over the export's name, its connection's name and its segments' names
// (current name and the Iterable list's name, which differ after a segment is renamed).
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

export const EXPORT_SEARCH_MAX = 200;

export type ExportListRow = Awaited<ReturnType<typeof searchExportRows>>[number];

export async function searchExportRows(query?: string | null) {
  const q = query?.trim().slice(0, EXPORT_SEARCH_MAX) ?? "";
  // Prisma's `contains` is ILIKE '%…%' without escaping: a typed % or _ must match itself.
  const like = { contains: q.replace(/[\\%_]/g, (c) => `\\${c}`), mode: "insensitive" as const };
  const where: Prisma.ExportWhereInput | undefined = q
    ? {
        OR: [
          { name: like },
          { connection: { is: { displayName: like } } },
          { lists: { some: { OR: [{ listName: like }, { segment: { is: { name: like } } }] } } },
        ],
      }
    : undefined;
  const exports = await db().export.findMany({
    where,
    orderBy: { name: "asc" },
    include: {
      connection: { select: { id: true, displayName: true } },
      lists: { orderBy: { position: "asc" }, include: { segment: { select: { name: true } } } },
      runs: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true, createdAt: true, startedAt: true, finishedAt: true } },
    },
  });
  return exports.map((exp) => {
    const last = exp.runs[0];
    return {
      id: exp.id,
      name: exp.name,
      connectionId: exp.connection?.id ?? null,
      connectionName: exp.connection?.displayName ?? null,
      segments: exp.lists.map((l) => l.segment.name),
      scheduleKind: exp.scheduleKind,
      lastRun: last ? { status: last.status, at: last.finishedAt ?? last.startedAt ?? last.createdAt } : null,
    };
  });
}
