// Which exports use a segment. Deleting a segment an export uses is refused with their names
// (deleteSegment turns a non-empty answer into "segments.inUse").
import { db } from "@/lib/db/client";

export async function segmentUsage(segmentId: string): Promise<{ exportNames: string[] }> {
  const exports = await db().export.findMany({
    where: { lists: { some: { segmentId } } },
    select: { name: true },
    orderBy: { name: "asc" },
  });
  return { exportNames: exports.map((exp) => exp.name) };
}
