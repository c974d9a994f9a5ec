// The server-side check that every protected page, server action and route handler calls.
// The signed-in user is read once per request (React cache) from the database, so a
// deactivated user or a changed role counts at once.
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/lib/db/client";
import { NotAllowedError, NotSignedInError } from "@/lib/errors";
import { authOptions } from "./auth-options";
import { can, type Permission, type Role } from "./permissions";

export type CurrentUser = { id: string; email: string; name: string; role: Role };

export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db().user.findUnique({ where: { id } });
  if (!user || !user.active) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

/** For pages and layouts: sends a signed-out visitor to the sign-in page. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** For pages: renders the server's "not allowed" page (HTTP 403) when the role lacks it. */
export async function requirePagePermission(permission: Permission): Promise<CurrentUser> {
  const user = await requireUser();
  if (!can(user.role, permission)) forbidden();
  return user;
}

/** For server actions and route handlers: throws typed errors the caller turns into answers. */
export function assertCan(user: CurrentUser | null, permission: Permission): asserts user is CurrentUser {
  if (!user) throw new NotSignedInError();
  if (!can(user.role, permission)) throw new NotAllowedError();
}
