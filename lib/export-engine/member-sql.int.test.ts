// The SQL that normalises a member's email must trim exactly what JS's trim does (the engine,
// the email-coverage counts and Iterable's own comparison agree on one email per person).
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { databaseUrl } from "@/lib/config/env";
import { normalizedEmailSql } from "./member-sql";

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
});
afterAll(() => client.end());

// Every character JS's String.prototype.trim strips, and some it does not.
const TRIMMED = ["\t", "\n", "\v", "\f", "\r", " ", "\u00a0", "\u1680", "\u2000", "\u2005", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff"];
const KEPT = ["\u200b", "\u0085", "\u180e", "é", "日", "😀", "~", "!", "\u007f", "\u0001"];

/** JS trim, then lowercase of ASCII letters only (SQL's lower() under the C collation). */
const expected = (raw: string) => raw.trim().replace(/[A-Z]/g, (c) => c.toLowerCase());

it("trims what JS trims, at either end, and lowercases", async () => {
  const values: (string | null)[] = [null, "", " ", "   ", "A", "Ab@Example.COM", " Ab@Example.COM ", "a@b.c", "x"];
  for (const c of [...TRIMMED, ...KEPT]) {
    values.push(`${c}Mail@Example.com`, `mail@example.COM${c}`, `${c}mail@example.com${c}`, `${c}${c}M@x.io${c}${c}`, c, `${c}${c}`, `m@x.io${c}é`, `é${c}`);
  }
  const { rows } = await client.query<{ raw: string | null; email: string | null }>(
    `SELECT raw, ${normalizedEmailSql("raw")} AS email FROM unnest($1::text[]) WITH ORDINALITY AS v(raw, n) ORDER BY n`,
    [values],
  );
  expect(rows).toHaveLength(values.length);
  for (const row of rows) expect([row.raw, row.email]).toEqual([row.raw, row.raw === null ? null : expected(row.raw)]);
});
