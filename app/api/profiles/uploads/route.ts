// Upload of a CSV file to import: the request body (the raw file) is streamed to the data
// folder, never held in memory, then checked (CSV? header? column types from the first rows).
// Answers { uploadId, fileName, columns, idColumn, sampledRows, catalog } for the import form.
import { routeHandler } from "@/lib/auth/route-handler";
import { catalogEntries } from "@/lib/profiles/attribute-catalog";
import { guessIdColumn, inspectCsv } from "@/lib/profiles/import/csv-inspect";
import { removeUpload, saveUpload, uploadPath } from "@/lib/profiles/import/uploads";
import { ExpectedError } from "@/lib/errors";

export const POST = routeHandler("profiles:import", async (request, _user) => {
  if (!request.body) throw new ExpectedError("profiles.import.empty");
  const fileName = decodeURIComponent(request.headers.get("x-file-name") ?? "").slice(0, 255);
  const { uploadId } = await saveUpload(request.body);
  try {
    const inspection = await inspectCsv(uploadPath(uploadId));
    return Response.json({
      uploadId,
      fileName,
      columns: inspection.columns,
      sampledRows: inspection.sampledRows,
      idColumn: guessIdColumn(inspection.columns),
      catalog: await catalogEntries(),
    });
  } catch (error) {
    // Nothing is kept of a file that cannot be imported.
    removeUpload(uploadId);
    throw error;
  }
});
