// Bulk email validation for the planner: the emails stream out of PostgreSQL with COPY (text
// format, one email a line: no per-row protocol message or row object) and each one is judged by
// lib/iterable/email.ts's isValidEmail itself, so the verdicts equal Iterable's rules as ported
// there by construction. Only the invalid ones (few) are kept in memory.
import { StringDecoder } from "node:string_decoder";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { isValidEmail } from "@/lib/iterable";
import type { CompactStringSet } from "./string-set";

/** The emails of `select` (one text column, no NULLs) that Iterable's validator would refuse. */
export async function copyInvalidEmails(session: pg.ClientBase, select: string): Promise<string[]> {
  const invalid: string[] = [];
  await copyLines(session, select, (line) => {
    const email = unescapeCopyText(line);
    if (!isValidEmail(email)) invalid.push(email);
  });
  return invalid;
}

export type ChunkVerdicts = { invalid: string[]; duplicateIds: string[]; lastId: string | null };

/**
 * For `select` = (profile id, email; '' = none) in ascending profile id: the emails Iterable's
 * validator would refuse, and the members whose email a lower profile id holds (in this chunk or
 * in `seen`, the emails of the chunks before; this chunk's are added to it). Each email is
 * judged once, when first seen.
 */
export async function copyChunkVerdicts(session: pg.ClientBase, select: string, seen: CompactStringSet): Promise<ChunkVerdicts> {
  const verdicts: ChunkVerdicts = { invalid: [], duplicateIds: [], lastId: null };
  await copyLines(session, select, (line) => {
    const tab = line.indexOf("\t");
    const id = line.slice(0, tab);
    const email = unescapeCopyText(line.slice(tab + 1));
    verdicts.lastId = id;
    if (email === "") return;
    if (!seen.add(email)) {
      verdicts.duplicateIds.push(id);
      return;
    }
    if (!isValidEmail(email)) verdicts.invalid.push(email);
  });
  return verdicts;
}

/** Streams `select` out with COPY (text format), one call per row, without its newline. */
async function copyLines(session: pg.ClientBase, select: string, onLine: (line: string) => void): Promise<void> {
  const stream = session.query(copyTo(`COPY (${select}) TO STDOUT`));
  const decoder = new StringDecoder("utf8");
  let rest = "";
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = rest + decoder.write(chunk);
    let start = 0;
    for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
      onLine(text.slice(start, end));
      start = end + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest !== "") throw new Error("COPY output did not end with a newline");
}

const ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };

/**
 * A value of COPY's text format back to the string: PostgreSQL writes a backslash, newline,
 * carriage return, tab, backspace, form feed and vertical tab as backslash escapes (and every
 * other character as is), so a line break in the output always ends a row.
 */
export function unescapeCopyText(value: string): string {
  if (!value.includes("\\")) return value;
  return value.replace(/\\(.)/gs, (whole, char: string) => {
    const plain = ESCAPES[char];
    if (plain === undefined) throw new Error(`unexpected COPY escape ${whole}`);
    return plain;
  });
}
