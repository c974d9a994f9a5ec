// Route handlers (uploads, downloads, polling) read the same way as server actions: one
// permission from the table → a domain function. Expected errors answer JSON
// `{ error: { key, params } }` with their status; anything else is logged and answers 500.
import { assertCan, currentUser, type CurrentUser } from "@/lib/auth/session";
import type { Permission } from "@/lib/auth/permissions";
import { ExpectedError } from "@/lib/errors";
import { logger } from "@/lib/logging/logger";

type Handler<C> = (user: CurrentUser, request: Request, context: C) => Promise<Response>;

export function guardRoute<C>(name: string, permission: Permission, handler: Handler<C>) {
  return async (request: Request, context: C): Promise<Response> => {
    const user = await currentUser();
    try {
      assertCan(user, permission);
      return await handler(user, request, context);
    } catch (error) {
      if (error instanceof ExpectedError) {
        return Response.json({ error: { key: error.messageKey, params: error.options.params } }, { status: error.options.status ?? 400 });
      }
      logger.error({ err: error, route: name, userId: user?.id }, "route handler failed");
      return Response.json({ error: { key: "errors.generic" } }, { status: 500 });
    }
  };
}
