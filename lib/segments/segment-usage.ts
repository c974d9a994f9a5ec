// Which exports use a segment. Deleting a segment an export uses is refused with their names.
//
// MERGE POINT: exports are built in parallel (issue 6) and do not exist on this branch yet, so
// this answers "none". When exports land, replace the body with a query over the export ↔
// segment link, e.g. `db().export.findMany({ where: { segments: { some: { segmentId } } } })`,
// returning their display names sorted. Nothing else needs to change: deleteSegment calls it
// and turns a non-empty answer into the message "segments.inUse" naming the exports.
export async function segmentUsage(segmentId: string): Promise<{ exportNames: string[] }> {
  void segmentId;
  return { exportNames: [] };
}
