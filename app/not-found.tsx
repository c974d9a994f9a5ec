import Link from "next/link";
import { getTranslator } from "@/lib/i18n/server";

export default async function NotFound() {
  const t = await getTranslator();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <section className="card max-w-md space-y-3">
        <h1 className="text-xl font-semibold">{t("errors.notFoundTitle")}</h1>
        <p className="text-sm text-slate-800">{t("errors.notFoundBody")}</p>
        <Link href="/" className="btn-primary">{t("errors.backHome")}</Link>
      </section>
    </main>
  );
}
