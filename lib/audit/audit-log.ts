// The audit log: who did what to which record, when. Every change made through Ferry writes
// one entry in the same transaction as the change. Details never carry secrets.
import { db, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

type Tx = Pick<Db, "auditLog">;
export type AuditActor = { id: string; email: string } | null;

const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|hash/i;

/** Drops any secret-looking field, at any depth, before it is stored. */
export function withoutSecrets(value: unknown): Prisma.InputJsonValue {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === "object") {
    const out: Record<string, Prisma.InputJsonValue> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (!SECRET_KEY.test(key) && inner !== undefined) out[key] = withoutSecrets(inner);
    }
    return out;
  }
  return (value ?? null) as Prisma.InputJsonValue;
}

export async function recordAudit(
  tx: Tx,
  entry: { actor: AuditActor; action: string; targetType: string; targetId?: string | null; details?: object },
) {
  await tx.auditLog.create({
    data: {
      actorId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      details: withoutSecrets(entry.details ?? {}),
    },
  });
}

export const AUDIT_PAGE_SIZE = 50;

export async function listAuditEntries(page: number) {
  const skip = (Math.max(1, page) - 1) * AUDIT_PAGE_SIZE;
  const [entries, total] = await Promise.all([
    db().auditLog.findMany({ orderBy: { id: "desc" }, skip, take: AUDIT_PAGE_SIZE }),
    db().auditLog.count(),
  ]);
  return { entries, total, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}
