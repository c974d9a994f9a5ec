// The check right after an upload: is it a CSV file with a usable header, which separator, which
// columns, and what type each column looks like (from the first rows only; the file may be huge).
import fs from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { ExpectedError } from "@/lib/errors";
import type { AttributeType } from "@/lib/segments/rules";
import { detectDelimiter, inferType } from "./csv-values";

const HEAD_BYTES = 1024 * 1024;
export const SAMPLE_ROWS = 500;
export const MAX_COLUMNS = 500;

export type CsvColumn = { name: string; inferredType: AttributeType; examples: string[] };
export type CsvInspection = { delimiter: "," | ";" | "\t"; columns: CsvColumn[]; sampledRows: number };

async function readHead(file: string): Promise<string> {
  const handle = await fs.open(file, "r");
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    // NUL bytes do not occur in text: an image, a spreadsheet (.xlsx is a zip), a PDF…
    if (head.includes(0)) throw new ExpectedError("profiles.import.notCsv");
    let text = head.toString("utf8").replace(/^\uFEFF/, "");
    // Only whole lines: the last one may be cut in the middle when the file is longer.
    if (bytesRead === HEAD_BYTES) text = text.slice(0, text.lastIndexOf("\n") + 1);
    return text;
  } finally {
    await handle.close();
  }
}

export async function inspectCsv(file: string): Promise<CsvInspection> {
  const head = await readHead(file);
  if (head.trim() === "") throw new ExpectedError("profiles.import.empty");
  const delimiter = detectDelimiter(head.slice(0, head.indexOf("\n") === -1 ? undefined : head.indexOf("\n")));
  let records: string[][];
  try {
    // The header must read cleanly: a JSON or other text file fails here.
    parse(head, { delimiter, relax_column_count: true, to_line: 1 });
    // A broken row further down (an unclosed quote) is the import's to report, not a reason to refuse the file.
    records = parse(head, { delimiter, relax_column_count: true, skip_empty_lines: true, skip_records_with_error: true, to_line: SAMPLE_ROWS + 1 }) as string[][];
  } catch {
    throw new ExpectedError("profiles.import.notCsv");
  }
  const [header, ...rows] = records;
  if (!header || rows.length === 0) throw new ExpectedError("profiles.import.empty");
  const names = header.map((name) => name.trim());
  if (names.length > MAX_COLUMNS) throw new ExpectedError("profiles.import.notCsv");
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (name === "") throw new ExpectedError("profiles.import.emptyColumnName", { params: { index: index + 1 } });
    if (seen.has(name)) throw new ExpectedError("profiles.import.duplicateColumn", { params: { column: name } });
    seen.add(name);
  });
  const columns = names.map((name, index) => {
    const values = rows.map((row) => row[index] ?? "");
    const examples = [...new Set(values.map((value) => value.trim()).filter(Boolean))].slice(0, 3);
    return { name, inferredType: inferType(values), examples };
  });
  return { delimiter, columns, sampledRows: rows.length };
}

/** The column most likely to hold the customer id, to preselect it. */
export function guessIdColumn(columns: CsvColumn[]): string {
  const names = columns.map((column) => column.name);
  const preferred = ["customer_id", "customerid", "customer id", "id", "client_id", "user_id"];
  return names.find((name) => preferred.includes(name.toLowerCase())) ?? names[0]!;
}
