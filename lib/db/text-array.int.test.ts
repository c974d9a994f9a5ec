// textArrayLiteral must read back in PostgreSQL exactly as the strings it was given.
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { databaseUrl } from "@/lib/config/env";
import { textArrayLiteral } from "./bulk";

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
});
afterAll(() => client.end());

const roundTrip = async (values: string[]) =>
  (await client.query<{ v: string[] }>("SELECT $1::text[] AS v", [textArrayLiteral(values)])).rows[0]!.v;

it("reads back every string exactly, escapes or not", async () => {
  const plain = ["a@example.com", "b.c+d@example.org", "0123456789abcdef0123456789abcdef", "NULL", "", " spaced ", "{x}", "a,b", "日本@例え.jp"];
  expect(await roundTrip(plain)).toEqual(plain);
  const tricky = [...plain, '"quoted"@example.com', "back\\slash@example.com", '\\"', "\\", '"', "tab\tnew\nline"];
  expect(await roundTrip(tricky)).toEqual(tricky);
  expect(await roundTrip([])).toEqual([]);
});
