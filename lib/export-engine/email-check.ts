// Bulk email validation for the planner: the emails stream out of PostgreSQL with COPY (text
// format, one email a line: no per-row protocol message or row object) and each one is judged by
// lib/iterable/email.ts's isValidEmail itself, so the verdicts equal Iterable's rules as ported
// there by construction. Only the invalid ones (few) are kept in memory. A first fill judges its
// members as they come back from their insert instead (FillJudge).
import { StringDecoder } from "node:string_decoder";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { isValidEmail } from "@/lib/iterable";
import { CompactStringSet } from "./string-set";

/** The emails of `select` (one text column, no NULLs) that Iterable's validator would refuse. */
export async function copyInvalidEmails(session: pg.ClientBase, select: string): Promise<string[]> {
  const invalid: string[] = [];
  await copyLines(session, select, (line) => {
    const email = unescapeCopyText(line);
    if (!isValidEmail(email)) invalid.push(email);
  });
  return invalid;
}

export type FillVerdict = "missing" | "unique" | "invalid" | "duplicate" | "invalid-duplicate";

/**
 * Judges a list's members one by one in ascending profile id (a first fill): a member whose
 * email a lower profile id holds is a duplicate (and invalid too when that email is), otherwise
 * its email is judged by Iterable's validator, once. Holds the list's emails (CompactStringSet,
 * ~40 bytes each) and its invalid ones.
 */
export class FillJudge {
  readonly #seen = new CompactStringSet();
  readonly #invalid = new Set<string>();

  judge(email: string): FillVerdict {
    if (email === "") return "missing";
    if (!this.#seen.add(email)) return this.#invalid.has(email) ? "invalid-duplicate" : "duplicate";
    if (isValidEmail(email)) return "unique";
    this.#invalid.add(email);
    return "invalid";
  }
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
