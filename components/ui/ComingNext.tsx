// A page whose feature a later issue fills: says so plainly (the page itself is real and checked).
export function ComingNext({ label, children }: { label: string; children: string }) {
  return (
    <div className="card max-w-2xl" data-testid="coming-next">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">{label}</p>
      <p className="mt-2 text-sm text-slate-800">{children}</p>
    </div>
  );
}
