// The import form's schema, shared by the form (client) and the action (server).
import { z } from "zod";
import { ATTRIBUTE_TYPES } from "@/lib/segments/rules";

export const importTypesSchema = z.record(z.string().max(200), z.enum(ATTRIBUTE_TYPES));

export const startImportSchema = z.object({
  uploadId: z.uuid("validation.tampered"),
  fileName: z.string().trim().max(255).optional().default(""),
  idColumn: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
  types: z
    .string()
    .max(100_000)
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: "custom", message: "validation.tampered" });
        return z.NEVER;
      }
    })
    .pipe(importTypesSchema),
});
export type StartImportInput = z.output<typeof startImportSchema>;
