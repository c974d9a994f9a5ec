// The audit entry written from a raw `pg` transaction (bulk segment work), so that it commits or
// rolls back with the change itself, like recordAudit does inside a Prisma transaction.
import type pg from "pg";
import { withoutSecrets, type AuditActor } from "@/lib/audit/audit-log";

export async function recordAuditSql(
  client: pg.PoolClient,
  entry: { actor: AuditActor; action: string; targetType: string; targetId?: string | null; details?: object },
) {
  await client.query(
    `INSERT INTO audit_log (actor_id, actor_email, action, target_type, target_id, details) VALUES ($1::uuid, $2, $3, $4, $5, $6::jsonb)`,
    [entry.actor?.id ?? null, entry.actor?.email ?? null, entry.action, entry.targetType, entry.targetId ?? null, JSON.stringify(withoutSecrets(entry.details ?? {}))],
  );
}
