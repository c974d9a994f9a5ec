// The attribute catalog: every key a profile's `attributes` may hold, its type, and how many
// profiles hold a value (counted by a job, see attribute-counts.ts).
import { db } from "@/lib/db/client";
import type { CatalogEntry } from "@/lib/segments/rules";

export function listAttributes() {
  return db().attribute.findMany({ orderBy: { name: "asc" } });
}

/** Names and types only: what rule checks, the compiler and the import need. */
export async function catalogEntries(): Promise<CatalogEntry[]> {
  return db().attribute.findMany({ orderBy: { name: "asc" }, select: { name: true, type: true } });
}
