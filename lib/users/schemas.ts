// Input schemas for Admin › Users, shared by the forms and the server actions.
import { z } from "zod";
import { emailField } from "@/lib/auth/schemas";
import { ROLES } from "@/lib/auth/permissions";

export const PASSWORD_MIN = 10;

export const roleField = z.enum(ROLES, "validation.role");
export const userIdField = z.uuid("validation.tampered");

export const createUserSchema = z.object({
  name: z.string().trim().min(1, "validation.required").max(120, "validation.tooLong"),
  email: emailField,
  role: roleField,
  password: z.string().min(PASSWORD_MIN, "validation.passwordMin").max(200, "validation.tooLong"),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const changeRoleSchema = z.object({ userId: userIdField, role: roleField });
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;

export const setActiveSchema = z.object({
  userId: userIdField,
  active: z.enum(["true", "false"], "validation.tampered").transform((value) => value === "true"),
});
export type SetActiveInput = z.infer<typeof setActiveSchema>;
