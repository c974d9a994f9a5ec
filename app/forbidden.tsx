// Rendered by the server, with HTTP 403, when `forbidden()` is called (lib/auth/session.ts).
import Link from "next/link";
import { currentUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";

export default async function Forbidden() {
  const [t, user] = await Promise.all([getTranslator(), currentUser()]);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <section className="card max-w-md space-y-3" data-testid="not-allowed">
        <h1 className="text-xl font-semibold">{t("errors.notAllowedTitle")}</h1>
        <p className="text-sm text-slate-800">{t("errors.notAllowedBody", { role: user ? t(`role.${user.role}`) : "—" })}</p>
        <Link href="/" className="btn-primary">{t("errors.backHome")}</Link>
      </section>
    </main>
  );
}
