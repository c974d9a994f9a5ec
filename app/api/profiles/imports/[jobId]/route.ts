// Polled by the import page while the import is queued or running.
import { z } from "zod";
import { routeHandler } from "@/lib/auth/route-handler";
import { ExpectedError } from "@/lib/errors";
import { getImport } from "@/lib/profiles/import/imports";

export const GET = routeHandler("profiles:view", async (_request, _user, context: { params: Promise<{ jobId: string }> }) => {
  const id = z.uuid().safeParse((await context.params).jobId);
  const status = id.success ? await getImport(id.data) : null;
  if (!status) throw new ExpectedError("errors.notFoundTitle", { status: 404 });
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
});
