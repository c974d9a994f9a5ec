// Admin › Connections: reading, saving the wizard's draft as a connection, editing and removing.
// Each change and its audit entries are written in one transaction; details hold no secret
// (only the key's last four characters, which the UI shows anyway).
import { can, type Role } from "@/lib/auth/permissions";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { ExpectedError } from "@/lib/errors";
import { randomUUID } from "node:crypto";
import { releaseExportsOfConnectionIn } from "@/lib/export-engine/exports";
import { countExportsByConnection } from "./connection-usage";
import { assertNameFree, draftSecretContext, getDraft, STEP } from "./drafts";
import { keyring } from "./master-keys";
import { PRIVACY_NOTICE_VERSION } from "./privacy-notice";
import { nameKeyOf, type ConnectionIdInput, type ConnectionSettingsInput, type ConnectionTypeName, type DraftIdInput, type RegionName, type RemoveConnectionInput, type SharingName } from "./schemas";
import { decryptSecret, encryptSecret, lastFour } from "./secret-box";

type Actor = NonNullable<AuditActor>;

export const connectionSecretContext = (connectionId: string) => `ferry.connection.api-key:${connectionId}`;

const USER_SUMMARY = { select: { id: true, name: true, email: true, active: true, role: true } } as const;
const WITH_PEOPLE = { exportUser: USER_SUMMARY, createdBy: USER_SUMMARY, privacyAcceptedBy: USER_SUMMARY } as const;

export type ConnectionStatus = "connected" | "failing" | "needsExportUser";

/** Derived, never stored: a deactivated export user counts at once. */
export function connectionStatus(connection: { checkStatus: string; exportUser: { active: boolean; role: Role } | null }): ConnectionStatus {
  const exportUser = connection.exportUser;
  // Deactivated or no longer an administrator: exports must not run under that identity.
  if (!exportUser?.active || !can(exportUser.role, "connections:manage")) return "needsExportUser";
  return connection.checkStatus === "CONNECTED" ? "connected" : "failing";
}

export async function listConnections() {
  const connections = await db().connection.findMany({ include: WITH_PEOPLE, orderBy: { displayName: "asc" } });
  const exportCounts = await countExportsByConnection(connections.map((connection) => connection.id));
  return connections.map((connection) => ({ ...connection, status: connectionStatus(connection), exportCount: exportCounts.get(connection.id) ?? 0 }));
}

export async function findConnection(connectionId: string) {
  const connection = await db().connection.findUnique({ where: { id: connectionId }, include: WITH_PEOPLE });
  if (!connection) return null;
  const exportCounts = await countExportsByConnection([connection.id]);
  return { ...connection, status: connectionStatus(connection), exportCount: exportCounts.get(connection.id) ?? 0 };
}

export async function requireConnection(connectionId: string) {
  const connection = await db().connection.findUnique({ where: { id: connectionId } });
  if (!connection) throw new ExpectedError("connections.notFound");
  return connection;
}

/** Step 8, Save: sends nothing to Iterable (the key passed Connect in step 6). */
export async function saveDraftAsConnection(actor: Actor, input: DraftIdInput) {
  const draft = await getDraft(actor, input.draftId);
  if (draft.completedStep < STEP.exportUser) throw new ExpectedError("connections.stepOutOfOrder");
  if (draft.privacyNoticeVersion !== PRIVACY_NOTICE_VERSION || !draft.privacyAcceptedAt) throw new ExpectedError("connections.agreeRequired");
  const secret = await db().connectionDraft.findUniqueOrThrow({ where: { id: draft.id }, select: { apiKeyCiphertext: true } });
  if (!secret.apiKeyCiphertext || !draft.region || !draft.displayName || !draft.apiKeyLast4 || !draft.connectedAt) {
    throw new ExpectedError("connections.stepOutOfOrder");
  }
  await assertNameFree(draft.displayName);
  // Re-sealed for the connection's own row (the envelope is bound to the row it belongs to).
  const apiKey = decryptSecret(secret.apiKeyCiphertext, keyring().all, draftSecretContext(draft.id));
  return insertConnection(
    actor,
    {
      type: draft.type, displayName: draft.displayName, sharing: draft.sharing, region: draft.region, baseUrl: draft.baseUrl,
      apiKey, connectedAt: draft.connectedAt, privacyNoticeVersion: draft.privacyNoticeVersion, privacyAcceptedAt: draft.privacyAcceptedAt,
    },
    (tx) => tx.connectionDraft.delete({ where: { id: draft.id } }),
  );
}

export type NewConnection = {
  type: ConnectionTypeName;
  displayName: string;
  sharing: SharingName;
  region: RegionName;
  baseUrl: string | null;
  /** Already checked with Connect; sealed here for the new row. */
  apiKey: string;
  connectedAt: Date;
  privacyNoticeVersion: string;
  privacyAcceptedAt: Date;
};

/**
 * The connection row and its audit trail (created, privacy accepted, export user = the actor),
 * in one transaction. Shared by the wizard's Save and `ferry connections add`, so both record
 * the privacy acceptance and the export user the same way.
 */
export async function insertConnection(actor: Actor, input: NewConnection, alsoInTransaction?: (tx: Prisma.TransactionClient) => Promise<unknown>) {
  const id = randomUUID();
  const master = keyring().current;
  const now = new Date();
  try {
    return await db().$transaction(async (tx) => {
      const connection = await tx.connection.create({
        data: {
          id,
          type: input.type,
          displayName: input.displayName,
          nameKey: nameKeyOf(input.displayName),
          sharing: input.sharing,
          region: input.region,
          baseUrl: input.baseUrl,
          apiKeyCiphertext: encryptSecret(input.apiKey, master, connectionSecretContext(id)),
          apiKeyMasterKeyId: master.id,
          apiKeyLast4: lastFour(input.apiKey),
          checkStatus: "CONNECTED",
          checkedAt: input.connectedAt,
          exportUserId: actor.id,
          exportUserSince: now,
          privacyNoticeVersion: input.privacyNoticeVersion,
          privacyAcceptedAt: input.privacyAcceptedAt,
          privacyAcceptedById: actor.id,
          createdById: actor.id,
        },
      });
      const audit = (action: string, details: object) => recordAudit(tx, { actor, action, targetType: "connection", targetId: id, details });
      await audit("connection.created", {
        displayName: connection.displayName, type: connection.type, sharing: connection.sharing,
        region: connection.region, baseUrl: connection.baseUrl, keyLast4: connection.apiKeyLast4,
      });
      await audit("connection.privacy_accepted", { noticeVersion: connection.privacyNoticeVersion, acceptedAt: connection.privacyAcceptedAt.toISOString() });
      await audit("connection.export_user_changed", { from: null, to: actor.email });
      await alsoInTransaction?.(tx);
      return connection;
    });
  } catch (error) {
    throw uniqueNameError(error);
  }
}

export async function updateConnectionSettings(actor: Actor, input: ConnectionSettingsInput) {
  const before = await requireConnection(input.connectionId);
  await assertNameFree(input.displayName, before.id);
  const next = {
    displayName: input.displayName, sharing: input.sharing,
    requestsPerSecond: input.requestsPerSecond, concurrency: input.concurrency, batchSize: input.batchSize,
  };
  const changes = Object.fromEntries(
    Object.entries(next).filter(([field, value]) => before[field as keyof typeof next] !== value).map(([field, value]) => [field, { from: before[field as keyof typeof next], to: value }]),
  );
  if (Object.keys(changes).length === 0) return before;
  try {
    return await db().$transaction(async (tx) => {
      const updated = await tx.connection.update({ where: { id: before.id }, data: { ...next, nameKey: nameKeyOf(input.displayName) } });
      await recordAudit(tx, { actor, action: "connection.updated", targetType: "connection", targetId: before.id, details: { changes } });
      return updated;
    });
  } catch (error) {
    throw uniqueNameError(error);
  }
}

/**
 * Removes the connection and, in the same transaction, removes or detaches (the admin's choice)
 * the exports that use it. The row is locked first, so an export attached meanwhile waits and
 * then fails on the missing connection instead of being detached without anyone choosing.
 */
export async function removeConnection(actor: Actor, input: RemoveConnectionInput) {
  const connection = await requireConnection(input.connectionId);
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM connections WHERE id = ${connection.id}::uuid FOR UPDATE`;
    const used = await tx.export.count({ where: { connectionId: connection.id } });
    if (used > 0 && !input.exports) throw new ExpectedError("connections.remove.exportsChoiceRequired", { field: "exports" });
    const released = used > 0 && input.exports ? await releaseExportsOfConnectionIn(tx, actor, connection.id, input.exports) : [];
    await tx.connection.delete({ where: { id: connection.id } });
    await recordAudit(tx, {
      actor, action: "connection.removed", targetType: "connection", targetId: connection.id,
      details: { displayName: connection.displayName, type: connection.type, ...(released.length ? { exports: input.exports, exportNames: released } : {}) },
    });
    return connection;
  });
}

// Two admins saving the same name at once: the unique index decides, reported on the field.
function uniqueNameError(error: unknown): unknown {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    return new ExpectedError("connections.nameTaken", { field: "displayName" });
  }
  return error;
}
