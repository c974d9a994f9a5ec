// A static segment's list uploaded as a file. A list of 200,000 ids is several megabytes, over
// what a server action body may carry (1 MB), so the browser streams the file to a route handler
// (as the CSV import does), which stores it in the data folder and answers an id; saving the
// segment then names that id. The file is read as a stream, value by value, into a COPY: a list
// of a million values never sits in Node's memory.
import fs from "node:fs";
import { once } from "node:events";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { finished } from "node:stream/promises";
import { ExpectedError } from "@/lib/errors";
import { removeUpload, saveUpload, uploadPath } from "@/lib/profiles/import/uploads";
import { STATIC_FILE_MAX, splitListLine } from "./schemas";

/** Streams a request body to disk and counts its values (as they will be read when saving). */
export async function saveStaticListFile(body: ReadableStream<Uint8Array>): Promise<{ listId: string; values: number }> {
  const { uploadId } = await saveUpload(body);
  try {
    let values = 0;
    for await (const lines of readLines(uploadPath(uploadId))) values += splitListLine(lines, false).length;
    if (values === 0) throw new ExpectedError("segments.static.listRequired");
    if (values > STATIC_FILE_MAX) throw new ExpectedError("segments.static.tooMany", { params: { max: STATIC_FILE_MAX }, status: 413 });
    return { listId: uploadId, values };
  } catch (error) {
    removeUpload(uploadId);
    throw error;
  }
}

/** The file's text in pieces that end at a line break (the last one at the end of the file). */
async function* readLines(file: string): AsyncGenerator<string> {
  let carry = "";
  for await (const chunk of fs.createReadStream(file, { encoding: "utf8", highWaterMark: 256 * 1024 }) as AsyncIterable<string>) {
    const text = carry + chunk;
    const cut = Math.max(text.lastIndexOf("\n"), text.lastIndexOf("\r")) + 1;
    carry = text.slice(cut);
    if (cut > 0) yield text.slice(0, cut);
  }
  if (carry !== "") yield carry;
}

const csvField = (value: string) => `"${value.replace(/"/g, '""')}"`;

/**
 * Replaces the stored list of `segmentId` by the values of an uploaded file (de-duplicated,
 * lowercased when matched case-insensitively), inside the caller's transaction. Returns how
 * many distinct values the list holds.
 */
export async function replaceListFromFile(client: pg.PoolClient, segmentId: string, listId: string, caseInsensitive: boolean): Promise<number> {
  // Before the COPY starts: a list that is gone (used already, or never uploaded) is an expected error.
  const file = uploadPath(listId);
  await client.query("CREATE TEMP TABLE static_list_upload (value text NOT NULL) ON COMMIT DROP");
  const copy = client.query(copyFrom("COPY static_list_upload (value) FROM STDIN WITH (FORMAT csv)"));
  try {
    for await (const lines of readLines(file)) {
      const values = splitListLine(lines, caseInsensitive);
      if (values.length > 0 && !copy.write(`${values.map(csvField).join("\n")}\n`)) await once(copy, "drain");
    }
  } catch (error) {
    // Ends the COPY (the server aborts it) so the transaction can roll back.
    copy.destroy(error as Error);
    await finished(copy).catch(() => {});
    throw error;
  }
  copy.end();
  await finished(copy);
  await client.query("DELETE FROM static_segment_entries WHERE segment_id = $1::uuid", [segmentId]);
  const { rowCount } = await client.query(
    "INSERT INTO static_segment_entries (segment_id, value) SELECT DISTINCT $1::uuid, value FROM static_list_upload", [segmentId]);
  const stored = rowCount ?? 0;
  // Fresh statistics, or the matching below is planned for a list of a few rows (nested loops
  // over 200,000 values).
  await client.query("ANALYZE static_segment_entries");
  if (stored === 0) throw new ExpectedError("segments.static.listRequired", { field: "list" });
  if (stored > STATIC_FILE_MAX) throw new ExpectedError("segments.static.tooMany", { field: "list", params: { max: STATIC_FILE_MAX } });
  return stored;
}

export function removeStaticListFile(listId: string) {
  removeUpload(listId);
}
