"use server";
// The language switch: stored in a cookie for a year (and on the user, when signed in).
import { cookies } from "next/headers";
import { z } from "zod";
import { currentUser } from "@/lib/auth/session";
import { LOCALES, LOCALE_COOKIE } from "@/lib/i18n/messages";
import { saveUserLocale } from "@/lib/users/users";

const localeSchema = z.enum(LOCALES);

export async function setLocaleAction(locale: string) {
  const parsed = localeSchema.safeParse(locale);
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  const user = await currentUser();
  if (user) await saveUserLocale(user.id, parsed.data);
}
