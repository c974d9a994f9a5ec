// One demo user per role, created when missing (an existing account, its password included,
// is left alone). The credentials are printed by the start command and written in the README.
import { recordAudit } from "@/lib/audit/audit-log";
import { hashPassword } from "@/lib/auth/passwords";
import { db } from "@/lib/db/client";
import { DEMO_USERS } from "./demo-accounts";


export async function seedDemoUsers() {
  const created: string[] = [];
  for (const demo of DEMO_USERS) {
    if (await db().user.findUnique({ where: { email: demo.email } })) continue;
    const passwordHash = await hashPassword(demo.password);
    await db().$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: demo.email, name: demo.name, role: demo.role, passwordHash } });
      await recordAudit(tx, {
        actor: null,
        action: "user.created",
        targetType: "user",
        targetId: user.id,
        details: { email: user.email, role: user.role, source: "demo seed" },
      });
    });
    created.push(demo.email);
  }
  return created;
}
