"use client";
// Dry run: what a run would do now (per list: members, valid emails, to add / update / remove,
// a few samples) and how long it should take, without sending anything.
import { useState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { FormMessage } from "@/components/ui/FormMessage";
import type { DryRun } from "@/lib/export-engine";

export function DryRunPanel({ exportId }: { exportId: string }) {
  const { t, locale } = useI18n();
  const [plan, setPlan] = useState<DryRun | null>(null);
  const [failed, setFailed] = useState(false);
  const [pending, setPending] = useState(false);
  const numbers = new Intl.NumberFormat(locale);
  async function run() {
    setPending(true);
    setFailed(false);
    try {
      const response = await fetch(`/api/exports/${exportId}/dry-run`, { cache: "no-store" });
      if (!response.ok) throw new Error(`dry run: ${response.status}`);
      setPlan(await response.json());
    } catch {
      setFailed(true);
    } finally {
      setPending(false);
    }
  }
  return (
    <section className="card space-y-3" aria-labelledby="dry-run-title">
      <h2 id="dry-run-title" className="text-lg font-semibold">{t("exports.dryRun.title")}</h2>
      <p className="text-xs text-slate-600">{t("exports.dryRun.hint")}</p>
      <button type="button" className="btn-secondary" onClick={run} disabled={pending} data-testid="dry-run">{t("exports.dryRun.button")}</button>
      {failed && <FormMessage tone="error">{t("errors.generic")}</FormMessage>}
      {plan && (
        <div className="space-y-2 text-sm" data-testid="dry-run-plan" aria-live="polite">
          <p>
            {plan.expectedSeconds === null
              ? t("exports.dryRun.noDuration")
              : t("exports.dryRun.duration", { requests: numbers.format(plan.requests), seconds: numbers.format(Math.ceil(plan.expectedSeconds)) })}
          </p>
          {plan.needsConfirmation && <p className="text-amber-800">{t("exports.dryRun.needsConfirmation")}</p>}
          <ul className="space-y-2">
            {plan.lists.map((list) => (
              <li key={list.exportListId}>
                <p className="font-medium">{list.listName}</p>
                <p>{t("exports.dryRun.counts", {
                  members: numbers.format(list.members), valid: numbers.format(list.validEmails), add: numbers.format(list.toAdd),
                  update: numbers.format(list.toUpdate), remove: numbers.format(list.toRemove), unchanged: numbers.format(list.unchanged),
                })}</p>
                {list.sample.adds.length > 0 && <p className="text-xs text-slate-700">{t("exports.dryRun.sampleAdds", { emails: list.sample.adds.join(", ") })}</p>}
                {list.sample.removes.length > 0 && <p className="text-xs text-slate-700">{t("exports.dryRun.sampleRemoves", { emails: list.sample.removes.join(", ") })}</p>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
