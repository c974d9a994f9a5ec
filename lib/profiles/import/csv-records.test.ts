// The import's CSV reader: the records (and their lines) csv-parse gives with the import's
// options, whatever the piece boundaries; quote errors come out as malformed records.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CsvRecordReader, type CsvRecord } from "./csv-records";

function readAll(text: string, separator = ",", pieceSize = text.length || 1): CsvRecord[] {
  const reader = new CsvRecordReader(separator);
  const out: CsvRecord[] = [];
  for (let at = 0; at < text.length; at += pieceSize) reader.push(text.slice(at, at + pieceSize), out);
  reader.finish(out);
  return out;
}

function csvParse(text: string, separator = ","): CsvRecord[] {
  const records = parse(text, { delimiter: separator, bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { lines: number } }[];
  return records.map(({ record, info }) => ({ fields: record, line: info.lines }));
}

const WELL_FORMED: [string, string][] = [
  ["plain", "a,b,c\n1,2,3\n4,5,6\n"],
  ["no final line break", "a,b\n1,2"],
  ["CRLF and empty lines", "a;b\r\n\r\n1;2\r\n\r\n3;4\r\n"],
  ["lone CR", "a,b\r1,2\r3,4"],
  ["quotes, separators and line breaks inside", 'id,name\nC1,"Smith, Ann"\nC2,"say ""hi"""\nC3,"two\nlines"\nC4,""\n'],
  ["empty fields and spaces", "a,b,c\n,,\n x , y ,z\n"],
  ["column counts differ", "a,b\n1\n1,2,3\n"],
  ["BOM", "\uFEFFid,x\n1,2\n"],
  ["tabs", "a\tb\n1\t\"2\t3\"\n"],
  ["non-ASCII", "id,city\nC1,São Paulo\nC2,\"Zürich, CH\"\n"],
];

describe("CsvRecordReader", () => {
  for (const [name, text] of WELL_FORMED) {
    const separator = text.includes("\t") ? "\t" : text.includes(";") ? ";" : ",";
    it(`reads like csv-parse: ${name}, in any pieces`, () => {
      const expected = csvParse(text, separator);
      for (let size = 1; size <= text.length; size += 1) expect(readAll(text, separator, size), `pieces of ${size}`).toEqual(expected);
    });
  }

  it("counts a quoted \\r\\n as one line break (csv-parse counts two)", () => {
    for (let size = 1; size < 30; size += 1) {
      expect(readAll('id,name\r\nC1,"a\r\nb"\r\nC2,x\r\n', ",", size)).toEqual([
        { fields: ["id", "name"], line: 1 }, { fields: ["C1", "a\r\nb"], line: 3 }, { fields: ["C2", "x"], line: 4 },
      ]);
    }
  });

  it("skips the header when asked", () => {
    const reader = new CsvRecordReader(",", { skipHeader: true });
    const out: CsvRecord[] = [];
    reader.push('"id","name"\nC1,Ana\n', out);
    reader.finish(out);
    expect(out).toEqual([{ fields: ["C1", "Ana"], line: 2 }]);
  });

  it("reports a quote in the wrong place as one malformed record and reads on", () => {
    expect(readAll('id,name\nA1,ab"c\nA2,"x"y\nA3,ok\n')).toEqual([
      { fields: ["id", "name"], line: 1 },
      { error: "malformed", line: 2 },
      { error: "malformed", line: 3 },
      { fields: ["A3", "ok"], line: 4 },
    ]);
  });

  it("reports an unclosed quote: the rest of the file is one malformed record", () => {
    for (const size of [1, 3, 100]) {
      expect(readAll('id,name\nA1,ok\nA2,"broken\nA3,fine\n', ",", size)).toEqual([
        { fields: ["id", "name"], line: 1 },
        { fields: ["A1", "ok"], line: 2 },
        { error: "malformed", line: 5 },
      ]);
    }
  });

  it("reads many rows across piece boundaries (its speed is in scripts/bench/import.ts)", () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `C${i},Name ${i},"user.${i}@example.com",${i / 10},2025-01-02,yes`).join("\n");
    const out = readAll(rows, ",", 4099);
    expect(out).toHaveLength(20_000);
    expect(out[19_999]).toEqual({ fields: ["C19999", "Name 19999", "user.19999@example.com", "1999.9", "2025-01-02", "yes"], line: 20_000 });
    expect(out.every((record, index) => record.line === index + 1 && record.fields?.length === 6)).toBe(true);
  });
});
