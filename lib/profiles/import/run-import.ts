// The CSV import itself. Memory stays flat whatever the file size: the file is read as a
// stream (csv-records.ts), each good row goes straight into a COPY to a temporary staging table,
// each bad row to the error report file. Then one transaction merges the staging table into `profiles` (new
// customers inserted, existing ones get the file's attributes merged over theirs) and adds new
// attributes to the catalog: a failure or a cancel before that point changes nothing.
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { finished } from "node:stream/promises";
import { StringDecoder } from "node:string_decoder";
import { from as copyFrom } from "pg-copy-streams";
import { withConnection } from "@/lib/db/bulk";
import { ExpectedError } from "@/lib/errors";
import { logger } from "@/lib/logging/logger";
import type { JobProgress } from "@/lib/jobs/job-status";
import type { AttributeType } from "@/lib/segments/rules";
import { catalogEntries } from "../attribute-catalog";
import { cleanSearchIndexPendingList, whileCleaningSearchIndex } from "../search-index";
import { inspectCsv } from "./csv-inspect";
import { CsvRecordReader, type CsvRecord } from "./csv-records";
import { readCell } from "./csv-values";
import { importReportsDir, uploadPath } from "./uploads";

export type ImportRequest = { uploadId: string; idColumn: string; types: Record<string, AttributeType> };
export type RowErrorCode = "missingId" | "idTooLong" | "columnCount" | "notNumber" | "notDate" | "notBoolean" | "malformed";
export type RowError = { line: number; customerId: string; code: RowErrorCode; params: Record<string, string | number> };
export type ImportResult = { rows: number; inserted: number; updated: number; rejected: number; errorsSample: RowError[]; hasReport: boolean };

const ERRORS_SAMPLE = 20;
const PROGRESS_EVERY_ROWS = 25_000;
const READ_CHUNK_BYTES = 256 * 1024;
const MAX_ID_LENGTH = 200;

export function errorReportPath(jobId: string) {
  return path.join(importReportsDir(), `${jobId}-errors.csv`);
}

const csvField = (value: string) => `"${value.replace(/"/g, '""')}"`;

// COPY's text format (cheaper to parse than CSV for PostgreSQL): backslash, tab and line breaks
// escaped. JSON.stringify never leaves a raw tab or line break, but its escapes hold backslashes.
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const copyValue = (value: string) => (COPY_SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (char) => COPY_ESCAPES[char]!) : value);

/** Column types: the catalog's for attributes it knows, otherwise the user's choice. */
async function resolveColumns(header: string[], request: ImportRequest, inferred: Map<string, AttributeType>) {
  const catalog = new Map((await catalogEntries()).map((entry) => [entry.name, entry.type]));
  return header
    .map((name, index) => ({
      name,
      index,
      type: catalog.get(name) ?? request.types[name] ?? inferred.get(name) ?? "TEXT",
      known: catalog.has(name),
      jsonKey: `${JSON.stringify(name)}:`,
    }))
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
  let reportText = "";
  // Rows are handled synchronously, a piece of the file at a time; what a piece produced (COPY
  // data, report lines) is written once, waiting only when a stream asks to.
  const reject = (error: RowError) => {
    rejected += 1;
    if (errorsSample.length < ERRORS_SAMPLE) errorsSample.push(error);
    const { column = "", value = "", expected = "", found = "" } = error.params as Record<string, string>;
    reportText += `${[String(error.line), csvField(error.customerId), error.code, csvField(String(column)), csvField(String(value)), String(expected), String(found)].join(",")}\n`;
  };

  const started = Date.now();
  return withConnection(async (client) => {
    await client.query("DROP TABLE IF EXISTS import_rows");
    await cleanSearchIndexPendingList(client);
    await client.query("CREATE TEMP TABLE import_rows (line int NOT NULL, customer_id text NOT NULL, attributes jsonb NOT NULL)");
    const copy = client.query(copyFrom("COPY import_rows (line, customer_id, attributes) FROM STDIN"));
    // PostgreSQL refuses COPY data as it reads it (a value it cannot store, a lost connection):
    // the stream then emits "error" once, maybe before anyone waits for "drain" or "finish".
    let copyError: unknown;
    const copyFailed = new Promise<never>((_, reject) => copy.once("error", (error) => { copyError = error; reject(error); }));
    copyFailed.catch(() => {});
    let rows = 0;
    let staged = 0;
    let copyText = "";
    const handle = (record: CsvRecord) => {
      if (record.error) { reject({ line: record.line, customerId: "", code: "malformed", params: {} }); return; }
      rows += 1;
      const { fields, line } = record;
      const customerId = (fields[idIndex] ?? "").trim();
      if (fields.length !== header.length) {
        reject({ line, customerId, code: "columnCount", params: { expected: header.length, found: fields.length } });
        return;
      }
      if (customerId === "") { reject({ line, customerId, code: "missingId", params: {} }); return; }
      if (customerId.length > MAX_ID_LENGTH) { reject({ line, customerId: customerId.slice(0, 40), code: "idTooLong", params: {} }); return; }
      // The attributes' JSON is written directly (keys prepared once per column).
      let json = "";
      for (const column of columns) {
        const cell = readCell(fields[column.index] ?? "", column.type);
        if (cell === null) continue;
        if ("problem" in cell) {
          reject({ line, customerId, code: cell.problem, params: { column: column.name, value: (fields[column.index] ?? "").slice(0, 100) } });
          return;
        }
        json += `${json === "" ? "{" : ","}${column.jsonKey}${JSON.stringify(cell.value)}`;
      }
      staged += 1;
      copyText += `${line}\t${copyValue(customerId)}\t${json === "" ? "{}" : copyValue(`${json}}`)}\n`;
    };
    const flush = async () => {
      if (copyError) throw copyError;
      const copyReady = copyText === "" || copy.write(copyText);
      const reportReady = reportText === "" || report.write(reportText);
      copyText = "";
      reportText = "";
      if (!copyReady) await Promise.race([once(copy, "drain"), copyFailed]);
      if (!reportReady) await once(report, "drain");
    };

    const reader = new CsvRecordReader(inspection.delimiter, { skipHeader: true });
    const decoder = new StringDecoder("utf8");
    const records: CsvRecord[] = [];
    let bytesRead = 0;
    let lastProgress = 0;
    for await (const chunk of fs.createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }) as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      reader.push(decoder.write(chunk), records);
      for (const record of records) handle(record);
      records.length = 0;
      await flush();
      if (rows - lastProgress >= PROGRESS_EVERY_ROWS) {
        lastProgress = rows;
        if (options.signal?.aborted) throw options.signal.reason;
        await options.progress?.({ done: bytesRead, total: size });
      }
    }
    reader.push(decoder.end(), records);
    reader.finish(records);
    for (const record of records) handle(record);
    await flush();
    copy.end();
    await Promise.race([finished(copy), copyFailed]);
    report.end();
    await finished(report);
    if (options.signal?.aborted) throw options.signal.reason;
    await options.progress?.({ done: size, total: size, message: "merging" });

    const readMs = Date.now() - started;
    const { laps, ...merged } = await merge(client, columns.filter((column) => !column.known), staged);
    const result = { rows, ...merged, rejected, errorsSample, hasReport: rejected > 0 };
    logger.info({ jobId, rows, inserted: merged.inserted, updated: merged.updated, rejected, readMs, ...laps }, "profiles imported");
    return result;
  });
}

// After a merge this big, fresh planner statistics (segment refreshes, searches, member pages).
const ANALYZE_FROM_ROWS = 100_000;

async function merge(client: import("pg").PoolClient, newAttributes: { name: string; type: AttributeType }[], stagedRows: number) {
  const started = Date.now();
  try {
    await client.query("BEGIN");
    // Sorting a million ids spills to disk with the default 4 MB. Dropping the search index (GIN)
    // and building it again at the end was measured slower (a build over every profile cost more
    // than maintaining the imported ones: 355 s against 237 s for 1M rows into 1M profiles).
    await client.query("SET LOCAL work_mem = '256MB'");
    // The GIN index takes new entries into its pending list; a second connection moves them into
    // the tree while the upsert runs (search-index.ts: 1M rows, upsert 32 s then 20 s of moving →
    // 44–46 s side by side). A large list keeps the upsert itself from stopping to empty it
    // (with the default 4 MB, hundreds of small flushes: 1M updated rows 100 s → 48 s).
    await client.query("SET LOCAL gin_pending_list_limit = '256MB'");
    if (newAttributes.length > 0) {
      await client.query(
        `INSERT INTO attributes (name, type) SELECT name, type::"AttributeType" FROM unnest($1::text[], $2::text[]) AS t(name, type) ON CONFLICT (name) DO NOTHING`,
        [newAttributes.map((attribute) => attribute.name), newAttributes.map((attribute) => attribute.type)],
      );
    }
    // One id twice in a file: its last row wins. Existing profiles keep attributes the file lacks.
    const { rows } = await whileCleaningSearchIndex(() => client.query<{ inserted: string; updated: string }>(`
      WITH latest AS (
        SELECT DISTINCT ON (customer_id) customer_id, attributes FROM import_rows ORDER BY customer_id, line DESC
      ), upserted AS (
        INSERT INTO profiles (customer_id, attributes, created_at, updated_at)
        SELECT customer_id, attributes, now(), now() FROM latest
        ON CONFLICT (customer_id) DO UPDATE SET attributes = profiles.attributes || EXCLUDED.attributes, updated_at = now()
        RETURNING (xmax = 0) AS inserted
      )
      SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM upserted`));
    await client.query("COMMIT");
    const upsertedAt = Date.now();
    await client.query("DROP TABLE IF EXISTS import_rows");
    await cleanSearchIndexPendingList(client);
    const indexedAt = Date.now();
    // The planner's picture of profiles after a big change (segment refreshes, searches).
    if (stagedRows >= ANALYZE_FROM_ROWS) await client.query("ANALYZE profiles");
    const laps = { upsertMs: upsertedAt - started, indexMs: indexedAt - upsertedAt, analyzeMs: Date.now() - indexedAt };
    return { inserted: Number(rows[0]!.inserted), updated: Number(rows[0]!.updated), laps };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}
