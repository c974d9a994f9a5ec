"use client";
// One form component for every Admin › Connections form (wizard steps, edit, rotate, take over,
// check now, remove), described by serializable field specs so that server pages decide what
// is asked. After a failure it shows what was typed, except passwords and keys (the server
// never echoes them); after a success it starts empty. Plain <form action> posts: it works
// with the keyboard alone and every rule is enforced by the server action.
import { useRouter } from "next/navigation";
import { useActionState, useEffect, type ReactNode } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ActionMessage } from "@/components/ui/ActionMessage";
import { IDLE, type ActionState, type FormAction } from "@/lib/actions/action-state";

export type FormField =
  | { kind: "hidden"; name: string; value: string }
  | { kind: "text"; name: string; label: string; hint?: string; type?: "text" | "password" | "url"; defaultValue?: string; autoComplete?: string; numeric?: boolean }
  | { kind: "radio"; name: string; legend: string; options: { value: string; label: string; hint?: string }[]; defaultValue?: string }
  | { kind: "notice"; title: string; paragraphs: string[]; footnote?: string; testId?: string }
  | { kind: "checkbox"; name: string; label: string };

type Props = {
  action: FormAction;
  fields: FormField[];
  submitLabel: string;
  pendingLabel?: string;
  /** Prefix for element ids, unique per form on a page. */
  id: string;
  danger?: boolean;
  /** Re-render the page's server data after any answer (a failed check changes the status too). */
  refresh?: boolean;
  /** Beside the submit button: Back links, Cancel. */
  extra?: ReactNode;
  className?: string;
};

export function ConnectionForm({ action, fields, submitLabel, pendingLabel, id, danger, refresh, extra, className }: Props) {
  const { t } = useI18n();
  const router = useRouter();
  const [state, formAction, pending] = useActionState(action, IDLE);
  useEffect(() => {
    if (refresh && state.status !== "idle") router.refresh();
  }, [refresh, router, state]);
  const values = state.status === "error" ? state.values ?? {} : {};
  return (
    <form action={formAction} noValidate className={className ?? "space-y-4"} data-testid={`${id}-form`} key={state.status === "ok" ? JSON.stringify(state) : "form"}>
      <ActionMessage state={state} testId={`${id}-message`} />
      {fields.map((field) => (
        <Field key={field.kind === "notice" ? field.title : field.name} field={field} id={id} state={state} values={values} />
      ))}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={danger ? "btn-danger" : "btn-primary"} disabled={pending}>
          {pending ? pendingLabel ?? t("common.saving") : submitLabel}
        </button>
        {extra}
      </div>
    </form>
  );
}

function Field({ field, id, state, values }: { field: FormField; id: string; state: ActionState; values: Record<string, string> }) {
  const { t } = useI18n();
  if (field.kind === "hidden") return <input type="hidden" name={field.name} value={field.value} />;
  if (field.kind === "notice") {
    return (
      <section className="rounded-md border border-slate-200 bg-slate-50 p-4 text-sm" aria-labelledby={`${id}-notice-title`} data-testid={field.testId}>
        <h3 id={`${id}-notice-title`} className="font-semibold">{field.title}</h3>
        {field.paragraphs.map((paragraph) => <p key={paragraph} className="mt-2">{paragraph}</p>)}
        {field.footnote && <p className="mt-2 text-xs text-slate-600">{field.footnote}</p>}
      </section>
    );
  }
  const inputId = `${id}-${field.name}`;
  const error = state.fieldErrors?.[field.name];
  const errorId = `${inputId}-error`;
  const hintId = `${inputId}-hint`;
  const errorText = error && <p id={errorId} className="field-error">{t(error.key, error.params)}</p>;
  if (field.kind === "checkbox") {
    return (
      <div>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input id={inputId} type="checkbox" name={field.name} defaultChecked={values[field.name] === "on"} aria-invalid={Boolean(error)} aria-describedby={error ? errorId : undefined} className="h-4 w-4" />
          {field.label}
        </label>
        {errorText}
      </div>
    );
  }
  if (field.kind === "radio") {
    const chosen = values[field.name] ?? field.defaultValue;
    return (
      <fieldset aria-invalid={Boolean(error)} aria-describedby={error ? errorId : undefined}>
        <legend className="field-label">{field.legend}</legend>
        <div className="mt-2 space-y-2">
          {field.options.map((option) => {
            const optionId = `${inputId}-${option.value}`;
            return (
              <div key={option.value} className="flex items-start gap-2 text-sm">
                <input id={optionId} type="radio" name={field.name} value={option.value} defaultChecked={chosen === option.value} className="mt-1" aria-describedby={option.hint ? `${optionId}-hint` : undefined} />
                <div>
                  <label htmlFor={optionId} className="font-medium">{option.label}</label>
                  {option.hint && <p id={`${optionId}-hint`} className="text-slate-600">{option.hint}</p>}
                </div>
              </div>
            );
          })}
        </div>
        {errorText}
      </fieldset>
    );
  }
  const described = [error ? errorId : null, field.hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={inputId} className="field-label">{field.label}</label>
      <input
        id={inputId}
        name={field.name}
        type={field.type ?? "text"}
        inputMode={field.numeric ? "numeric" : undefined}
        autoComplete={field.autoComplete ?? (field.type === "password" ? "off" : undefined)}
        spellCheck={field.type === "password" ? false : undefined}
        className="field-input"
        defaultValue={values[field.name] ?? field.defaultValue}
        aria-invalid={Boolean(error)}
        aria-describedby={described}
      />
      {field.hint && <p id={hintId} className="mt-1 text-xs text-slate-600">{field.hint}</p>}
      {errorText}
    </div>
  );
}
