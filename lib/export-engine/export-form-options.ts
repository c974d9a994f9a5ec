// The choices the add / edit export form offers a role: usable connections (name and type),
// text attributes for the email, every attribute for data fields, segments with member counts.
import type { Role } from "@/lib/auth/permissions";
import { listUsableConnections } from "@/lib/connections/export-readiness";
import { catalogEntries } from "@/lib/profiles/attribute-catalog";
import { timeZoneOptions } from "@/lib/schedule/time-zones";
import { exportSegmentOptions } from "./export-views";

export async function exportFormOptions(role: Role) {
  const [connections, catalog, segments] = await Promise.all([listUsableConnections(role), catalogEntries(), exportSegmentOptions()]);
  return {
    connections,
    textAttributes: catalog.filter((entry) => entry.type === "TEXT").map((entry) => entry.name),
    attributes: catalog.map((entry) => entry.name),
    segments,
    timeZones: timeZoneOptions(),
  };
}
