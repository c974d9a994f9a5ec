import { db } from "@/lib/db/client";

export function listAttributes() {
  return db().attribute.findMany({ orderBy: { name: "asc" } });
}
