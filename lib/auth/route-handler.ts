// Route handlers (uploads, downloads, polling) read the same way as server actions: one
// permission from the table, then a domain function. Expected errors answer JSON
// `{ error: { key, params } }` with their status; anything else is logged and answers 500.
import { ExpectedError, type MessageParams } from "@/lib/errors";
import { logger } from "@/lib/logging/logger";
import type { Permission } from "./permissions";
import { assertCan, currentUser, type CurrentUser } from "./session";

export type RouteError = { key: string; params?: MessageParams };

export function routeHandler<C>(permission: Permission, handle: (request: Request, user: CurrentUser, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    let user: CurrentUser | null = null;
    try {
      user = await currentUser();
      assertCan(user, permission);
      return await handle(request, user, context);
    } catch (error) {
      if (error instanceof ExpectedError) {
        const body: { error: RouteError } = { error: { key: error.messageKey, params: error.options.params } };
        return Response.json(body, { status: error.options.status ?? 400 });
      }
      logger.error({ err: error, path: new URL(request.url).pathname, userId: user?.id }, "route handler failed");
      return Response.json({ error: { key: "errors.generic" } }, { status: 500 });
    }
  };
}
