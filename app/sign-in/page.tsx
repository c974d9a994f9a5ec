import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/SignInForm";
import { LanguageSwitch } from "@/components/layout/LanguageSwitch";
import { currentUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { setLocaleAction } from "../locale-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("signIn.title") };
}

export default async function SignInPage() {
  if (await currentUser()) redirect("/");
  const t = await getTranslator();
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-6 px-4">
      <div className="w-full max-w-sm space-y-6">
        <div className="text-center">
          <p className="text-2xl font-bold text-brand-900">{t("app.name")}</p>
          <p className="mt-1 text-sm text-slate-700">{t("app.tagline")}</p>
        </div>
        <section className="card space-y-4" aria-labelledby="sign-in-title">
          <h1 id="sign-in-title" className="text-lg font-semibold">{t("signIn.title")}</h1>
          <SignInForm />
        </section>
        <div className="flex justify-center">
          <LanguageSwitch setLocale={setLocaleAction} />
        </div>
      </div>
    </main>
  );
}
