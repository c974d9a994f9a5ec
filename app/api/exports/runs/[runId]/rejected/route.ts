// Download of the rows Iterable refused in a run, streamed page by page from the engine.
import { z } from "zod";
import { routeHandler } from "@/lib/auth/route-handler";
import { ExpectedError } from "@/lib/errors";
import { getRun, rejectedRowsCsv } from "@/lib/export-engine";

export const GET = routeHandler("exports:view", async (_request, _user, context: { params: Promise<{ runId: string }> }) => {
  const id = z.uuid().safeParse((await context.params).runId);
  if (!id.success) throw new ExpectedError("exports.error.runNotFound", { status: 404 });
  const run = await getRun(id.data); // 404 before the stream starts
  const chunks = rejectedRowsCsv(run.id);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="export-run-${run.id}-rejected-rows.csv"`, "Cache-Control": "no-store" },
  });
});
