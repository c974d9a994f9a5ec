// The rule compiler: every operator of every type, nesting, empty groups, and values that try
// SQL injection (they end up in the parameter list, never in the SQL text). The integration test
// compile-rules.int.test.ts runs the same kind of rules against PostgreSQL.
import { describe, expect, it } from "vitest";
import { ExpectedError } from "@/lib/errors";
import { compileRules, escapeLike } from "./compile-rules";
import { checkRules, OPERATORS, OPERATORS_BY_TYPE, operatorArity, type CatalogEntry, type Condition, type Group, type Operator } from "./rules";

const CATALOG: CatalogEntry[] = [
  { name: "country", type: "TEXT" },
  { name: "lifetime_value", type: "NUMBER" },
  { name: "last_purchase_date", type: "DATE" },
  { name: "marketing_opt_in", type: "BOOLEAN" },
];
const ATTRIBUTE = { TEXT: "country", NUMBER: "lifetime_value", DATE: "last_purchase_date", BOOLEAN: "marketing_opt_in" } as const;
const SAMPLE = { TEXT: ["ES", "FR"], NUMBER: ["10", "20"], DATE: ["2026-01-01", "2026-02-01"], BOOLEAN: [] } as const;

const condition = (attribute: string, operator: Operator, values: string[] = []): Condition => ({ type: "condition", attribute, operator, values });
const and = (...children: Group["children"]): Group => ({ type: "group", combinator: "and", children });
const or = (...children: Group["children"]): Group => ({ type: "group", combinator: "or", children });

function valuesFor(type: keyof typeof SAMPLE, operator: Operator): string[] {
  if (operator === "within_last_days" || operator === "more_than_days_ago") return ["90"];
  const arity = operatorArity(operator);
  if (arity === "none") return [];
  if (arity === "one") return [SAMPLE[type][0]!];
  return [...SAMPLE[type]];
}

describe("compileRules: every operator and type", () => {
  for (const [type, operators] of Object.entries(OPERATORS_BY_TYPE) as [keyof typeof SAMPLE, readonly Operator[]][]) {
    for (const operator of operators) {
      it(`${type} ${operator}`, () => {
        const values = valuesFor(type, operator);
        const compiled = compileRules(and(condition(ATTRIBUTE[type], operator, values)), CATALOG);
        // The attribute name is the first parameter, never part of the text.
        expect(compiled.values[0]).toBe(ATTRIBUTE[type]);
        expect(compiled.sql).not.toContain(ATTRIBUTE[type]);
        expect(compiled.sql).toContain("p.attributes->>($1::text)");
        for (const value of values) expect(compiled.sql).not.toContain(value);
        const placeholders = new Set(compiled.sql.match(/\$\d+/g));
        expect(placeholders.size).toBe(compiled.values.length);
        expect(compiled).toMatchSnapshot();
      });
    }
  }

  it("covers every operator with at least one type", () => {
    const offered = new Set(Object.values(OPERATORS_BY_TYPE).flat());
    expect(OPERATORS.filter((operator) => !offered.has(operator))).toEqual([]);
  });

  it("compares text case-insensitively and treats % and _ as literal characters", () => {
    const compiled = compileRules(and(condition("country", "contains", ["50%_off"]), condition("country", "in_list", ["ES", " fr ", ""])), CATALOG);
    expect(compiled.values).toEqual(["country", "%50\\%\\_off%", "country", ["es", "fr"]]);
    expect(escapeLike("a\\b")).toBe("a\\\\b");
  });

  it("guards number and date casts so bad stored values cannot fail a query", () => {
    const number = compileRules(and(condition("lifetime_value", "greater_than", ["5"])), CATALOG).sql;
    expect(number).toMatch(/CASE WHEN .* ~ '.*' THEN .*::numeric END/);
    const date = compileRules(and(condition("last_purchase_date", "before", ["2026-01-01"])), CATALOG).sql;
    expect(date).not.toContain("::date");
    expect(date).toContain('COLLATE "C"');
  });
});

describe("compileRules: groups", () => {
  const es = condition("country", "equals", ["ES"]);
  const rich = condition("lifetime_value", "greater_than", ["1000"]);
  const opted = condition("marketing_opt_in", "is_true");

  it("nests AND and OR groups with parameters numbered in order", () => {
    const compiled = compileRules(and(opted, or(es, rich)), CATALOG);
    expect(compiled.sql).toContain(" AND ");
    expect(compiled.sql).toContain(" OR ");
    expect(compiled.values).toEqual(["marketing_opt_in", "country", "ES", "lifetime_value", "1000"]);
    expect(compiled.sql.indexOf("$2")).toBeLessThan(compiled.sql.indexOf("$4"));
  });

  it("numbers parameters from a given offset", () => {
    const compiled = compileRules(and(es), CATALOG, 2);
    expect(compiled.sql).toContain("$2::text");
    expect(compiled.sql).toContain("$3::text");
    expect(compiled.sql).not.toContain("$1");
  });

  it("leaves empty groups out; an empty root matches every profile", () => {
    expect(compileRules(and(), CATALOG)).toEqual({ sql: "TRUE", values: [] });
    expect(compileRules(and(or(), and(or())), CATALOG)).toEqual({ sql: "TRUE", values: [] });
    expect(compileRules(and(es, or()), CATALOG)).toEqual(compileRules(and(es), CATALOG));
  });

  it("refuses a rule that does not fit the catalog, with the path of each problem", () => {
    const bad = and(condition("nope", "equals", ["x"]), or(condition("lifetime_value", "contains", ["1"]), condition("lifetime_value", "greater_than", ["abc"])));
    expect(() => compileRules(bad, CATALOG)).toThrow(ExpectedError);
    expect(checkRules(bad, CATALOG)).toEqual([
      { path: [0], key: "segments.rule.attributeUnknown" },
      { path: [1, 0], key: "segments.rule.operatorNotForType" },
      { path: [1, 1], key: "segments.rule.notANumber" },
    ]);
  });

  it("checks values: dates, ranges, days, lists, required values", () => {
    const issues = (node: Condition) => checkRules(and(node), CATALOG).map((issue) => issue.key);
    expect(issues(condition("last_purchase_date", "after", ["2026-02-31"]))).toEqual(["segments.rule.notADate"]);
    expect(issues(condition("lifetime_value", "between", ["20", "10"]))).toEqual(["segments.rule.rangeOrder"]);
    expect(issues(condition("last_purchase_date", "within_last_days", ["1.5"]))).toEqual(["segments.rule.notDays"]);
    expect(issues(condition("lifetime_value", "in_list", ["1", "x"]))).toEqual(["segments.rule.notANumber"]);
    expect(issues(condition("country", "equals", ["  "]))).toEqual(["segments.rule.valueRequired"]);
    expect(issues(condition("country", "in_list", [""]))).toEqual(["segments.rule.valueRequired"]);
    expect(checkRules(and(), CATALOG, { requireCondition: true }).map((issue) => issue.key)).toEqual(["segments.rule.noCondition"]);
  });
});

describe("compileRules: injection attempts stay data", () => {
  const ATTEMPTS = ["'; DROP TABLE profiles; --", "ES' OR '1'='1", "$99", "\\'; SELECT pg_sleep(10); --", "%' OR 1=1 --"];

  it("puts every attempt in the parameters and never in the SQL text", () => {
    for (const attempt of ATTEMPTS) {
      for (const operator of ["equals", "not_equals", "contains", "starts_with", "in_list"] as const) {
        const compiled = compileRules(and(condition("country", operator, [attempt])), CATALOG);
        expect(compiled.sql).not.toContain(attempt);
        expect(compiled.sql).not.toMatch(/DROP|pg_sleep|'1'='1/);
        const value = compiled.values[1];
        expect(String(Array.isArray(value) ? value[0] : value).toLowerCase()).toContain(attempt.slice(0, 2).toLowerCase());
      }
    }
  });

  it("refuses an attribute name that is not in the catalog, however it is spelled", () => {
    const name = "country') OR true --";
    expect(() => compileRules(and(condition(name, "is_empty")), CATALOG)).toThrow(ExpectedError);
  });
});
