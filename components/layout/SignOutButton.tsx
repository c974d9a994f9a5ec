"use client";
import { signOut } from "next-auth/react";
import { useI18n } from "@/components/i18n/I18nProvider";

export function SignOutButton() {
  const { t } = useI18n();
  return (
    <button type="button" className="btn-secondary" onClick={() => signOut({ callbackUrl: "/sign-in" })}>
      {t("account.signOut")}
    </button>
  );
}
