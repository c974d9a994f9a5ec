// Input schemas shared by the sign-in form (client-side hints) and the server (the authority).
// Messages are message keys, translated where they are shown.
import { z } from "zod";

export const emailField = z
  .string()
  .trim()
  .min(1, "validation.required")
  .max(254, "validation.tooLong")
  .pipe(z.email("validation.email"))
  .transform((email) => email.toLowerCase());

export const signInSchema = z.object({
  email: emailField,
  // No minimum length here: a sign-in only needs "something"; the length rule is for new passwords.
  password: z.string().min(1, "validation.required").max(200, "validation.tooLong"),
});

export type SignInInput = z.infer<typeof signInSchema>;
