// Every mutation reads the same way: parse the form with the zod schema shared with it, check
// one permission in the role table, call a domain function in lib/. Expected errors become a
// message for the user; anything else is logged and shown as a generic message.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { assertCan, currentUser, type CurrentUser } from "@/lib/auth/session";
import type { Permission } from "@/lib/auth/permissions";
import { ExpectedError, type MessageParams } from "@/lib/errors";
import { isMessageKey, type MessageKey } from "@/lib/i18n/messages";
import { logger } from "@/lib/logging/logger";
import type { ActionState, FieldErrors } from "./action-state";

const NEVER_ECHO = /password|key|secret/i;

type ActionDefinition<S extends z.ZodType, R> = {
  name: string;
  schema: S;
  permission: Permission;
  run: (input: z.output<S>, user: CurrentUser) => Promise<R>;
  success: (result: R, input: z.output<S>) => { key: MessageKey; params?: MessageParams };
  /** Pages whose data the action changes. */
  revalidate?: string[];
  /** Where to go after a success (a wizard's next step); the form then shows nothing. */
  redirectTo?: (result: R, input: z.output<S>) => string;
};

export function defineAction<S extends z.ZodType, R>(definition: ActionDefinition<S, R>) {
  async function runAs(user: CurrentUser | null, formData: FormData): Promise<ActionState> {
    const raw = formFields(formData);
    const values = echoValues(raw);
    try {
      assertCan(user, definition.permission);
      const parsed = definition.schema.safeParse(raw);
      if (!parsed.success) {
        return { status: "error", message: { key: "validation.fixFields" }, fieldErrors: fieldErrors(parsed.error), values };
      }
      const result = await definition.run(parsed.data, user);
      const redirectTo = definition.redirectTo?.(result, parsed.data);
      return { status: "ok", message: definition.success(result, parsed.data), ...(redirectTo ? { redirectTo } : {}) };
    } catch (error) {
      if (error instanceof ExpectedError) {
        const message = { key: error.messageKey, params: error.options.params };
        const fields = error.options.field ? { [error.options.field]: message } : undefined;
        return { status: "error", message, fieldErrors: fields, values };
      }
      logger.error({ err: error, action: definition.name, userId: user?.id }, "server action failed");
      return { status: "error", message: { key: "errors.generic" }, values };
    }
  }

  async function action(_previous: ActionState, formData: FormData): Promise<ActionState> {
    const state = await runAs(await currentUser(), formData);
    if (state.status === "ok") for (const path of definition.revalidate ?? []) revalidatePath(path);
    // Outside runAs's try/catch: redirect() works by throwing, which must reach Next.
    if (state.status === "ok" && state.redirectTo) redirect(state.redirectTo);
    return state;
  }

  // Tests call `runAs` with a user of each role; the app calls the action itself.
  return Object.assign(action, { runAs });
}

// A field sent once is a string, a field sent several times (checkboxes) an array of them.
function formFields(formData: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const fields: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = formData.getAll(key);
    fields[key] = all.length === 1 ? all[0]! : all;
  }
  return fields;
}

function echoValues(raw: Record<string, FormDataEntryValue | FormDataEntryValue[]>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === "string" && !NEVER_ECHO.test(key)) values[key] = value;
  }
  return values;
}

function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (errors[field]) continue;
    const key: MessageKey = isMessageKey(issue.message) ? issue.message : "validation.tampered";
    const params = "minimum" in issue ? { min: Number(issue.minimum) } : undefined;
    errors[field] = { key, params };
  }
  return errors;
}
