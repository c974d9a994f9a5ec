"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { LOCALES } from "@/lib/i18n/messages";

// The server action comes from the page (server actions live beside their routes in app/).
export function LanguageSwitch({ setLocale }: { setLocale: (locale: string) => Promise<void> }) {
  const { locale, t } = useI18n();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span>{t("language.label")}</span>
      <select
        data-testid="language-switch"
        className="rounded-md border border-slate-400 bg-white px-2 py-1 text-sm text-slate-900"
        value={locale}
        disabled={pending}
        onChange={(event) => {
          const next = event.target.value;
          startTransition(async () => {
            await setLocale(next);
            router.refresh();
          });
        }}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code}>
            {t(`language.${code}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
