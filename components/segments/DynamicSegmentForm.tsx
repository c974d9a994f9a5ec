"use client";
// Create or edit a dynamic segment: name (the Iterable list name), description, rules, with the
// live count. Rules are checked here with the same function the server uses before saving.
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useMemo, useState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ActionMessage, FieldError } from "@/components/ui/ActionMessage";
import { IDLE, type FormAction } from "@/lib/actions/action-state";
import type { MessageKey } from "@/lib/i18n/messages";
import { checkRules, type CatalogEntry, type Group } from "@/lib/segments/rules";
import { SEGMENT_NAME_MAX } from "@/lib/segments/schemas";
import { LiveCount } from "./LiveCount";
import { pathKey, RuleBuilder } from "./RuleBuilder";

type Props = {
  action: FormAction;
  catalog: CatalogEntry[];
  segment?: { id: string; name: string; description: string; rules: Group };
};

export function DynamicSegmentForm({ action, catalog, segment }: Props) {
  const { t } = useI18n();
  const router = useRouter();
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [name, setName] = useState(segment?.name ?? "");
  const [description, setDescription] = useState(segment?.description ?? "");
  const [rules, setRules] = useState<Group>(segment?.rules ?? { type: "group", combinator: "and", children: [] });
  const [submitted, setSubmitted] = useState(false);
  const issues = useMemo(() => checkRules(rules, catalog, { requireCondition: true }), [rules, catalog]);
  const shown = useMemo(() => new Map<string, MessageKey>(submitted ? issues.map((issue) => [pathKey(issue.path), issue.key]) : []), [issues, submitted]);
  const complete = checkRules(rules, catalog).length === 0;

  useEffect(() => {
    const id = state.status === "ok" ? state.message?.params?.id : undefined;
    if (id) router.push(`/segments/${id}`);
  }, [state, router]);

  return (
    <form action={formAction} noValidate className="space-y-5" data-testid="segment-form"
      onSubmit={(event) => {
        setSubmitted(true);
        if (issues.length > 0) event.preventDefault();
      }}>
      <ActionMessage state={state} testId="segment-form-message" />
      {segment && <input type="hidden" name="segmentId" value={segment.id} />}
      <input type="hidden" name="rules" value={JSON.stringify(rules)} />
      <div className="card grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="segment-name" className="field-label">{t("segments.name")}</label>
          <input id="segment-name" name="name" className="field-input" maxLength={SEGMENT_NAME_MAX} value={name} onChange={(event) => setName(event.target.value)}
            aria-invalid={Boolean(state.fieldErrors?.name)} aria-describedby={state.fieldErrors?.name ? "name-error" : "segment-name-hint"} />
          <p id="segment-name-hint" className="mt-1 text-xs text-slate-600">{t("segments.nameHint")}</p>
          <FieldError state={state} field="name" />
        </div>
        <div>
          <label htmlFor="segment-description" className="field-label">{t("segments.description")}</label>
          <input id="segment-description" name="description" className="field-input" value={description} onChange={(event) => setDescription(event.target.value)} />
          <FieldError state={state} field="description" />
        </div>
      </div>
      <section className="card space-y-4" aria-labelledby="rules-title">
        <h2 id="rules-title" className="text-lg font-semibold">{t("segments.rules")}</h2>
        <RuleBuilder value={rules} onChange={setRules} catalog={catalog} issues={shown} />
        {submitted && issues.length > 0 && <p className="field-error" data-testid="rules-invalid">{t("segments.rulesInvalid")}</p>}
        <FieldError state={state} field="rules" />
        <LiveCount rules={rules} complete={complete} />
      </section>
      <button type="submit" className="btn-primary" disabled={pending}>{pending ? t("common.saving") : t("common.save")}</button>
    </form>
  );
}
