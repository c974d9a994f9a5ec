"use client";
// Per-user actions on Admin › Users: change the role, deactivate or reactivate.
import { useActionState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ActionMessage } from "@/components/ui/ActionMessage";
import { IDLE, type FormAction } from "@/lib/actions/action-state";
import { ROLES, type Role } from "@/lib/auth/permissions";

type Props = {
  user: { id: string; name: string; role: Role; active: boolean };
  isSelf: boolean;
  changeRole: FormAction;
  setActive: FormAction;
};

export function UserRowActions({ user, isSelf, changeRole, setActive }: Props) {
  const { t } = useI18n();
  const [roleState, roleAction, rolePending] = useActionState(changeRole, IDLE);
  const [activeState, activeAction, activePending] = useActionState(setActive, IDLE);
  const roleSelectId = `role-${user.id}`;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        {user.active && (
          <form action={roleAction} className="flex items-center gap-2">
            <input type="hidden" name="userId" value={user.id} />
            <label htmlFor={roleSelectId} className="sr-only">{t("users.roleFor", { name: user.name })}</label>
            <select id={roleSelectId} name="role" defaultValue={user.role} className="rounded-md border border-slate-400 bg-white px-2 py-1 text-sm">
              {ROLES.map((role) => (
                <option key={role} value={role}>{t(`role.${role}`)}</option>
              ))}
            </select>
            <button type="submit" className="btn-secondary" disabled={rolePending}>{t("users.changeRole")}</button>
          </form>
        )}
        {!isSelf && (
          <form
            action={activeAction}
            onSubmit={(event) => {
              if (user.active && !window.confirm(t("users.confirmDeactivate", { name: user.name }))) event.preventDefault();
            }}
          >
            <input type="hidden" name="userId" value={user.id} />
            <input type="hidden" name="active" value={user.active ? "false" : "true"} />
            <button type="submit" className={user.active ? "btn-danger" : "btn-secondary"} disabled={activePending}>
              {user.active ? t("users.deactivate") : t("users.reactivate")}
            </button>
          </form>
        )}
      </div>
      <ActionMessage state={roleState} testId={`role-message-${user.id}`} />
      <ActionMessage state={activeState} testId={`active-message-${user.id}`} />
    </div>
  );
}
