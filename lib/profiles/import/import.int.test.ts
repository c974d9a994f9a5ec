// CSV import against PostgreSQL: new profiles added, existing ones updated (attributes merged),
// bad rows reported and kept out while good rows go in, unusable files refused with nothing changed.
import fs from "node:fs";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { closeBulkPool } from "@/lib/db/bulk";
import { db } from "@/lib/db/client";
import { resetDatabase } from "@/lib/testing/database";
import { countAttributeValues } from "../attribute-counts";
import { inspectCsv } from "./csv-inspect";
import { errorReportPath, runImport } from "./run-import";
import { saveUpload, uploadPath } from "./uploads";

const upload = async (text: string | Buffer) => (await saveUpload(new Blob([typeof text === "string" ? text : new Uint8Array(text)]).stream())).uploadId;
let jobCounter = 0;
const jobId = () => `00000000-0000-4000-8000-${String(++jobCounter).padStart(12, "0")}`;
const attributesOf = async (customerId: string) => (await db().profile.findUniqueOrThrow({ where: { customerId } })).attributes;

afterAll(closeBulkPool);

describe("CSV import", () => {
  beforeEach(async () => {
    await resetDatabase();
    await db().attribute.create({ data: { name: "lifetime_value", type: "NUMBER" } });
    await db().profile.create({ data: { customerId: "C1", attributes: { first_name: "Old", city: "Madrid", lifetime_value: 5 } } });
  });

  it("adds new customers, updates existing ones, keeps bad rows out and reports them", async () => {
    const csv = [
      "customer_id;first_name;lifetime_value;signup;vip",
      "C1;Ana;1200.50;2026-01-02;yes",
      "C2;Luis;;2025-12-31;no",
      ";Nobody;1;2026-01-01;yes",
      "C3;Bad number;abc;2026-01-01;no",
      "C4;Bad date;3;2026-02-31;no",
      "C5;Too;many;columns;here;extra",
      "C6;\"Quoted; with separator\";7;2026-03-04T10:00:00Z;true",
      "C2;Luis again;9;;",
    ].join("\r\n");
    const uploadId = await upload(csv);
    const inspection = await inspectCsv(uploadPath(uploadId));
    expect(inspection.delimiter).toBe(";");
    expect(inspection.columns.map((column) => [column.name, column.inferredType])).toEqual([
      ["customer_id", "TEXT"], ["first_name", "TEXT"], ["lifetime_value", "TEXT"], ["signup", "TEXT"], ["vip", "TEXT"],
    ]);
    const id = jobId();
    const result = await runImport(id, { uploadId, idColumn: "customer_id", types: { lifetime_value: "NUMBER", signup: "DATE", vip: "BOOLEAN" } });
    expect(result).toMatchObject({ rows: 8, inserted: 2, updated: 1, rejected: 4, hasReport: true });
    expect(result.errorsSample.map((error) => [error.line, error.code])).toEqual([[4, "missingId"], [5, "notNumber"], [6, "notDate"], [7, "columnCount"]]);

    // Merged over the old attributes; an empty cell leaves a value as it was.
    expect(await attributesOf("C1")).toEqual({ first_name: "Ana", city: "Madrid", lifetime_value: 1200.5, signup: "2026-01-02", vip: true });
    expect(await attributesOf("C2")).toEqual({ first_name: "Luis again", lifetime_value: 9 });
    expect(await attributesOf("C6")).toEqual({ first_name: "Quoted; with separator", lifetime_value: 7, signup: "2026-03-04T10:00:00Z", vip: true });
    expect(await db().profile.count()).toBe(3);
    expect((await db().attribute.findMany({ orderBy: { name: "asc" } })).map((attribute) => [attribute.name, attribute.type])).toEqual([
      ["first_name", "TEXT"], ["lifetime_value", "NUMBER"], ["signup", "DATE"], ["vip", "BOOLEAN"],
    ]);

    const report = fs.readFileSync(errorReportPath(id), "utf8").trim().split("\n");
    expect(report[0]).toBe("line,customer_id,code,column,value,expected,found");
    expect(report).toHaveLength(5);
    expect(report[2]).toBe('5,"C3",notNumber,"lifetime_value","abc",,');

    // Counted per catalog attribute: empty text and JSON null are no value; an attribute nobody holds counts 0.
    await db().attribute.create({ data: { name: "nickname", type: "TEXT" } });
    await db().profile.create({ data: { customerId: "C7", attributes: { first_name: "", vip: null, nickname: "" } } });
    await countAttributeValues();
    const counts = Object.fromEntries((await db().attribute.findMany()).map((attribute) => [attribute.name, attribute.valueCount]));
    expect(counts).toEqual({ first_name: 3, lifetime_value: 3, signup: 2, vip: 2, nickname: 0 });
  });

  it("keeps backslashes, tabs, line breaks, quotes and any script exactly as written", async () => {
    const csv = [
      "customer_id,note,city",
      'C\\8,"back\\slash \\N and \\t","Tab\there"',
      '"C 9","two\r\nlines and a ""quote""","São Paulo — 東京 🚀"',
      'C10,"{""json"": 1}",',
    ].join("\n");
    const result = await runImport(jobId(), { uploadId: await upload(csv), idColumn: "customer_id", types: {} });
    expect(result).toMatchObject({ rows: 3, inserted: 3, rejected: 0 });
    expect(await attributesOf("C\\8")).toEqual({ note: "back\\slash \\N and \\t", city: "Tab\there" });
    expect(await attributesOf("C 9")).toEqual({ note: 'two\r\nlines and a "quote"', city: "São Paulo — 東京 🚀" });
    expect(await attributesOf("C10")).toEqual({ note: '{"json": 1}' });
  });

  it("reports a row with an unclosed quote and imports the others", async () => {
    const uploadId = await upload('customer_id,name\nA1,ok\nA2,"broken\nA3,fine\n');
    const result = await runImport(jobId(), { uploadId, idColumn: "customer_id", types: {} });
    // The quote is never closed: the rest of the file is one broken row, reported; A1 is imported.
    expect(result).toMatchObject({ inserted: 1, rejected: 1, errorsSample: [{ code: "malformed" }] });
    expect(await db().profile.findUnique({ where: { customerId: "A1" } })).not.toBeNull();
  });

  it("refuses a file that is not CSV, an empty file and a missing id column, changing nothing", async () => {
    const before = await db().profile.findMany();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await expect(runImport(jobId(), { uploadId: await upload(png), idColumn: "id", types: {} })).rejects.toMatchObject({ messageKey: "profiles.import.notCsv" });
    await expect(runImport(jobId(), { uploadId: await upload('{"customer_id": 1, "a": "b"}\n{"x": 2}'), idColumn: "id", types: {} })).rejects.toMatchObject({ messageKey: "profiles.import.notCsv" });
    await expect(runImport(jobId(), { uploadId: await upload(""), idColumn: "id", types: {} })).rejects.toMatchObject({ messageKey: "profiles.import.empty" });
    await expect(runImport(jobId(), { uploadId: await upload("customer_id,name\n"), idColumn: "customer_id", types: {} })).rejects.toMatchObject({ messageKey: "profiles.import.empty" });
    await expect(runImport(jobId(), { uploadId: await upload("id,name\n1,a\n"), idColumn: "customer_id", types: {} })).rejects.toMatchObject({ messageKey: "profiles.import.noIdColumn" });
    await expect(runImport(jobId(), { uploadId: await upload("id,name,name\n1,a,b\n"), idColumn: "id", types: {} })).rejects.toMatchObject({ messageKey: "profiles.import.duplicateColumn" });
    expect(await db().profile.findMany()).toEqual(before);
    expect(await db().attribute.count()).toBe(1);
  });
});
