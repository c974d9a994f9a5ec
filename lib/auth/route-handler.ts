// Route handlers read the same way as actions: one permission from the table, then the work.
// Expected errors answer with their status and message key; anything else is logged → 500.
import { NextResponse } from "next/server";
import { ExpectedError } from "@/lib/errors";
import { logger } from "@/lib/logging/logger";
import type { Permission } from "./permissions";
import { assertCan, currentUser, type CurrentUser } from "./session";

export function routeHandler<C>(permission: Permission, handle: (request: Request, user: CurrentUser, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    let user: CurrentUser | null = null;
    try {
      user = await currentUser();
      assertCan(user, permission);
      return await handle(request, user, context);
    } catch (error) {
      if (error instanceof ExpectedError) {
        return NextResponse.json({ error: error.messageKey }, { status: error.options.status ?? 400 });
      }
      logger.error({ err: error, path: new URL(request.url).pathname, userId: user?.id }, "route handler failed");
      return NextResponse.json({ error: "errors.generic" }, { status: 500 });
    }
  };
}
