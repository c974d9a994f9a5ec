// Compiles a checked rule tree into a parameterised SQL condition over `profiles p`. The SQL text
// is built only from constants in this file and placeholders ($n): attribute names and values
// always travel as parameters (`p.attributes->>($1::text)`), so nothing a user types can change
// the statement. Casts never fail on bad data: a NUMBER attribute holding "abc" or a DATE holding
// "soon" simply does not match, instead of aborting a refresh of a million profiles.
import { ExpectedError } from "@/lib/errors";
import { checkRules, type AttributeType, type CatalogEntry, type Condition, type Group, type RuleNode } from "./rules";

export type CompiledSql = { sql: string; values: unknown[] };

// Guards run before a cast, so the cast only ever sees text it accepts.
const NUMBER_GUARD = String.raw`'^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d{1,3})?\s*$'`;
// Dates are stored as ISO text (YYYY-MM-DD, or a timestamp starting with it). Comparing the first
// ten characters byte-wise (COLLATE "C") orders them like dates, without a cast that could fail.
const DATE_GUARD = String.raw`'^\d{4}-\d{2}-\d{2}'`;
const TODAY = `to_char(current_date, 'YYYY-MM-DD')`;

class Params {
  readonly values: unknown[] = [];
  constructor(private readonly offset: number) {}
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.offset + this.values.length}`;
  }
}

/** `%` and `_` typed by the user are literal characters in contains / starts with. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function compileCondition(condition: Condition, type: AttributeType, params: Params): string {
  const key = params.add(condition.attribute);
  const raw = `(p.attributes->>(${key}::text))`;
  const [first = "", second = ""] = condition.values.map((value) => value.trim());
  const list = () => condition.values.map((value) => value.trim()).filter((value) => value !== "");
  const op = condition.operator;
  if (op === "is_empty") return `coalesce(${raw}, '') = ''`;
  if (op === "is_not_empty") return `coalesce(${raw}, '') <> ''`;

  if (type === "TEXT") {
    const text = `lower(${raw})`;
    if (op === "equals") return `${text} = lower(${params.add(first)}::text)`;
    // "is not" also matches profiles without a value: they are not equal to it either.
    if (op === "not_equals") return `${text} IS DISTINCT FROM lower(${params.add(first)}::text)`;
    if (op === "contains") return `${raw} ILIKE ${params.add(`%${escapeLike(first)}%`)}::text`;
    if (op === "starts_with") return `${raw} ILIKE ${params.add(`${escapeLike(first)}%`)}::text`;
    if (op === "in_list") return `${text} = ANY(${params.add(list().map((value) => value.toLowerCase()))}::text[])`;
  }
  if (type === "NUMBER") {
    // Imported numbers are JSON numbers: they are cast straight away, and only a value stored as
    // text pays for the guard (a regular expression per row made a refresh of 1M profiles ~2x slower).
    const json = `(p.attributes->(${key}::text))`;
    const number = `(CASE WHEN jsonb_typeof(${json}) = 'number' THEN ${json}::numeric WHEN ${raw} ~ ${NUMBER_GUARD} THEN ${raw}::numeric END)`;
    if (op === "equals") return `${number} = ${params.add(first)}::numeric`;
    if (op === "not_equals") return `${number} IS DISTINCT FROM ${params.add(first)}::numeric`;
    if (op === "greater_than") return `${number} > ${params.add(first)}::numeric`;
    if (op === "less_than") return `${number} < ${params.add(first)}::numeric`;
    if (op === "between") return `${number} BETWEEN ${params.add(first)}::numeric AND ${params.add(second)}::numeric`;
    if (op === "in_list") return `${number} = ANY(${params.add(list())}::numeric[])`;
  }
  if (type === "DATE") {
    const day = `(CASE WHEN ${raw} ~ ${DATE_GUARD} THEN left(${raw}, 10) END) COLLATE "C"`;
    if (op === "equals") return `${day} = ${params.add(first)}::text`;
    if (op === "before") return `${day} < ${params.add(first)}::text`;
    if (op === "after") return `${day} > ${params.add(first)}::text`;
    if (op === "between") return `${day} BETWEEN ${params.add(first)}::text AND ${params.add(second)}::text`;
    if (op === "within_last_days") {
      return `(${day} >= to_char(current_date - ${params.add(Number(first))}::int, 'YYYY-MM-DD') AND ${day} <= ${TODAY})`;
    }
    if (op === "more_than_days_ago") return `${day} < to_char(current_date - ${params.add(Number(first))}::int, 'YYYY-MM-DD')`;
  }
  if (type === "BOOLEAN") {
    if (op === "is_true") return `lower(${raw}) = 'true'`;
    if (op === "is_false") return `lower(${raw}) = 'false'`;
  }
  // checkRules refuses such a pair first; reaching here is a bug, not user input.
  throw new Error(`operator ${op} is not defined for ${type}`);
}

function compileNode(node: RuleNode, types: Map<string, AttributeType>, params: Params): string | null {
  if (node.type === "condition") return compileCondition(node, types.get(node.attribute)!, params);
  // An empty group constrains nothing: it is left out (an empty root matches every profile).
  const parts = node.children.map((child) => compileNode(child, types, params)).filter((part): part is string => part !== null);
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0]!;
  // coalesce: a NULL (unknown) part counts as "no match", so NOT/OR never turn on NULL logic.
  return `(${parts.map((part) => `coalesce(${part}, false)`).join(node.combinator === "and" ? " AND " : " OR ")})`;
}

/**
 * The WHERE condition (over `profiles p`) for a rule tree, with its parameters numbered from
 * `firstParam`. Throws an ExpectedError when the tree does not fit the catalog.
 */
export function compileRules(root: Group, catalog: readonly CatalogEntry[], firstParam = 1): CompiledSql {
  if (checkRules(root, catalog).length > 0) throw new ExpectedError("segments.rulesInvalid", { field: "rules" });
  const types = new Map(catalog.map((entry) => [entry.name, entry.type]));
  const params = new Params(firstParam - 1);
  const condition = compileNode(root, types, params);
  return { sql: condition === null ? "TRUE" : `coalesce(${condition}, false)`, values: params.values };
}
