// The rule model of dynamic segments: a tree of AND/OR groups whose leaves compare one profile
// attribute with values. Client-safe (the rule builder validates with it before the server does
// again). Values are kept as the strings the user typed; `checkRules` reads them with the
// attribute's type from the catalog, and the compiler (compile-rules.ts) turns them into
// parameters, never into SQL text.
import { z } from "zod";

export const ATTRIBUTE_TYPES = ["TEXT", "NUMBER", "DATE", "BOOLEAN"] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export const OPERATORS = [
  "equals",
  "not_equals",
  "contains",
  "starts_with",
  "in_list",
  "is_empty",
  "is_not_empty",
  "greater_than",
  "less_than",
  "between",
  "before",
  "after",
  "within_last_days",
  "more_than_days_ago",
  "is_true",
  "is_false",
] as const;
export type Operator = (typeof OPERATORS)[number];

/** Operators offered for each attribute type, in the order the builder lists them. */
export const OPERATORS_BY_TYPE: Record<AttributeType, readonly Operator[]> = {
  TEXT: ["equals", "not_equals", "contains", "starts_with", "in_list", "is_empty", "is_not_empty"],
  NUMBER: ["equals", "not_equals", "greater_than", "less_than", "between", "in_list", "is_empty", "is_not_empty"],
  DATE: ["equals", "before", "after", "between", "within_last_days", "more_than_days_ago", "is_empty", "is_not_empty"],
  BOOLEAN: ["is_true", "is_false", "is_empty", "is_not_empty"],
};

/** How many values an operator takes: none, one, two (a range) or a list. */
export function operatorArity(operator: Operator): "none" | "one" | "two" | "list" {
  if (["is_empty", "is_not_empty", "is_true", "is_false"].includes(operator)) return "none";
  if (operator === "between") return "two";
  if (operator === "in_list") return "list";
  return "one";
}

export const MAX_DEPTH = 5;
export const MAX_CONDITIONS = 50;
export const MAX_LIST_VALUES = 1000;

export type Condition = { type: "condition"; attribute: string; operator: Operator; values: string[] };
export type Group = { type: "group"; combinator: "and" | "or"; children: RuleNode[] };
export type RuleNode = Condition | Group;

const conditionSchema = z.object({
  type: z.literal("condition"),
  attribute: z.string().max(200),
  operator: z.enum(OPERATORS),
  values: z.array(z.string().max(1000)).max(MAX_LIST_VALUES),
});

// The stored shape: zod checks structure; `checkRules` checks meaning against the catalog.
export const groupSchema: z.ZodType<Group> = z.lazy(() =>
  z.object({
    type: z.literal("group"),
    combinator: z.enum(["and", "or"]),
    children: z.array(z.union([conditionSchema, groupSchema])).max(MAX_CONDITIONS),
  }),
);

/** A form field holding the rule tree as JSON (the builder serialises it into a hidden input). */
export const rulesFieldSchema = z
  .string()
  .max(200_000, "validation.tooLong")
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: "custom", message: "validation.tampered" });
      return z.NEVER;
    }
  })
  .pipe(groupSchema);

export type CatalogEntry = { name: string; type: AttributeType };
export type RuleIssueKey =
  | "segments.rule.attributeUnknown"
  | "segments.rule.operatorNotForType"
  | "segments.rule.valueRequired"
  | "segments.rule.notANumber"
  | "segments.rule.notADate"
  | "segments.rule.notDays"
  | "segments.rule.rangeOrder"
  | "segments.rule.tooDeep"
  | "segments.rule.tooMany"
  | "segments.rule.noCondition";
/** `path` is the list of child indexes from the root group to the condition. */
export type RuleIssue = { path: number[]; key: RuleIssueKey };

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d{1,3})?\s*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isNumberText(value: string): boolean {
  return NUMBER.test(value);
}

/** A real calendar day written YYYY-MM-DD (2026-02-31 is not one). */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar day written YYYY-MM-DD (checked by arithmetic: the import runs it per cell). */
export function isDateText(value: string): boolean {
  if (!DATE.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0);
}

function checkValue(type: AttributeType, operator: Operator, value: string): RuleIssueKey | null {
  if (value.trim() === "") return "segments.rule.valueRequired";
  if (operator === "within_last_days" || operator === "more_than_days_ago") {
    return /^\d{1,5}$/.test(value.trim()) ? null : "segments.rule.notDays";
  }
  if (type === "NUMBER" && !isNumberText(value)) return "segments.rule.notANumber";
  if (type === "DATE" && !isDateText(value.trim())) return "segments.rule.notADate";
  return null;
}

function checkCondition(condition: Condition, catalog: Map<string, AttributeType>): RuleIssueKey | null {
  const type = catalog.get(condition.attribute);
  if (!type) return "segments.rule.attributeUnknown";
  if (!OPERATORS_BY_TYPE[type].includes(condition.operator)) return "segments.rule.operatorNotForType";
  const arity = operatorArity(condition.operator);
  const values = condition.values;
  if (arity === "one" || arity === "two") {
    const needed = arity === "one" ? 1 : 2;
    for (let index = 0; index < needed; index += 1) {
      const issue = checkValue(type, condition.operator, values[index] ?? "");
      if (issue) return issue;
    }
    if (arity === "two" && type === "NUMBER" && Number(values[0]) > Number(values[1])) return "segments.rule.rangeOrder";
    if (arity === "two" && type === "DATE" && values[0]!.trim() > values[1]!.trim()) return "segments.rule.rangeOrder";
  }
  if (arity === "list") {
    const items = values.filter((value) => value.trim() !== "");
    if (items.length === 0) return "segments.rule.valueRequired";
    for (const item of items) {
      const issue = checkValue(type, condition.operator, item);
      if (issue) return issue;
    }
  }
  return null;
}

/** Every problem in a rule tree, each with the path of the node it belongs to. */
export function checkRules(root: Group, catalog: readonly CatalogEntry[], options: { requireCondition?: boolean } = {}): RuleIssue[] {
  const types = new Map(catalog.map((entry) => [entry.name, entry.type]));
  const issues: RuleIssue[] = [];
  let conditions = 0;
  const visit = (group: Group, path: number[]) => {
    if (path.length >= MAX_DEPTH) issues.push({ path, key: "segments.rule.tooDeep" });
    group.children.forEach((child, index) => {
      const childPath = [...path, index];
      if (child.type === "group") return visit(child, childPath);
      conditions += 1;
      const issue = checkCondition(child, types);
      if (issue) issues.push({ path: childPath, key: issue });
    });
  };
  visit(root, []);
  if (conditions > MAX_CONDITIONS) issues.push({ path: [], key: "segments.rule.tooMany" });
  if (options.requireCondition && conditions === 0) issues.push({ path: [], key: "segments.rule.noCondition" });
  return issues;
}

export function emptyRules(): Group {
  return { type: "group", combinator: "and", children: [] };
}

/** Attribute names a rule tree refers to (for the summary and for catalog checks). */
export function ruleAttributes(root: Group): string[] {
  const names = new Set<string>();
  const visit = (node: RuleNode) => (node.type === "group" ? node.children.forEach(visit) : names.add(node.attribute));
  visit(root);
  return [...names];
}
