// Polled by the export page while one of its runs is queued or running.
import { z } from "zod";
import { routeHandler } from "@/lib/auth/route-handler";
import { ExpectedError } from "@/lib/errors";
import { runView } from "@/lib/export-engine/run-view";

export const GET = routeHandler("exports:view", async (_request, _user, context: { params: Promise<{ runId: string }> }) => {
  const id = z.uuid().safeParse((await context.params).runId);
  if (!id.success) throw new ExpectedError("exports.error.runNotFound", { status: 404 });
  return Response.json(await runView(id.data), { headers: { "Cache-Control": "no-store" } });
});
