import { z } from "zod";

// Response schemas. Lists and createList reuse @iterable/api's own zod schemas (deep import of
// dist/types: the package root would run its env validation and create a winston logger at
// import). The bulk-write answer is our own schema: @iterable/api 0.13's FailedUserUpdatesSchema
// only knows invalidEmails/invalidUserIds/failedEmails/failedUserIds and *strips* the other
// arrays of the published definition (notFound, forgotten, conflict, invalidData), which are
// exactly the ones Ferry needs per row (iterable-openapi.json, FailedUserUpdates).
export {
  CreateListResponseSchema,
  GetListsResponseSchema,
} from "@iterable/api/dist/types/lists.js";

const emails = z.array(z.string()).optional();

export const FailedUpdatesSchema = z.object({
  invalidEmails: emails,
  invalidUserIds: emails,
  notFoundEmails: emails,
  notFoundUserIds: emails,
  forgottenEmails: emails,
  forgottenUserIds: emails,
  conflictEmails: emails,
  conflictUserIds: emails,
  invalidDataEmails: emails,
  invalidDataUserIds: emails,
});

export const BulkWriteResponseSchema = z.object({
  successCount: z.number().int(),
  failCount: z.number().int(),
  failedUpdates: FailedUpdatesSchema.optional(),
  // Deprecated top-level arrays: older answers carry these instead of failedUpdates.
  invalidEmails: emails,
  invalidUserIds: emails,
  createdFields: z.array(z.string()).optional(),
  filteredOutFields: z.array(z.string()).optional(),
});

export type BulkWriteResponse = z.infer<typeof BulkWriteResponseSchema>;

/** `GET /api/lists/{id}/size` answers a bare number as text. */
export const ListSizeTextSchema = z
  .string()
  .trim()
  .regex(/^\d+$/)
  .transform((text) => Number.parseInt(text, 10));
