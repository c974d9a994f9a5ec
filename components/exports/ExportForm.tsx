"use client";
// Add or edit an export, step by step: connection, display name, email attribute, segments,
// optional data fields and add-only mode. Submits through useFormAction so every choice stays
// as it was when the server refuses it; a success goes on to the export's page.
import { useState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { EmailAttributeField } from "@/components/exports/EmailAttributeField";
import { ActionMessage, FieldError } from "@/components/ui/ActionMessage";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormAction } from "@/lib/actions/action-state";
import { EXPORT_NAME_MAX } from "@/lib/export-engine/export-form";
import { ExportScheduleFields, type ExportScheduleInitial } from "./ExportScheduleFields";

const DATA_FIELD_ROWS = 3;

type Props = {
  action: FormAction;
  connections: { id: string; displayName: string; type: string }[];
  textAttributes: string[];
  attributes: string[];
  segments: { id: string; name: string; memberCount: number }[];
  timeZones: string[];
  initial?: ExportScheduleInitial & {
    exportId: string;
    connectionId: string | null;
    name: string;
    emailAttribute: string;
    segmentIds: string[];
    dataFields: { attribute: string; field: string }[];
    addOnly: boolean;
  };
};

export function ExportForm({ action, connections, textAttributes, attributes, segments, timeZones, initial }: Props) {
  const { t, locale } = useI18n();
  const [state, onSubmit, pending] = useFormAction(action);
  const [connectionId, setConnectionId] = useState(initial?.connectionId ?? (connections.length === 1 ? connections[0]!.id : ""));
  const [name, setName] = useState(initial?.name ?? "");
  const [emailAttribute, setEmailAttribute] = useState(initial?.emailAttribute ?? (textAttributes.includes("email") ? "email" : ""));
  const [segmentIds, setSegmentIds] = useState<string[]>(initial?.segmentIds ?? []);
  const [rows, setRows] = useState(() => {
    const filled = initial?.dataFields ?? [];
    return [...filled, ...Array.from({ length: Math.max(1, DATA_FIELD_ROWS - filled.length) }, () => ({ attribute: "", field: "" }))];
  });
  const [addOnly, setAddOnly] = useState(initial?.addOnly ?? false);
  const invalid = (field: string) => Boolean(state.fieldErrors?.[field]);
  const count = new Intl.NumberFormat(locale);

  if (connections.length === 0) {
    return <p className="card text-sm" data-testid="export-no-connections">{t("exports.form.noConnections")}</p>;
  }
  return (
    <form onSubmit={onSubmit} noValidate className="card space-y-6" data-testid="export-form">
      <ActionMessage state={state} testId="export-form-message" />
      {initial && <input type="hidden" name="exportId" value={initial.exportId} />}
      <fieldset>
        <legend className="field-label">{t("exports.form.connectionLegend")}</legend>
        <label htmlFor="export-connection" className="sr-only">{t("exports.connection")}</label>
        <select id="export-connection" name="connectionId" className="field-input" value={connectionId} onChange={(e) => setConnectionId(e.target.value)}
          aria-invalid={invalid("connectionId")} aria-describedby={invalid("connectionId") ? "connectionId-error" : undefined}>
          <option value="">{t("exports.form.chooseConnection")}</option>
          {connections.map((c) => <option key={c.id} value={c.id}>{c.displayName} ({c.type})</option>)}
        </select>
        <FieldError state={state} field="connectionId" />
      </fieldset>
      <div>
        <label htmlFor="export-name" className="field-label">{t("exports.form.nameLegend")}</label>
        <input id="export-name" name="name" className="field-input" maxLength={EXPORT_NAME_MAX} value={name} onChange={(e) => setName(e.target.value)}
          aria-invalid={invalid("name")} aria-describedby={invalid("name") ? "name-error" : undefined} />
        <FieldError state={state} field="name" />
      </div>
      <EmailAttributeField state={state} textAttributes={textAttributes} value={emailAttribute} onChange={setEmailAttribute} segmentIds={segmentIds} />
      <fieldset aria-describedby="export-segments-note">
        <legend className="field-label">{t("exports.form.segmentsLegend")}</legend>
        <p id="export-segments-note" className="mb-2 text-xs text-slate-600">{segments.length === 0 ? t("exports.form.noSegments") : t("exports.form.segmentsNote")}</p>
        <ul className="space-y-1">
          {segments.map((s) => (
            <li key={s.id}>
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="segmentIds" value={s.id} checked={segmentIds.includes(s.id)}
                  onChange={(e) => setSegmentIds(e.target.checked ? [...segmentIds, s.id] : segmentIds.filter((id) => id !== s.id))} />
                <span>{s.name}</span>
                <span className="text-xs text-slate-600">{t("exports.form.memberCount", { count: count.format(s.memberCount) })}</span>
              </label>
            </li>
          ))}
        </ul>
        <FieldError state={state} field="segmentIds" />
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="field-label">{t("exports.form.optionalLegend")}</legend>
        <p className="text-sm font-medium">{t("exports.form.dataFields")}</p>
        <p className="text-xs text-slate-600">{t("exports.form.dataFieldsHint")}</p>
        {rows.map((row, i) => (
          <div key={i} className="grid gap-2 sm:grid-cols-2">
            <div>
              <label htmlFor={`data-attribute-${i}`} className="text-xs">{t("exports.form.dataFieldAttribute", { n: i + 1 })}</label>
              <select id={`data-attribute-${i}`} name="dataFieldAttribute" className="field-input" value={row.attribute}
                onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, attribute: e.target.value } : r)))}>
                <option value="">—</option>
                {attributes.map((a) => <option key={a} value={a}>{a}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor={`data-field-${i}`} className="text-xs">{t("exports.form.dataFieldName", { n: i + 1 })}</label>
              <input id={`data-field-${i}`} name="dataFieldName" className="field-input" maxLength={200} value={row.field}
                onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, field: e.target.value } : r)))} />
            </div>
          </div>
        ))}
        <FieldError state={state} field="dataFields" />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="addOnly" checked={addOnly} onChange={(e) => setAddOnly(e.target.checked)} />
          {t("exports.form.addOnly")}
        </label>
        <ExportScheduleFields initial={initial} timeZones={timeZones} state={state} />
      </fieldset>
      <div className="space-y-2">
        <p id="export-save-hint" className="text-xs text-slate-600">{t("exports.form.saveHint")}</p>
        <div className="flex flex-wrap gap-2">
          <button type="submit" className="btn-primary" disabled={pending} aria-describedby="export-save-hint">{pending ? t("common.saving") : t("exports.form.save")}</button>
          <button type="submit" name="runNow" value="1" className="btn-secondary" disabled={pending}>{t("exports.form.saveAndRun")}</button>
        </div>
      </div>
    </form>
  );
}
