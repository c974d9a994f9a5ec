"use client";
import { useI18n } from "@/components/i18n/I18nProvider";
import type { ActionState } from "@/lib/actions/action-state";
import { FormMessage } from "./FormMessage";

/** The form-level outcome of a server action, translated. */
export function ActionMessage({ state, testId }: { state: ActionState; testId?: string }) {
  const { t } = useI18n();
  if (state.status === "idle" || !state.message) return null;
  return (
    <FormMessage tone={state.status === "ok" ? "success" : "error"} testId={testId}>
      {t(state.message.key, state.message.params)}
    </FormMessage>
  );
}

export function FieldError({ state, field }: { state: ActionState; field: string }) {
  const { t } = useI18n();
  const error = state.fieldErrors?.[field];
  if (!error) return null;
  return (
    <p id={`${field}-error`} className="field-error">
      {t(error.key, error.params)}
    </p>
  );
}
