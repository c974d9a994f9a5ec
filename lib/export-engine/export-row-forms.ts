// The Data › Exports list's row actions as the browser sends them (Duplicate asks a name;
// Detach and Remove only carry the export's id), shared by the dialogs and the server actions.
import { z } from "zod";
import { EXPORT_NAME_MAX } from "./export-form";

export const duplicateExportSchema = z.object({
  exportId: z.uuid("validation.tampered"),
  name: z.string("validation.required").trim().min(1, "validation.required").max(EXPORT_NAME_MAX, "validation.tooLong"),
});

