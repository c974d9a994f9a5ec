// The export user: exports on a connection run under this administrator's identity. Another
// administrator can take it over, confirming with their own password.
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import { db } from "@/lib/db/client";
import { ExpectedError } from "@/lib/errors";
import { confirmOwnPassword } from "./password-confirmation";
import type { TakeOverInput } from "./schemas";

type Actor = NonNullable<AuditActor>;

export async function takeOverExportUser(actor: Actor, input: TakeOverInput) {
  const connection = await db().connection.findUnique({ where: { id: input.connectionId }, include: { exportUser: { select: { email: true, active: true } } } });
  if (!connection) throw new ExpectedError("connections.notFound");
  if (connection.exportUserId === actor.id && connection.exportUser?.active) throw new ExpectedError("connections.alreadyExportUser");
  await confirmOwnPassword(actor.id, input.password);
  return db().$transaction(async (tx) => {
    const updated = await tx.connection.update({ where: { id: connection.id }, data: { exportUserId: actor.id, exportUserSince: new Date() } });
    await recordAudit(tx, {
      actor, action: "connection.export_user_changed", targetType: "connection", targetId: connection.id,
      details: { from: connection.exportUser?.email ?? null, to: actor.email },
    });
    return updated;
  });
}
