// What a server action answers to its form. Client-safe: no server imports here.
import type { MessageParams } from "@/lib/errors";
import type { MessageKey } from "@/lib/i18n/messages";

export type FieldErrors = Record<string, { key: MessageKey; params?: MessageParams }>;

export type ActionState = {
  status: "idle" | "ok" | "error";
  message?: { key: MessageKey; params?: MessageParams };
  fieldErrors?: FieldErrors;
  /** What was typed (never passwords or keys), so a failed form keeps it. */
  values?: Record<string, string>;
  /** Set by actions that move on to another page (defineAction's redirectTo). */
  redirectTo?: string;
};

export type FormAction = (state: ActionState, formData: FormData) => Promise<ActionState>;

export const IDLE: ActionState = { status: "idle" };
