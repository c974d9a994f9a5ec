// The plan of a run without sending anything (counts, samples, expected duration), for the
// export page's Dry run button. Reads only, but it is part of running: exports:run.
import { z } from "zod";
import { routeHandler } from "@/lib/auth/route-handler";
import { ExpectedError } from "@/lib/errors";
import { dryRun } from "@/lib/export-engine";
import { assertMayOperateExport } from "@/lib/export-engine/export-access";

export const GET = routeHandler("exports:run", async (_request, user, context: { params: Promise<{ exportId: string }> }) => {
  const id = z.uuid().safeParse((await context.params).exportId);
  if (!id.success) throw new ExpectedError("exports.error.notFound", { status: 404 });
  await assertMayOperateExport(user, id.data);
  return Response.json(await dryRun(id.data, { sampleSize: 5 }), { headers: { "Cache-Control": "no-store" } });
});
