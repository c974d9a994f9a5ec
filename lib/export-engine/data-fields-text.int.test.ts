// The dataFields text the engine sends and hashes must stay exactly jsonb_build_object's text:
// it is compared with the hashes Iterable acknowledged before (a different text would resend
// every member once).
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { databaseUrl } from "@/lib/config/env";
import { dataFieldsTextSql } from "./member-sql";

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
});
afterAll(() => client.end());

const profiles = [
  { tier: "gold", n: 12.5, flag: true, nested: { b: [1, "x", null], a: { "z z": "\u00e9" } }, "quote\"key": "tab\there" },
  { tier: null, n: -0.0001e10, list: [], obj: {}, text: "line\nbreak \\ \"q\" \u0001 \u2028 日本" },
  { other: 1 },
  {},
];
const mappings = [
  [],
  [{ field: "loyaltyTier", attribute: "tier" }],
  [{ field: "b", attribute: "n" }, { field: "aa", attribute: "flag" }, { field: "a", attribute: "nested" }, { field: "é", attribute: "text" }, { field: "z", attribute: "list" }],
  // A field mapped twice: the last mapping wins, as in jsonb_build_object.
  [{ field: "f", attribute: "tier" }, { field: "g", attribute: "obj" }, { field: "f", attribute: "n" }],
  [{ field: "with \"quote\" and \\ and \t", attribute: "quote\"key" }, { field: "Z", attribute: "missing" }, { field: "ab", attribute: "other" }],
];

it("equals jsonb_build_object(...)::text for every mapping and value", async () => {
  for (const mapping of mappings) {
    const params: unknown[] = [JSON.stringify(profiles)];
    const ours = dataFieldsTextSql(mapping, params);
    const pairs = mapping.map((m) => {
      params.push(m.field, m.attribute);
      return `$${params.length - 1}::text, p.attributes -> $${params.length}::text`;
    });
    const theirs = pairs.length ? `jsonb_build_object(${pairs.join(", ")})::text` : "NULL::text";
    const { rows } = await client.query<{ ours: string | null; theirs: string | null }>(
      `SELECT ${ours} AS ours, ${theirs} AS theirs FROM jsonb_array_elements($1::jsonb) AS p(attributes)`,
      params,
    );
    expect(rows).toHaveLength(profiles.length);
    for (const row of rows) expect(row.ours).toBe(row.theirs);
  }
});
