"use client";
// The rule builder: nested AND/OR groups of conditions. Plain form controls and buttons only,
// so it is fully usable with the keyboard and a screen reader; every control has a label.
import { useI18n } from "@/components/i18n/I18nProvider";
import { OPERATORS_BY_TYPE, operatorArity, MAX_DEPTH, type CatalogEntry, type Condition, type Group, type Operator, type RuleNode } from "@/lib/segments/rules";
import type { MessageKey } from "@/lib/i18n/messages";

type Issues = Map<string, MessageKey>;
type Props = { value: Group; onChange: (next: Group) => void; catalog: CatalogEntry[]; issues: Issues };

export const pathKey = (path: number[]) => path.join(".");

export function RuleBuilder({ value, onChange, catalog, issues }: Props) {
  return <GroupEditor group={value} path={[]} onChange={onChange} catalog={catalog} issues={issues} />;
}

function GroupEditor({ group, path, onChange, onRemove, catalog, issues }: {
  group: Group; path: number[]; onChange: (next: Group) => void; onRemove?: () => void; catalog: CatalogEntry[]; issues: Issues;
}) {
  const { t } = useI18n();
  const id = `group-${pathKey(path) || "root"}`;
  const setChild = (index: number, child: RuleNode) => onChange({ ...group, children: group.children.map((old, at) => (at === index ? child : old)) });
  const removeChild = (index: number) => onChange({ ...group, children: group.children.filter((_, at) => at !== index) });
  const first = catalog[0];
  const addCondition = () => onChange({ ...group, children: [...group.children, newCondition(first)] });
  const addGroup = () => onChange({ ...group, children: [...group.children, { type: "group", combinator: "or", children: [newCondition(first)] }] });
  const issue = issues.get(pathKey(path));
  return (
    <fieldset className={`space-y-3 rounded-md border p-3 ${path.length ? "border-slate-300 bg-slate-50" : "border-slate-200"}`} data-testid={id}>
      <legend className="sr-only">{t("segments.rule.combinator")}</legend>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={`${id}-combinator`} className="text-sm font-medium">{t("segments.rule.match")}</label>
        <select id={`${id}-combinator`} className="rounded-md border border-slate-400 bg-white px-2 py-1 text-sm" value={group.combinator}
          onChange={(event) => onChange({ ...group, combinator: event.target.value === "or" ? "or" : "and" })}>
          <option value="and">{t("segments.rule.and")}</option>
          <option value="or">{t("segments.rule.or")}</option>
        </select>
        {onRemove && <button type="button" className="btn-secondary ml-auto" onClick={onRemove}>{t("segments.rule.removeGroup")}</button>}
      </div>
      {group.children.length === 0 && <p className="text-sm text-slate-600">{t("segments.rule.emptyGroup")}</p>}
      <ul className="space-y-3">
        {group.children.map((child, index) => (
          <li key={index}>
            {child.type === "group" ? (
              <GroupEditor group={child} path={[...path, index]} onChange={(next) => setChild(index, next)} onRemove={() => removeChild(index)} catalog={catalog} issues={issues} />
            ) : (
              <ConditionEditor condition={child} path={[...path, index]} onChange={(next) => setChild(index, next)} onRemove={() => removeChild(index)} catalog={catalog} issue={issues.get(pathKey([...path, index]))} />
            )}
          </li>
        ))}
      </ul>
      {issue && <p className="field-error">{t(issue)}</p>}
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-secondary" onClick={addCondition} disabled={!first}>{t("segments.rule.addCondition")}</button>
        {path.length < MAX_DEPTH - 1 && <button type="button" className="btn-secondary" onClick={addGroup} disabled={!first}>{t("segments.rule.addGroup")}</button>}
      </div>
    </fieldset>
  );
}

function newCondition(attribute: CatalogEntry | undefined): Condition {
  return { type: "condition", attribute: attribute?.name ?? "", operator: attribute ? OPERATORS_BY_TYPE[attribute.type][0]! : "equals", values: [] };
}

function ConditionEditor({ condition, path, onChange, onRemove, catalog, issue }: {
  condition: Condition; path: number[]; onChange: (next: Condition) => void; onRemove: () => void; catalog: CatalogEntry[]; issue?: MessageKey;
}) {
  const { t } = useI18n();
  const id = `condition-${pathKey(path)}`;
  const attribute = catalog.find((entry) => entry.name === condition.attribute);
  const operators = attribute ? OPERATORS_BY_TYPE[attribute.type] : [];
  const arity = operatorArity(condition.operator);
  const errorId = issue ? `${id}-error` : undefined;
  const setValue = (index: number, text: string) => {
    const values = [...condition.values];
    values[index] = text;
    onChange({ ...condition, values });
  };
  const chooseAttribute = (name: string) => {
    const next = catalog.find((entry) => entry.name === name);
    const operator = next && OPERATORS_BY_TYPE[next.type].includes(condition.operator) ? condition.operator : next ? OPERATORS_BY_TYPE[next.type][0]! : condition.operator;
    onChange({ ...condition, attribute: name, operator, values: next?.type === attribute?.type ? condition.values : [] });
  };
  const chooseOperator = (operator: Operator) => onChange({ ...condition, operator, values: operatorArity(operator) === arity ? condition.values : [] });
  const days = condition.operator === "within_last_days" || condition.operator === "more_than_days_ago";
  const inputType = days ? "number" : attribute?.type === "DATE" ? "date" : "text";
  const input = (index: number, label: MessageKey) => (
    <div>
      <label htmlFor={`${id}-value-${index}`} className="sr-only">{t(label)}</label>
      <input id={`${id}-value-${index}`} type={inputType} min={days ? 0 : undefined} inputMode={attribute?.type === "NUMBER" ? "decimal" : undefined}
        placeholder={t(label)} className="w-44 rounded-md border border-slate-400 bg-white px-2 py-1 text-sm aria-[invalid=true]:border-red-600"
        value={condition.values[index] ?? ""} onChange={(event) => setValue(index, event.target.value)} aria-invalid={Boolean(issue)} aria-describedby={errorId} />
    </div>
  );
  return (
    <div className="rounded-md border border-slate-200 bg-white p-2" data-testid={id}>
      <div className="flex flex-wrap items-start gap-2">
        <div>
          <label htmlFor={`${id}-attribute`} className="sr-only">{t("segments.rule.attribute")}</label>
          <select id={`${id}-attribute`} className="rounded-md border border-slate-400 bg-white px-2 py-1 text-sm" value={condition.attribute}
            onChange={(event) => chooseAttribute(event.target.value)} aria-invalid={issue === "segments.rule.attributeUnknown"}>
            {!attribute && <option value={condition.attribute}>{t("segments.rule.chooseAttribute")}</option>}
            {catalog.map((entry) => <option key={entry.name} value={entry.name}>{entry.name} ({t(`attributeType.${entry.type}`)})</option>)}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-operator`} className="sr-only">{t("segments.rule.operator")}</label>
          <select id={`${id}-operator`} className="rounded-md border border-slate-400 bg-white px-2 py-1 text-sm" value={condition.operator}
            onChange={(event) => chooseOperator(event.target.value as Operator)}>
            {operators.map((operator) => <option key={operator} value={operator}>{t(`segments.op.${operator}`)}</option>)}
          </select>
        </div>
        {arity === "one" && input(0, days ? "segments.rule.days" : "segments.rule.value")}
        {arity === "two" && (<>{input(0, "segments.rule.from")}{input(1, "segments.rule.to")}</>)}
        {arity === "list" && (
          <div>
            <label htmlFor={`${id}-list`} className="sr-only">{t("segments.rule.list")}</label>
            <textarea id={`${id}-list`} rows={3} placeholder={t("segments.rule.list")} className="w-64 rounded-md border border-slate-400 bg-white px-2 py-1 text-sm"
              value={condition.values.join("\n")} onChange={(event) => onChange({ ...condition, values: event.target.value.split("\n") })}
              aria-invalid={Boolean(issue)} aria-describedby={errorId} />
          </div>
        )}
        <button type="button" className="btn-secondary ml-auto" onClick={onRemove} aria-label={`${t("segments.rule.removeCondition")} (${condition.attribute})`}>×</button>
      </div>
      {issue && <p id={errorId} className="field-error">{t(issue)}</p>}
    </div>
  );
}
