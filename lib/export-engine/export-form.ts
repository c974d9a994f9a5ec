// The add / edit export form as the browser sends it, shared by the form (client) and the
// server action. It narrows to the engine's `exportInputSchema` (same bounds) with message keys.
import { z } from "zod";
import { scheduleSchema } from "@/lib/schedule/schemas";
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
    // Its own schedule instead of the system refresh: the system schedule's fields, prefixed.
    scheduleKind: z.enum(["SYSTEM", "OWN"], "validation.tampered").default("SYSTEM"),
    scheduleFrequency: z.unknown().optional(),
    scheduleWeekdays: z.unknown().optional(),
    scheduleTimeZone: z.unknown().optional(),
    scheduleTimes: z.unknown().optional(),
  })
  .superRefine((form, ctx) => {
    if (form.scheduleKind === "OWN") {
      const own = ownScheduleFromForm(form);
      for (const issue of own.error?.issues ?? []) {
        const field = String(issue.path[0] ?? "times");
        ctx.addIssue({ code: "custom", path: [`schedule${field[0]!.toUpperCase()}${field.slice(1)}`], message: issue.message });
      }
    }
    // Rows left fully empty are ignored; a half-filled row or a field named "email" is an error.
    form.dataFieldAttribute.forEach((attribute, i) => {
      const field = (form.dataFieldName[i] ?? "").trim();
      if (attribute.trim() === "" && field === "") return;
      if (attribute.trim() === "" || field === "") ctx.addIssue({ code: "custom", path: ["dataFields"], message: "exports.form.dataFieldIncomplete" });
      else if (field.toLowerCase() === "email") ctx.addIssue({ code: "custom", path: ["dataFields"], message: "exports.form.dataFieldEmail" });
    });
  });

export type ExportForm = z.output<typeof exportFormSchema>;

function ownScheduleFromForm(form: { scheduleFrequency?: unknown; scheduleWeekdays?: unknown; scheduleTimeZone?: unknown; scheduleTimes?: unknown }) {
  return scheduleSchema.safeParse({
    enabled: "on",
    frequency: form.scheduleFrequency,
    weekdays: form.scheduleWeekdays,
    timeZone: form.scheduleTimeZone,
    times: form.scheduleTimes,
  });
}

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
    ...ownScheduleInput(form),
  });
}

/** The schedule columns for a valid form: what lib/schedule/export-schedule.ts reads back. */
function ownScheduleInput(form: ExportForm): Pick<ExportInput, "scheduleKind" | "schedule"> {
  if (form.scheduleKind !== "OWN") return { scheduleKind: "SYSTEM", schedule: null };
  const { frequency, weekdays, timeZone, times } = ownScheduleFromForm(form).data!;
  return { scheduleKind: "OWN", schedule: { frequency, weekdays, timeZone, times } };
}

export const runIdSchema = z.object({ runId: uuid });
export const exportIdSchema = z.object({ exportId: uuid });
