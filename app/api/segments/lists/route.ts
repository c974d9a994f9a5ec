// Upload of a static segment's list file: the request body is streamed to the data folder (a
// list of 200,000 ids is over a server action's 1 MB), its values counted, and its id answered
// ({ listId, values }); the static segment form then saves with that id.
import { routeHandler } from "@/lib/auth/route-handler";
import { ExpectedError } from "@/lib/errors";
import { saveStaticListFile } from "@/lib/segments/static-list-file";

export const POST = routeHandler("segments:edit", async (request) => {
  if (!request.body) throw new ExpectedError("segments.static.listRequired");
  return Response.json(await saveStaticListFile(request.body));
});
