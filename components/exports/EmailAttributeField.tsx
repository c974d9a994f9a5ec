"use client";
// Step 3 of the export form, Data matching › Email: the attribute picker, and for the segments
// chosen in step 4 how many members have a valid email in it and why the rest do not (counted
// on the server with the engine's own rules; asked again, debounced, when a choice changes).
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { FieldError } from "@/components/ui/ActionMessage";
import type { ActionState } from "@/lib/actions/action-state";
import type { EmailCoverage } from "@/lib/export-engine/email-coverage";

const DEBOUNCE_MS = 300;

type Props = {
  state: ActionState;
  textAttributes: string[];
  value: string;
  onChange: (attribute: string) => void;
  segmentIds: string[];
};

async function fetchCoverage(attribute: string, segmentIds: string[], signal: AbortSignal): Promise<EmailCoverage> {
  const params = new URLSearchParams({ attribute });
  for (const id of segmentIds) params.append("segment", id);
  const response = await fetch(`/api/exports/email-coverage?${params}`, { cache: "no-store", signal });
  if (!response.ok) throw new Error(`email coverage: ${response.status}`);
  return response.json() as Promise<EmailCoverage>;
}

export function EmailAttributeField({ state, textAttributes, value, onChange, segmentIds }: Props) {
  const { t } = useI18n();
  const invalid = Boolean(state.fieldErrors?.emailAttribute);
  return (
    <fieldset>
      <legend className="field-label">{t("exports.form.emailLegend")}</legend>
      <label htmlFor="export-email" className="text-sm">{t("exports.form.emailAttribute")}</label>
      <select id="export-email" name="emailAttribute" className="field-input" value={value} onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid} aria-describedby={invalid ? "emailAttribute-error" : "export-email-hint"}>
        <option value="">{t("exports.form.chooseAttribute")}</option>
        {textAttributes.map((a) => <option key={a} value={a}>{a}</option>)}
      </select>
      <p id="export-email-hint" className="mt-1 text-xs text-slate-600">
        {textAttributes.length === 0 ? t("exports.form.noTextAttributes") : t("exports.form.emailHint")}
      </p>
      <FieldError state={state} field="emailAttribute" />
      {textAttributes.length > 0 && <Coverage attribute={value} segmentIds={segmentIds} />}
    </fieldset>
  );
}

function Coverage({ attribute, segmentIds }: { attribute: string; segmentIds: string[] }) {
  const { t, locale } = useI18n();
  const numbers = new Intl.NumberFormat(locale);
  const wanted = JSON.stringify({ attribute, segmentIds: [...segmentIds].sort() });
  const [asked, setAsked] = useState(wanted);
  useEffect(() => {
    const timer = setTimeout(() => setAsked(wanted), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [wanted]);
  const ready = attribute !== "" && segmentIds.length > 0;
  const query = useQuery({
    queryKey: ["email-coverage", asked],
    queryFn: ({ signal }) => {
      const choice = JSON.parse(asked) as { attribute: string; segmentIds: string[] };
      return fetchCoverage(choice.attribute, choice.segmentIds, signal);
    },
    enabled: ready && asked === wanted,
    staleTime: 30_000,
    retry: false,
  });
  const current = query.data && asked === wanted && !query.isFetching ? query.data : null;
  let status: string;
  if (attribute === "") status = t("exports.coverage.chooseAttribute");
  else if (segmentIds.length === 0) status = t("exports.coverage.chooseSegments");
  else if (query.isError) status = t("exports.coverage.failed");
  else if (!current) status = t("exports.coverage.counting");
  else status = t("exports.coverage.summary", { attribute: current.attribute, sent: numbers.format(current.total.sent), members: numbers.format(current.total.members) });
  return (
    <section className="mt-3 rounded-md border border-brand-100 bg-brand-50 p-3 text-sm" aria-labelledby="email-coverage-title" data-testid="email-coverage">
      <h3 id="email-coverage-title" className="font-medium">{t("exports.coverage.title")}</h3>
      <p aria-live="polite" data-testid="email-coverage-summary">{status}</p>
      {ready && current && current.segments.length > 0 && (
        <>
          <div className="mt-2 overflow-x-auto">
            <table className="data-table bg-white" data-testid="email-coverage-table">
              <thead>
                <tr>
                  <th scope="col">{t("exports.coverage.segment")}</th>
                  <th scope="col" className="text-right">{t("exports.coverage.members")}</th>
                  <th scope="col" className="text-right">{t("exports.coverage.sent")}</th>
                  <th scope="col" className="text-right">{t("exports.coverage.missing")}</th>
                  <th scope="col" className="text-right">{t("exports.coverage.invalid")}</th>
                  <th scope="col" className="text-right">{t("exports.coverage.duplicates")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {current.segments.map((s) => (
                  <tr key={s.segmentId} data-testid={`email-coverage-${s.segmentName}`}>
                    <th scope="row" className="text-left font-normal">{s.segmentName}</th>
                    <td className="text-right tabular-nums">{numbers.format(s.members)}</td>
                    <td className="text-right tabular-nums">{numbers.format(s.sent)}</td>
                    <td className="text-right tabular-nums">{numbers.format(s.missing)}</td>
                    <td className="text-right tabular-nums">{numbers.format(s.invalid)}</td>
                    <td className="text-right tabular-nums">{numbers.format(s.duplicates)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="mt-2 text-xs text-slate-700">{t("exports.coverage.legend")}</p>
        </>
      )}
    </section>
  );
}
