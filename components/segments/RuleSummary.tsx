// A rule tree in words ("country is ES and (lifetime_value is greater than 1000 or …)").
// Rendered on the server with its translate function; no client code.
import type { Translate } from "@/lib/i18n/messages";
import { operatorArity, type Group, type RuleNode } from "@/lib/segments/rules";

function Node({ node, t, nested }: { node: RuleNode; t: Translate; nested: boolean }) {
  if (node.type === "condition") {
    const arity = operatorArity(node.operator);
    const days = node.operator === "within_last_days" || node.operator === "more_than_days_ago";
    const values = node.values.map((value) => value.trim()).filter(Boolean);
    let shown = "";
    if (days) shown = t("segments.summary.days", { count: Number(values[0] ?? 0) });
    else if (arity === "one") shown = values[0] ?? "";
    else if (arity === "two") shown = `${values[0]} – ${values[1]}`;
    else if (arity === "list") shown = values.join(", ");
    return (
      <span>
        <code className="rounded bg-slate-100 px-1">{node.attribute}</code> {t(`segments.op.${node.operator}`).replace(/ N .*$/, "")}{" "}
        {shown && <strong>{shown}</strong>}
      </span>
    );
  }
  const children = node.children.filter((child) => child.type === "condition" || child.children.length > 0);
  if (children.length === 0) return <span>{t("segments.summary.everyone")}</span>;
  const joiner = t(node.combinator === "and" ? "segments.summary.and" : "segments.summary.or");
  return (
    <span>
      {nested && children.length > 1 && "("}
      {children.map((child, index) => (
        <span key={index}>
          {index > 0 && <> <em className="font-semibold uppercase text-brand-700">{joiner}</em> </>}
          <Node node={child} t={t} nested />
        </span>
      ))}
      {nested && children.length > 1 && ")"}
    </span>
  );
}

export function RuleSummary({ rules, t }: { rules: Group; t: Translate }) {
  return <p className="text-sm leading-7" data-testid="rule-summary"><Node node={rules} t={t} nested={false} /></p>;
}
