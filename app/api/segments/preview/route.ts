// The rule builder's live count: POST { rules } → { count, sample }. A query, not a change,
// so it is a route the builder calls (debounced) rather than a server action.
import { routeHandler } from "@/lib/auth/route-handler";
import { ExpectedError } from "@/lib/errors";
import { previewRules } from "@/lib/segments/preview";
import { groupSchema } from "@/lib/segments/rules";

export const POST = routeHandler("segments:view", async (request, _user) => {
  const body = (await request.json().catch(() => null)) as { rules?: unknown } | null;
  const rules = groupSchema.safeParse(body?.rules);
  if (!rules.success) throw new ExpectedError("segments.rulesInvalid");
  return Response.json(await previewRules(rules.data));
});
