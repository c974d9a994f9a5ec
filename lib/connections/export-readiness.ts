// What the export engine and the export setup read about connections. Server-only: the
// decrypted key leaves this module only inside the object the engine passes to
// createIterableClient, and is never serialized to a page, an action's answer or a log.
import { can, type Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { IterableRegion, RateLimitConfig } from "@/lib/iterable";
import { decryptConnectionKey } from "./connection-key";
import { iterableEndpoint } from "./endpoints";

export type ExportConnection = {
  id: string;
  displayName: string;
  /** Pass as `region` to createIterableClient. */
  region: IterableRegion;
  apiKey: string;
  /** Pass as `rateLimit` to createIterableClient. */
  rateLimit: RateLimitConfig;
  batchSize: number;
  exportUser: { id: string; email: string; name: string };
};

export type ExportReadiness =
  | { ready: true; connection: ExportConnection }
  // needsExportUser: none, or deactivated; an admin must take it over before exports run.
  | { ready: false; reason: "notFound" | "needsExportUser" };

export async function connectionReadyForExport(connectionId: string): Promise<ExportReadiness> {
  const connection = await db().connection.findUnique({
    where: { id: connectionId },
    include: { exportUser: { select: { id: true, email: true, name: true, active: true, role: true } } },
  });
  if (!connection) return { ready: false, reason: "notFound" };
  const exportUser = connection.exportUser;
  // A demoted export user no longer has the right to manage connections: treat it as missing.
  if (!exportUser?.active || !can(exportUser.role, "connections:manage")) return { ready: false, reason: "needsExportUser" };
  return {
    ready: true,
    connection: {
      id: connection.id,
      displayName: connection.displayName,
      region: iterableEndpoint(connection.region, connection.baseUrl),
      apiKey: await decryptConnectionKey(connection.id),
      rateLimit: { requestsPerSecond: connection.requestsPerSecond, concurrency: connection.concurrency },
      batchSize: connection.batchSize,
      exportUser: { id: exportUser.id, email: exportUser.email, name: exportUser.name },
    },
  };
}

/** For Data › Exports › Add export: the connections this role may pick, name and type only. */
export async function listUsableConnections(role: Role) {
  if (!can(role, "connections:use")) return [];
  const sharedOnly = !can(role, "connections:manage");
  return db().connection.findMany({
    where: sharedOnly ? { sharing: "ADMINISTRATORS_AND_CONTRIBUTORS" } : undefined,
    select: { id: true, displayName: true, type: true },
    orderBy: { displayName: "asc" },
  });
}
