// Polled by the segment page while its refresh is queued or running.
import { z } from "zod";
import { routeHandler } from "@/lib/auth/route-handler";
import { ExpectedError } from "@/lib/errors";
import { segmentRefreshStatus } from "@/lib/segments/refresh-status";

export const GET = routeHandler("segments:view", async (_request, _user, context: { params: Promise<{ segmentId: string }> }) => {
  const id = z.uuid().safeParse((await context.params).segmentId);
  const status = id.success ? await segmentRefreshStatus(id.data) : null;
  if (!status) throw new ExpectedError("segments.notFound", { status: 404 });
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
});
