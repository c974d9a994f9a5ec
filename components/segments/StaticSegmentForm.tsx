"use client";
// Create or edit a static segment: a name and an uploaded list of customer ids (or emails, or
// another text attribute). A file is read in the browser into the list field.
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ActionMessage, FieldError } from "@/components/ui/ActionMessage";
import { IDLE, type FormAction } from "@/lib/actions/action-state";
import { SEGMENT_NAME_MAX, STATIC_LIST_MAX } from "@/lib/segments/schemas";

type Props = {
  action: FormAction;
  textAttributes: string[];
  segment?: { id: string; name: string; description: string; matchBy: string };
};

export function StaticSegmentForm({ action, textAttributes, segment }: Props) {
  const { t } = useI18n();
  const router = useRouter();
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [name, setName] = useState(segment?.name ?? "");
  const [description, setDescription] = useState(segment?.description ?? "");
  const [matchBy, setMatchBy] = useState(segment?.matchBy ?? "customer_id");
  const [list, setList] = useState("");
  useEffect(() => {
    const id = state.status === "ok" ? state.message?.params?.id : undefined;
    if (id) router.push(`/segments/${id}`);
  }, [state, router]);
  const invalid = (field: string) => Boolean(state.fieldErrors?.[field]);
  return (
    <form action={formAction} noValidate className="card space-y-4" data-testid="static-segment-form">
      <ActionMessage state={state} testId="segment-form-message" />
      {segment && <input type="hidden" name="segmentId" value={segment.id} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="segment-name" className="field-label">{t("segments.name")}</label>
          <input id="segment-name" name="name" className="field-input" maxLength={SEGMENT_NAME_MAX} value={name} onChange={(event) => setName(event.target.value)}
            aria-invalid={invalid("name")} aria-describedby={invalid("name") ? "name-error" : "segment-name-hint"} />
          <p id="segment-name-hint" className="mt-1 text-xs text-slate-600">{t("segments.nameHint")}</p>
          <FieldError state={state} field="name" />
        </div>
        <div>
          <label htmlFor="segment-description" className="field-label">{t("segments.description")}</label>
          <input id="segment-description" name="description" className="field-input" value={description} onChange={(event) => setDescription(event.target.value)} />
        </div>
        <div>
          <label htmlFor="segment-match-by" className="field-label">{t("segments.static.matchBy")}</label>
          <select id="segment-match-by" name="matchBy" className="field-input" value={matchBy} onChange={(event) => setMatchBy(event.target.value)} aria-invalid={invalid("matchBy")}>
            <option value="customer_id">{t("segments.static.customerId")}</option>
            {textAttributes.map((attribute) => <option key={attribute} value={attribute}>{attribute}</option>)}
          </select>
          <FieldError state={state} field="matchBy" />
        </div>
        <div>
          <label htmlFor="segment-list-file" className="field-label">{t("segments.static.file")}</label>
          <input id="segment-list-file" type="file" accept=".csv,.txt,text/csv,text/plain" className="field-input"
            onChange={async (event) => {
              const file = event.target.files?.[0];
              if (file) setList(await file.text());
            }} />
        </div>
      </div>
      <div>
        <label htmlFor="segment-list" className="field-label">{t("segments.static.list")}</label>
        <textarea id="segment-list" name="list" rows={8} className="field-input font-mono" value={list} onChange={(event) => setList(event.target.value)}
          aria-invalid={invalid("list")} aria-describedby={invalid("list") ? "list-error" : "segment-list-hint"} />
        <p id="segment-list-hint" className="mt-1 text-xs text-slate-600">
          {t("segments.static.listHint", { max: STATIC_LIST_MAX })} {segment && t("segments.static.keepList")}
        </p>
        <FieldError state={state} field="list" />
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>{pending ? t("common.saving") : t("common.save")}</button>
    </form>
  );
}
