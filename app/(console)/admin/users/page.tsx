import type { Metadata } from "next";
import { AddUserForm } from "@/components/users/AddUserForm";
import { UserRowActions } from "@/components/users/UserRowActions";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePagePermission } from "@/lib/auth/session";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import { listUsers } from "@/lib/users/users";
import { changeRoleAction, createUserAction, setActiveAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("users.title") };
}

export default async function UsersPage() {
  const me = await requirePagePermission("users:manage");
  const [t, locale, users] = await Promise.all([getTranslator(), getLocale(), listUsers()]);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  return (
    <>
      <PageHeader title={t("users.title")} />
      <div className="card mb-8 overflow-x-auto p-0">
        <table className="data-table" data-testid="users-table">
          <thead>
            <tr>
              <th scope="col">{t("users.name")}</th>
              <th scope="col">{t("users.email")}</th>
              <th scope="col">{t("users.role")}</th>
              <th scope="col">{t("users.status")}</th>
              <th scope="col">{t("users.created")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((user) => (
              <tr key={user.id} data-testid={`user-row-${user.email}`}>
                <td>
                  {user.name}
                  {user.id === me.id && <span className="ml-1 text-xs text-slate-600">({t("users.you")})</span>}
                </td>
                <td>{user.email}</td>
                <td data-testid="user-role">{t(`role.${user.role}`)}</td>
                <td data-testid="user-status">{user.active ? t("users.active") : t("users.inactive")}</td>
                <td>{dates.format(user.createdAt)}</td>
                <td>
                  <UserRowActions
                    user={{ id: user.id, name: user.name, role: user.role, active: user.active }}
                    isSelf={user.id === me.id}
                    changeRole={changeRoleAction}
                    setActive={setActiveAction}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <AddUserForm action={createUserAction} />
    </>
  );
}
