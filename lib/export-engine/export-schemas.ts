// The shape of an export as forms, the CLI and the domain functions accept it (zod, shared).
import { z } from "zod";

export const dataFieldMappingSchema = z.object({
  attribute: z.string().trim().min(1).max(200),
  // Iterable dataFields keys; "email" is the identity, not a data field.
  field: z.string().trim().min(1).max(200).refine((field) => field.toLowerCase() !== "email", "email is the identity"),
});

export const exportInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  connectionId: z.string().uuid().nullable(),
  emailAttribute: z.string().trim().min(1).max(200),
  dataFields: z.array(dataFieldMappingSchema).max(50).default([]),
  mode: z.enum(["MIRROR", "ADD_ONLY"]).default("MIRROR"),
  scheduleKind: z.enum(["SYSTEM", "OWN"]).default("SYSTEM"),
  schedule: z.record(z.string(), z.unknown()).nullable().default(null),
  maxRemovalShare: z.number().min(0).max(1).default(0.5),
  batchSize: z.number().int().min(1).max(1000).nullable().default(null),
  segmentIds: z.array(z.string().uuid()).min(1).max(50),
});

export type ExportInput = z.input<typeof exportInputSchema>;
export type ExportSettings = z.output<typeof exportInputSchema>;
