// Which exports use a connection: counts per connection in one grouped query, and the names
// the removal page lists.
import { db } from "@/lib/db/client";

export async function countExportsByConnection(connectionIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map(connectionIds.map((id) => [id, 0]));
  if (connectionIds.length === 0) return counts;
  const grouped = await db().export.groupBy({ by: ["connectionId"], where: { connectionId: { in: [...connectionIds] } }, _count: { _all: true } });
  for (const row of grouped) if (row.connectionId) counts.set(row.connectionId, row._count._all);
  return counts;
}

/** The exports a removal would release, by name. */
export function exportsUsingConnection(connectionId: string) {
  return db().export.findMany({ where: { connectionId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}
