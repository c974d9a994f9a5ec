// "Confirm with your own password" for becoming a connection's export user: exports run under
// that identity, so a walked-away-from session alone must not be enough to claim it.
import { verifyPassword } from "@/lib/auth/passwords";
import { db } from "@/lib/db/client";
import { ExpectedError } from "@/lib/errors";

export async function confirmOwnPassword(userId: string, password: string): Promise<void> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { passwordHash: true, active: true } });
  const ok = await verifyPassword(password, user?.active ? user.passwordHash : null);
  if (!ok) throw new ExpectedError("connections.wrongPassword", { field: "password" });
}
