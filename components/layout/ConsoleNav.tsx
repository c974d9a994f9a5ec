"use client";
// Renders the sections the server computed from the permission table; only marks the current page.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useI18n } from "@/components/i18n/I18nProvider";
import type { NavSection } from "@/lib/auth/navigation";

export function ConsoleNav({ sections }: { sections: NavSection[] }) {
  const { t } = useI18n();
  const pathname = usePathname();
  return (
    <nav aria-label={t("nav.main")} data-testid="console-nav" className="space-y-6">
      {sections.map((section) => (
        <div key={section.label}>
          <p className="px-3 text-xs font-semibold uppercase tracking-wide text-slate-600">{t(section.label)}</p>
          <ul className="mt-2 space-y-1">
            {section.items.map((item) => {
              const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={current ? "page" : undefined}
                    className={`block rounded-md px-3 py-2 text-sm ${current ? "bg-brand-100 font-semibold text-brand-900" : "text-slate-800 hover:bg-slate-100"}`}
                  >
                    {t(item.label)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
