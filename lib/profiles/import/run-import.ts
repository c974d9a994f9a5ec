// The CSV import itself. Memory stays flat whatever the file size: the file is read as a
// stream, each good row goes straight into a COPY to a temporary staging table, each bad row to
// the error report file. Then one transaction merges the staging table into `profiles` (new
// customers inserted, existing ones get the file's attributes merged over theirs) and adds new
// attributes to the catalog: a failure or a cancel before that point changes nothing.
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { Transform } from "node:stream";
import { finished } from "node:stream/promises";
import { parse, type CsvError } from "csv-parse";
import { from as copyFrom } from "pg-copy-streams";
import { withConnection } from "@/lib/db/bulk";
import { ExpectedError } from "@/lib/errors";
import type { JobProgress } from "@/lib/jobs/job-status";
import type { AttributeType } from "@/lib/segments/rules";
import { catalogEntries } from "../attribute-catalog";
import { inspectCsv } from "./csv-inspect";
import { readCell } from "./csv-values";
import { importReportsDir, uploadPath } from "./uploads";

export type ImportRequest = { uploadId: string; idColumn: string; types: Record<string, AttributeType> };
export type RowErrorCode = "missingId" | "idTooLong" | "columnCount" | "notNumber" | "notDate" | "notBoolean" | "malformed";
export type RowError = { line: number; customerId: string; code: RowErrorCode; params: Record<string, string | number> };
export type ImportResult = { rows: number; inserted: number; updated: number; rejected: number; errorsSample: RowError[]; hasReport: boolean };

const ERRORS_SAMPLE = 20;
const PROGRESS_EVERY_ROWS = 25_000;
const MAX_ID_LENGTH = 200;

export function errorReportPath(jobId: string) {
  return path.join(importReportsDir(), `${jobId}-errors.csv`);
}

const csvField = (value: string) => `"${value.replace(/"/g, '""')}"`;

/** Column types: the catalog's for attributes it knows, otherwise the user's choice. */
async function resolveColumns(header: string[], request: ImportRequest, inferred: Map<string, AttributeType>) {
  const catalog = new Map((await catalogEntries()).map((entry) => [entry.name, entry.type]));
  return header
    .map((name, index) => ({ name, index, type: catalog.get(name) ?? request.types[name] ?? inferred.get(name) ?? "TEXT", known: catalog.has(name) }))
    .filter((column) => column.name !== request.idColumn);
}

export async function runImport(
  jobId: string,
  request: ImportRequest,
  options: { signal?: AbortSignal; progress?: (progress: JobProgress) => Promise<void> } = {},
): Promise<ImportResult> {
  const file = uploadPath(request.uploadId);
  const size = fs.statSync(file).size;
  const inspection = await inspectCsv(file);
  const header = inspection.columns.map((column) => column.name);
  const idIndex = header.indexOf(request.idColumn);
  if (idIndex < 0) throw new ExpectedError("profiles.import.noIdColumn", { params: { column: request.idColumn } });
  const columns = await resolveColumns(header, request, new Map(inspection.columns.map((column) => [column.name, column.inferredType])));

  fs.mkdirSync(importReportsDir(), { recursive: true });
  const report = fs.createWriteStream(errorReportPath(jobId));
  report.write("line,customer_id,code,column,value,expected,found\n");
  const errorsSample: RowError[] = [];
  let rejected = 0;
  const reject = async (error: RowError) => {
    rejected += 1;
    if (errorsSample.length < ERRORS_SAMPLE) errorsSample.push(error);
    const { column = "", value = "", expected = "", found = "" } = error.params as Record<string, string>;
    const line = [String(error.line), csvField(error.customerId), error.code, csvField(String(column)), csvField(String(value)), String(expected), String(found)].join(",");
    if (!report.write(`${line}\n`)) await once(report, "drain");
  };

  return withConnection(async (client) => {
    await client.query("DROP TABLE IF EXISTS import_rows");
    await client.query("CREATE TEMP TABLE import_rows (line int NOT NULL, customer_id text NOT NULL, attributes jsonb NOT NULL)");
    const copy = client.query(copyFrom("COPY import_rows (line, customer_id, attributes) FROM STDIN WITH (FORMAT csv)"));
    let bytesRead = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytesRead += chunk.length;
        callback(null, chunk);
      },
    });
    const parser = fs.createReadStream(file).pipe(counter).pipe(parse({
      delimiter: inspection.delimiter, bom: true, from_line: 2, info: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_error: true,
    }));
    const skipped: RowError[] = [];
    // A row csv-parse cannot read (an unclosed quote…) is skipped and reported; the rest go on.
    parser.on("skip", (error: CsvError & { lines?: number }) => skipped.push({ line: error.lines ?? 0, customerId: "", code: "malformed", params: {} }));

    let rows = 0;
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      rows += 1;
      for (const error of skipped.splice(0)) await reject(error);
      const line = info.lines;
      const customerId = (record[idIndex] ?? "").trim();
      if (record.length !== header.length) {
        await reject({ line, customerId, code: "columnCount", params: { expected: header.length, found: record.length } });
        continue;
      }
      if (customerId === "") { await reject({ line, customerId, code: "missingId", params: {} }); continue; }
      if (customerId.length > MAX_ID_LENGTH) { await reject({ line, customerId: customerId.slice(0, 40), code: "idTooLong", params: {} }); continue; }
      const attributes: Record<string, string | number | boolean> = {};
      let problem: RowError | null = null;
      for (const column of columns) {
        const cell = readCell(record[column.index] ?? "", column.type);
        if (cell === null) continue;
        if ("problem" in cell) {
          problem = { line, customerId, code: cell.problem, params: { column: column.name, value: (record[column.index] ?? "").slice(0, 100) } };
          break;
        }
        attributes[column.name] = cell.value;
      }
      if (problem) { await reject(problem); continue; }
      if (!copy.write(`${line},${csvField(customerId)},${csvField(JSON.stringify(attributes))}\n`)) await once(copy, "drain");
      if (rows % PROGRESS_EVERY_ROWS === 0) {
        if (options.signal?.aborted) throw options.signal.reason;
        await options.progress?.({ done: bytesRead, total: size });
      }
    }
    for (const error of skipped.splice(0)) await reject(error);
    copy.end();
    await finished(copy);
    report.end();
    await finished(report);
    if (options.signal?.aborted) throw options.signal.reason;
    await options.progress?.({ done: size, total: size, message: "merging" });

    const merged = await merge(client, columns.filter((column) => !column.known));
    return { rows, ...merged, rejected, errorsSample, hasReport: rejected > 0 };
  });
}

async function merge(client: import("pg").PoolClient, newAttributes: { name: string; type: AttributeType }[]) {
  try {
    await client.query("BEGIN");
    if (newAttributes.length > 0) {
      await client.query(
        `INSERT INTO attributes (name, type) SELECT name, type::"AttributeType" FROM unnest($1::text[], $2::text[]) AS t(name, type) ON CONFLICT (name) DO NOTHING`,
        [newAttributes.map((attribute) => attribute.name), newAttributes.map((attribute) => attribute.type)],
      );
    }
    // One id twice in a file: its last row wins. Existing profiles keep attributes the file lacks.
    const { rows } = await client.query<{ inserted: string; updated: string }>(`
      WITH latest AS (
        SELECT DISTINCT ON (customer_id) customer_id, attributes FROM import_rows ORDER BY customer_id, line DESC
      ), upserted AS (
        INSERT INTO profiles (customer_id, attributes, created_at, updated_at)
        SELECT customer_id, attributes, now(), now() FROM latest
        ON CONFLICT (customer_id) DO UPDATE SET attributes = profiles.attributes || EXCLUDED.attributes, updated_at = now()
        RETURNING (xmax = 0) AS inserted
      )
      SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM upserted`);
    await client.query("COMMIT");
    await client.query("DROP TABLE IF EXISTS import_rows");
    return { inserted: Number(rows[0]!.inserted), updated: Number(rows[0]!.updated) };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}
