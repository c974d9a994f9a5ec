"use server";
// Admin › Users mutations: schema → permission → domain function (lib/users).
import { defineAction } from "@/lib/actions/define-action";
import { changeRoleSchema, createUserSchema, setActiveSchema } from "@/lib/users/schemas";
import { changeUserRole, createUser, setUserActive } from "@/lib/users/users";

const USERS_PAGE = "/admin/users";

export const createUserAction = defineAction({
  name: "users.create",
  schema: createUserSchema,
  permission: "users:manage",
  run: (input, actor) => createUser(actor, input),
  success: (user) => ({ key: "users.added", params: { email: user.email } }),
  revalidate: [USERS_PAGE],
});

export const changeRoleAction = defineAction({
  name: "users.changeRole",
  schema: changeRoleSchema,
  permission: "users:manage",
  run: (input, actor) => changeUserRole(actor, input),
  success: () => ({ key: "users.roleChanged" }),
  revalidate: [USERS_PAGE],
});

export const setActiveAction = defineAction({
  name: "users.setActive",
  schema: setActiveSchema,
  permission: "users:manage",
  run: (input, actor) => setUserActive(actor, input),
  success: (_user, input) => ({ key: input.active ? "users.reactivated" : "users.deactivated" }),
  revalidate: [USERS_PAGE],
});
