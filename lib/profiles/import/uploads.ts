// Uploaded CSV files wait in the data folder (not in memory, not in a server action body, which
// Next.js limits) until the import job reads them. A route handler streams the request body
// straight to disk; the job deletes the file when the import succeeded.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { settings } from "@/lib/config/env";
import { ExpectedError } from "@/lib/errors";

export const MAX_UPLOAD_MB = 2048;
const UPLOAD_ID = /^[0-9a-f-]{36}$/;

export function uploadsDir() {
  return path.join(settings().dataDir, "uploads");
}

export function importReportsDir() {
  return path.join(settings().dataDir, "imports");
}

/** The path of an upload, or an expected error when it is gone (or the id is not one of ours). */
export function uploadPath(uploadId: string): string {
  const file = path.join(uploadsDir(), `${uploadId}.csv`);
  if (!UPLOAD_ID.test(uploadId) || !fs.existsSync(file)) throw new ExpectedError("profiles.import.uploadGone");
  return file;
}

/** Streams a request body to a new upload file; refuses (and removes) one over the size limit. */
export async function saveUpload(body: ReadableStream<Uint8Array>): Promise<{ uploadId: string; bytes: number }> {
  fs.mkdirSync(uploadsDir(), { recursive: true });
  const uploadId = randomUUID();
  const file = path.join(uploadsDir(), `${uploadId}.csv`);
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > MAX_UPLOAD_MB * 1024 * 1024) callback(new ExpectedError("profiles.import.tooLarge", { params: { max: MAX_UPLOAD_MB }, status: 413 }));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as import("node:stream/web").ReadableStream), limit, fs.createWriteStream(file));
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
  return { uploadId, bytes };
}

export function removeUpload(uploadId: string) {
  if (UPLOAD_ID.test(uploadId)) fs.rmSync(path.join(uploadsDir(), `${uploadId}.csv`), { force: true });
}
