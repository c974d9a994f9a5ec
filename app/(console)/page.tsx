import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { navigationFor } from "@/lib/auth/navigation";
import { requireUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";

export default async function HomePage() {
  const user = await requireUser();
  const t = await getTranslator();
  return (
    <>
      <PageHeader title={t("home.title", { name: user.name })} description={t("home.body")} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {navigationFor(user.role).flatMap((section) =>
          section.items.map((item) => (
            <Link key={item.href} href={item.href} className="card hover:border-brand-600">
              <p className="text-xs uppercase tracking-wide text-slate-600">{t(section.label)}</p>
              <p className="mt-1 text-lg font-semibold text-slate-900">{t(item.label)}</p>
            </Link>
          )),
        )}
      </div>
    </>
  );
}
