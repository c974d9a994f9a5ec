// Admin › Users: the domain functions behind the server actions. Each change and its audit
// entry are written in one transaction. Role and activity changes take one transaction-level
// advisory lock first, so two concurrent demotions cannot both pass the last-administrator
// check (and row locks taken in different orders cannot deadlock).
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import { hashPassword } from "@/lib/auth/passwords";
import { db, type Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { ExpectedError } from "@/lib/errors";
import type { ChangeRoleInput, CreateUserInput, SetActiveInput } from "./schemas";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export function listUsers() {
  return db().user.findMany({ orderBy: [{ active: "desc" }, { name: "asc" }] });
}

export async function createUser(actor: AuditActor, input: CreateUserInput) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { name: input.name, email: input.email, role: input.role, passwordHash },
      });
      await recordAudit(tx, {
        actor,
        action: "user.created",
        targetType: "user",
        targetId: user.id,
        details: { email: user.email, name: user.name, role: user.role },
      });
      return user;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ExpectedError("users.emailTaken", { field: "email" });
    }
    throw error;
  }
}

export async function changeUserRole(actor: AuditActor, input: ChangeRoleInput) {
  return db().$transaction(async (tx) => {
    const user = await lockUser(tx, input.userId);
    if (user.role === input.role) return user;
    if (user.role === "ADMINISTRATOR" && user.active) await assertAnotherActiveAdmin(tx, user.id);
    const updated = await tx.user.update({ where: { id: user.id }, data: { role: input.role } });
    await recordAudit(tx, {
      actor,
      action: "user.role_changed",
      targetType: "user",
      targetId: user.id,
      details: { email: user.email, from: user.role, to: input.role },
    });
    return updated;
  });
}

export async function setUserActive(actor: AuditActor, input: SetActiveInput) {
  return db().$transaction(async (tx) => {
    const user = await lockUser(tx, input.userId);
    if (user.active === input.active) return user;
    if (!input.active) {
      if (actor && actor.id === user.id) throw new ExpectedError("users.cannotDeactivateSelf");
      if (user.role === "ADMINISTRATOR") await assertAnotherActiveAdmin(tx, user.id);
    }
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { active: input.active, deactivatedAt: input.active ? null : new Date() },
    });
    await recordAudit(tx, {
      actor,
      action: input.active ? "user.reactivated" : "user.deactivated",
      targetType: "user",
      targetId: user.id,
      details: { email: user.email },
    });
    return updated;
  });
}

async function lockUser(tx: Tx, userId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('ferry.users.membership'))`;
  const user = await tx.user.findUnique({ where: { id: userId } });
  if (!user) throw new ExpectedError("users.notFound");
  return user;
}

async function assertAnotherActiveAdmin(tx: Tx, exceptUserId: string) {
  const others = await tx.user.count({
    where: { role: "ADMINISTRATOR", active: true, id: { not: exceptUserId } },
  });
  if (others === 0) throw new ExpectedError("users.lastAdmin");
}

export async function saveUserLocale(userId: string, locale: string) {
  await db().user.update({ where: { id: userId }, data: { locale } });
}
