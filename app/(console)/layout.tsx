import type { ReactNode } from "react";
import { ConsoleNav } from "@/components/layout/ConsoleNav";
import { LanguageSwitch } from "@/components/layout/LanguageSwitch";
import { SignOutButton } from "@/components/layout/SignOutButton";
import { navigationFor } from "@/lib/auth/navigation";
import { requireUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { setLocaleAction } from "../locale-actions";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const t = await getTranslator();
  return (
    <div className="flex min-h-screen">
      <a href="#content" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:p-2">
        {t("nav.skip")}
      </a>
      <aside className="w-56 shrink-0 border-r border-slate-200 bg-white px-3 py-6">
        <p className="px-3 text-xl font-bold text-brand-900">{t("app.name")}</p>
        <div className="mt-6">
          <ConsoleNav sections={navigationFor(user.role)} />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-end gap-4 border-b border-slate-200 bg-white px-6 py-3">
          <LanguageSwitch setLocale={setLocaleAction} />
          <p className="text-sm text-slate-700" data-testid="signed-in-as">
            {t("account.signedInAs", { name: user.name })} · <span data-testid="signed-in-role">{t(`role.${user.role}`)}</span>
          </p>
          <SignOutButton />
        </header>
        <main id="content" className="flex-1 px-6 py-6">
          {children}
        </main>
      </div>
    </div>
  );
}
