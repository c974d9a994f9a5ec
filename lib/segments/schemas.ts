// Form schemas of the segment actions, shared by the forms (client) and the actions (server).
import { z } from "zod";
import { rulesFieldSchema } from "./rules";

export const SEGMENT_NAME_MAX = 120;
/** Entries per pasted static list (it travels in a server action body, 1 MB at most). */
export const STATIC_LIST_MAX = 50_000;
/** Entries per static list read from a file (streamed to a route handler, then COPYed). */
export const STATIC_FILE_MAX = 1_000_000;

const segmentId = z.uuid("validation.tampered");
const name = z.string().trim().min(1, "validation.required").max(SEGMENT_NAME_MAX, "validation.tooLong");
const description = z.string().trim().max(500, "validation.tooLong").optional().default("");

export const dynamicSegmentSchema = z.object({
  segmentId: segmentId.optional(),
  name,
  description,
  rules: rulesFieldSchema,
});

export const staticSegmentSchema = z.object({
  segmentId: segmentId.optional(),
  name,
  description,
  // "customer_id" or the name of a TEXT attribute (checked against the catalog on the server).
  matchBy: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
  // Empty when editing keeps the current list; required when creating (checked on the server).
  list: z.string().max(1_000_000, "validation.tooLong").optional().default(""),
  // A list file streamed to /api/segments/lists first (lib/segments/static-list-file.ts); it wins over `list`.
  listId: z.union([z.uuid("validation.tampered"), z.literal("")]).optional(),
});

export const segmentIdSchema = z.object({ segmentId });
export const refreshAllSchema = z.object({});

/** One value per line (or separated by commas, semicolons, tabs), trimmed, quotes removed, de-duplicated. */
export function parseStaticList(text: string, caseInsensitive: boolean): string[] {
  return [...new Set(splitListLine(text, caseInsensitive))];
}

/** The values of one line (or of a whole text) of a list, read as parseStaticList does, duplicates kept. */
export function splitListLine(text: string, caseInsensitive: boolean): string[] {
  const values: string[] = [];
  for (const piece of text.split(/[\r\n,;\t]+/)) {
    let value = piece.trim().replace(/^"(.*)"$/, "$1").trim();
    if (caseInsensitive) value = value.toLowerCase();
    if (value !== "") values.push(value);
  }
  return values;
}
