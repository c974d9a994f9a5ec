// Data › Segments: the domain functions behind the segment actions and pages. Every change and
// its audit entry are written in one transaction.
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { ExpectedError } from "@/lib/errors";
import { catalogEntries } from "@/lib/profiles/attribute-catalog";
import { checkRules, groupSchema, type Group } from "./rules";
import type { z } from "zod";
import type { dynamicSegmentSchema } from "./schemas";
import { segmentUsage } from "./segment-usage";

export type DynamicSegmentInput = z.output<typeof dynamicSegmentSchema>;

export function listSegments() {
  return db().segment.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, description: true, kind: true, memberCount: true, lastRefreshedAt: true, definedAt: true, lastRefreshMs: true },
  });
}

export function getSegment(id: string) {
  return db().segment.findUnique({ where: { id } });
}

/** The rules of a stored segment, parsed (null for static segments or a damaged document). */
export function storedRules(rules: unknown): Group | null {
  const parsed = groupSchema.safeParse(rules);
  return parsed.success ? parsed.data : null;
}

async function assertRulesFit(rules: Group) {
  if (checkRules(rules, await catalogEntries(), { requireCondition: true }).length > 0) {
    throw new ExpectedError("segments.rulesInvalid", { field: "rules" });
  }
}

export function isNameTaken(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function saveDynamicSegment(actor: AuditActor, input: DynamicSegmentInput) {
  await assertRulesFit(input.rules);
  const rules = input.rules as unknown as Prisma.InputJsonValue;
  try {
    return await db().$transaction(async (tx) => {
      if (!input.segmentId) {
        const segment = await tx.segment.create({
          data: { name: input.name, description: input.description || null, kind: "DYNAMIC", rules, createdById: actor?.id ?? null },
        });
        await recordAudit(tx, { actor, action: "segment.created", targetType: "segment", targetId: segment.id, details: { name: segment.name, kind: "DYNAMIC", rules: input.rules } });
        return segment;
      }
      const before = await tx.segment.findUnique({ where: { id: input.segmentId } });
      if (!before) throw new ExpectedError("segments.notFound");
      if (before.kind !== "DYNAMIC") throw new ExpectedError("validation.tampered");
      const rulesChanged = JSON.stringify(before.rules) !== JSON.stringify(input.rules);
      const segment = await tx.segment.update({
        where: { id: before.id },
        data: { name: input.name, description: input.description || null, rules, ...(rulesChanged ? { definedAt: new Date() } : {}) },
      });
      await recordAudit(tx, {
        actor,
        action: "segment.updated",
        targetType: "segment",
        targetId: segment.id,
        details: {
          name: segment.name,
          ...(before.name !== segment.name ? { renamedFrom: before.name } : {}),
          ...(rulesChanged ? { rules: input.rules } : {}),
        },
      });
      return segment;
    });
  } catch (error) {
    if (isNameTaken(error)) throw new ExpectedError("segments.nameTaken", { field: "name" });
    throw error;
  }
}

/** Refused, naming the exports, while an export uses the segment. */
export async function deleteSegment(actor: AuditActor, input: { segmentId: string }) {
  const usage = await segmentUsage(input.segmentId);
  if (usage.exportNames.length > 0) {
    throw new ExpectedError("segments.inUse", { params: { exports: usage.exportNames.join(", "), count: usage.exportNames.length } });
  }
  return db().$transaction(async (tx) => {
    const segment = await tx.segment.findUnique({ where: { id: input.segmentId } });
    if (!segment) throw new ExpectedError("segments.notFound");
    // segment_members has no foreign key (see segments.prisma): its rows go explicitly, in
    // the same transaction; static entries go by ON DELETE CASCADE.
    await tx.segmentMember.deleteMany({ where: { segmentId: segment.id } });
    await tx.segment.delete({ where: { id: segment.id } });
    await recordAudit(tx, { actor, action: "segment.deleted", targetType: "segment", targetId: segment.id, details: { name: segment.name, kind: segment.kind, members: segment.memberCount } });
    return segment;
  });
}
