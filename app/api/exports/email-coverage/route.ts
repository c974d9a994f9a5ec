// Step 3 of the export form: GET ?attribute=…&segment=…&segment=… → how many members of each
// chosen segment have a valid email in that attribute, and why the rest do not. A query the
// form asks while choices change, so a route (like the segment builder's live count), for the
// roles that set up exports.
import { routeHandler } from "@/lib/auth/route-handler";
import { ExpectedError } from "@/lib/errors";
import { emailCoverage, emailCoverageSchema } from "@/lib/export-engine/email-coverage";

export const GET = routeHandler("exports:edit", async (request) => {
  const params = new URL(request.url).searchParams;
  const input = emailCoverageSchema.safeParse({ attribute: params.get("attribute") ?? "", segmentIds: params.getAll("segment") });
  if (!input.success) throw new ExpectedError("validation.tampered");
  return Response.json(await emailCoverage(input.data), { headers: { "Cache-Control": "no-store" } });
});
