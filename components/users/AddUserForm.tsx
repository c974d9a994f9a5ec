"use client";
import { useActionState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ActionMessage, FieldError } from "@/components/ui/ActionMessage";
import { IDLE, type FormAction } from "@/lib/actions/action-state";
import { ROLES } from "@/lib/auth/permissions";
import { PASSWORD_MIN } from "@/lib/users/schemas";

export function AddUserForm({ action }: { action: FormAction }) {
  const { t } = useI18n();
  const [state, formAction, pending] = useActionState(action, IDLE);
  // After a failure the inputs show what was typed (never the password); after a success
  // the key changes, so the form starts empty.
  const values = state.status === "error" ? state.values ?? {} : {};
  const invalid = (field: string) => Boolean(state.fieldErrors?.[field]);
  const described = (field: string) => (invalid(field) ? `${field}-error` : undefined);
  return (
    <form action={formAction} noValidate className="card space-y-4" data-testid="add-user-form" key={state.status === "ok" ? JSON.stringify(state.message) : "form"}>
      <h2 className="text-lg font-semibold">{t("users.add")}</h2>
      <ActionMessage state={state} testId="add-user-message" />
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="new-name" className="field-label">{t("users.name")}</label>
          <input id="new-name" name="name" className="field-input" defaultValue={values.name} aria-invalid={invalid("name")} aria-describedby={described("name")} />
          <FieldError state={state} field="name" />
        </div>
        <div>
          <label htmlFor="new-email" className="field-label">{t("users.email")}</label>
          <input id="new-email" name="email" type="email" className="field-input" defaultValue={values.email} aria-invalid={invalid("email")} aria-describedby={described("email")} />
          <FieldError state={state} field="email" />
        </div>
        <div>
          <label htmlFor="new-role" className="field-label">{t("users.role")}</label>
          <select id="new-role" name="role" className="field-input" defaultValue={values.role ?? "VIEWER"} aria-invalid={invalid("role")} aria-describedby={described("role")}>
            {ROLES.map((role) => (
              <option key={role} value={role}>{t(`role.${role}`)}</option>
            ))}
          </select>
          <FieldError state={state} field="role" />
        </div>
        <div>
          <label htmlFor="new-password" className="field-label">{t("users.password")}</label>
          <input id="new-password" name="password" type="password" autoComplete="new-password" className="field-input" aria-invalid={invalid("password")} aria-describedby={described("password") ?? "password-hint"} />
          <p id="password-hint" className="mt-1 text-xs text-slate-600">{t("users.passwordHint", { min: PASSWORD_MIN })}</p>
          <FieldError state={state} field="password" />
        </div>
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? t("common.saving") : t("users.add")}
      </button>
    </form>
  );
}
