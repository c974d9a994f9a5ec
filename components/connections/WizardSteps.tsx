// The wizard's eight steps, as in the original: the current one(s) marked for screen readers.
// Steps 4 to 6 (key and data center, privacy notice, Connect) share one page, so a failed
// Connect asks for the key again right where it was typed.
import type { Translate } from "@/lib/i18n/messages";

export const WIZARD_STEPS = ["type", "name", "sharing", "key", "privacy", "connect", "exportUser", "save"] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export function WizardSteps({ t, current, completed }: { t: Translate; current: readonly WizardStep[]; completed: number }) {
  return (
    <nav aria-label={t("connections.wizard.steps")} className="mb-6">
      <ol className="flex flex-wrap gap-2 text-xs" data-testid="wizard-steps">
        {WIZARD_STEPS.map((step, index) => {
          const isCurrent = current.includes(step);
          const isDone = !isCurrent && index + 1 <= completed;
          return (
            <li
              key={step}
              aria-current={isCurrent ? "step" : undefined}
              className={`rounded-full border px-3 py-1 ${isCurrent ? "border-brand-600 bg-brand-50 font-semibold text-brand-900" : isDone ? "border-green-300 text-green-800" : "border-slate-300 text-slate-700"}`}
            >
              {index + 1}. {t(`connections.wizard.step.${step}`)}
              {isDone && <span className="sr-only"> ({t("connections.wizard.done")})</span>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
