// How many exports use each connection. Exports do not exist yet: the exports issue replaces
// this body with one grouped count (e.g. `SELECT connection_id, count(*) FROM exports WHERE
// connection_id = ANY($1) GROUP BY 1`); every caller already goes through here.
export async function countExportsByConnection(connectionIds: readonly string[]): Promise<Map<string, number>> {
  return new Map(connectionIds.map((id) => [id, 0]));
}
