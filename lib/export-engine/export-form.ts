// The add / edit export form as the browser sends it, shared by the form (client) and the
// server action. It narrows to the engine's `exportInputSchema` (same bounds) with message keys.
import { z } from "zod";
import { exportInputSchema, type ExportInput } from "./export-schemas";

const uuid = z.uuid("validation.tampered");
/** A field sent once arrives as a string, several times (checkboxes, rows) as an array. */
const many = (item: z.ZodType<string>) =>
  z.preprocess((value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]), z.array(item));

export const EXPORT_NAME_MAX = 200;

export const exportFormSchema = z
  .object({
    exportId: uuid.optional(),
    connectionId: z.string().min(1, "exports.form.connectionRequired").pipe(uuid),
    name: z.string().trim().min(1, "validation.required").max(EXPORT_NAME_MAX, "validation.tooLong"),
    emailAttribute: z.string().trim().min(1, "exports.form.emailRequired").max(200, "validation.tooLong"),
    segmentIds: many(uuid).pipe(z.array(uuid).min(1, "exports.error.noSegments").max(50, "validation.tooLong")),
    dataFieldAttribute: many(z.string()),
    dataFieldName: many(z.string()),
    addOnly: z.enum(["on"]).optional(),
    runNow: z.enum(["1"]).optional(),
  })
  .superRefine((form, ctx) => {
    // Rows left fully empty are ignored; a half-filled row or a field named "email" is an error.
    form.dataFieldAttribute.forEach((attribute, i) => {
      const field = (form.dataFieldName[i] ?? "").trim();
      if (attribute.trim() === "" && field === "") return;
      if (attribute.trim() === "" || field === "") ctx.addIssue({ code: "custom", path: ["dataFields"], message: "exports.form.dataFieldIncomplete" });
      else if (field.toLowerCase() === "email") ctx.addIssue({ code: "custom", path: ["dataFields"], message: "exports.form.dataFieldEmail" });
    });
  });

export type ExportForm = z.output<typeof exportFormSchema>;

/** The engine's input for a valid form (parsed again by the engine with the same bounds). */
export function exportInputFromForm(form: ExportForm): ExportInput {
  const dataFields = form.dataFieldAttribute
    .map((attribute, i) => ({ attribute: attribute.trim(), field: (form.dataFieldName[i] ?? "").trim() }))
    .filter((row) => row.attribute !== "" && row.field !== "");
  return exportInputSchema.parse({
    name: form.name,
    connectionId: form.connectionId,
    emailAttribute: form.emailAttribute,
    dataFields,
    mode: form.addOnly ? "ADD_ONLY" : "MIRROR",
    segmentIds: form.segmentIds,
  });
}

export const runIdSchema = z.object({ runId: uuid });
export const exportIdSchema = z.object({ exportId: uuid });
