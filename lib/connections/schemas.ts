// Input schemas for Admin › Connections, shared by the forms and the server actions (the
// authority). Messages are message keys. Client-safe: no server imports.
import { z } from "zod";

export const CONNECTION_TYPES = ["ITERABLE"] as const;
export const SHARING = ["ADMINISTRATORS", "ADMINISTRATORS_AND_CONTRIBUTORS"] as const;
export const REGIONS = ["US", "EU", "SANDBOX"] as const;
export type ConnectionTypeName = (typeof CONNECTION_TYPES)[number];
export type SharingName = (typeof SHARING)[number];
export type RegionName = (typeof REGIONS)[number];

export const DISPLAY_NAME_MAX = 80;
export const RATE_DEFAULTS = { requestsPerSecond: 10, concurrency: 4, batchSize: 1000 } as const;
// Iterable accepts at most 1000 subscribers per list subscribe/unsubscribe request.
export const RATE_LIMITS = { requestsPerSecond: 1000, concurrency: 32, batchSize: 1000 } as const;

const draftId = z.uuid("validation.tampered");
const connectionId = z.uuid("validation.tampered");
const displayName = z.string("validation.required").trim().min(1, "validation.required").max(DISPLAY_NAME_MAX, "validation.tooLong");
const sharing = z.enum(SHARING, "validation.tampered");
const region = z.enum(REGIONS, "connections.regionRequired");
const apiKey = z.string("connections.keyRequired").trim().min(1, "connections.keyRequired").max(200, "validation.tooLong");
const password = z.string("validation.required").min(1, "validation.required").max(200, "validation.tooLong");
const baseUrl = z
  .string()
  .trim()
  .max(300, "validation.tooLong")
  .optional()
  .transform((text) => (text ? text.replace(/\/+$/, "") : undefined))
  .pipe(z.url({ protocol: /^https?$/, error: "connections.baseUrlInvalid" }).optional());

/** The key's endpoint: a base URL only for the sandbox choice, required there. */
const endpoint = { region, baseUrl };
function baseUrlWhenSandbox(value: { region: RegionName; baseUrl?: string }, ctx: z.RefinementCtx) {
  if (value.region === "SANDBOX" && !value.baseUrl) {
    ctx.addIssue({ code: "custom", path: ["baseUrl"], message: "connections.baseUrlRequired" });
  }
}

export const startDraftSchema = z.object({ type: z.enum(CONNECTION_TYPES, "connections.typeRequired") });
export const draftNameSchema = z.object({ draftId, displayName });
export const draftSharingSchema = z.object({ draftId, sharing });
export const draftConnectSchema = z
  .object({
    draftId,
    ...endpoint,
    apiKey,
    agree: z.literal("on", "connections.agreeRequired"),
    noticeVersion: z.string().min(1, "validation.tampered").max(40, "validation.tampered"),
  })
  .superRefine(baseUrlWhenSandbox);
/**
 * Every wizard step at once, for `ferry connections add`: the same fields and rules as the
 * wizard's pages, and the same explicit agreement to the privacy notice of this version.
 */
export const addConnectionSchema = z
  .object({
    type: z.enum(CONNECTION_TYPES, "connections.typeRequired"),
    displayName,
    sharing,
    ...endpoint,
    apiKey,
    agree: z.literal("on", "connections.agreeRequired"),
    noticeVersion: z.string().min(1, "validation.tampered").max(40, "validation.tampered"),
  })
  .superRefine(baseUrlWhenSandbox);
export const draftPasswordSchema = z.object({ draftId, password });
export const draftIdSchema = z.object({ draftId });

const optionalInt = (max: number, fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((text) => (text ? Number(text) : fallback))
    .pipe(z.number("connections.wholeNumber").int("connections.wholeNumber").min(1, "connections.range").max(max, "connections.range"));

export const connectionSettingsSchema = z.object({
  connectionId,
  displayName,
  sharing,
  requestsPerSecond: optionalInt(RATE_LIMITS.requestsPerSecond, RATE_DEFAULTS.requestsPerSecond),
  concurrency: optionalInt(RATE_LIMITS.concurrency, RATE_DEFAULTS.concurrency),
  batchSize: optionalInt(RATE_LIMITS.batchSize, RATE_DEFAULTS.batchSize),
});
export const rotateKeySchema = z.object({ connectionId, ...endpoint, apiKey }).superRefine(baseUrlWhenSandbox);
export const takeOverSchema = z.object({ connectionId, password });
export const connectionIdSchema = z.object({ connectionId });
/** What happens to the exports that use a connection being removed (required when there are any). */
export const EXPORTS_ON_REMOVAL = ["detach", "remove"] as const;
export const removeConnectionSchema = z.object({ connectionId, exports: z.enum(EXPORTS_ON_REMOVAL, "connections.remove.exportsChoiceRequired").optional() });

export type StartDraftInput = z.infer<typeof startDraftSchema>;
export type DraftNameInput = z.infer<typeof draftNameSchema>;
export type DraftSharingInput = z.infer<typeof draftSharingSchema>;
export type DraftConnectInput = z.infer<typeof draftConnectSchema>;
export type AddConnectionInput = z.input<typeof addConnectionSchema>;
export type DraftPasswordInput = z.infer<typeof draftPasswordSchema>;
export type DraftIdInput = z.infer<typeof draftIdSchema>;
export type ConnectionSettingsInput = z.infer<typeof connectionSettingsSchema>;
export type RotateKeyInput = z.infer<typeof rotateKeySchema>;
export type TakeOverInput = z.infer<typeof takeOverSchema>;
export type ConnectionIdInput = z.infer<typeof connectionIdSchema>;
export type RemoveConnectionInput = z.infer<typeof removeConnectionSchema>;

/** Uniqueness ignores case and surrounding spaces. */
export function nameKeyOf(displayName: string): string {
  return displayName.trim().toLowerCase();
}

/** Ids in connection URLs: anything else is "not found" before a query is made. */
export function isUuid(value: string): boolean {
  return z.uuid().safeParse(value).success;
}
