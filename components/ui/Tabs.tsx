import Link from "next/link";

/** Tabs as links (each tab is its own URL, so the server renders only the chosen one). */
export function Tabs({ label, tabs, current }: { label: string; tabs: { id: string; href: string; label: string }[]; current: string }) {
  return (
    <nav aria-label={label} className="mb-6 flex gap-1 border-b border-slate-200">
      {tabs.map((tab) => (
        <Link
          key={tab.id}
          href={tab.href}
          aria-current={tab.id === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-4 py-2 text-sm ${tab.id === current ? "border-brand-600 font-semibold text-brand-900" : "border-transparent text-slate-700 hover:text-slate-900"}`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
