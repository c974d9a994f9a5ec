// A streaming CSV reader for the import, written for speed: csv-parse took most of the Node side
// of a 1,000,000-row import (about a minute on this machine), this reads the same file several
// times faster. It follows RFC 4180 as csv-parse does with the import's options: one-character
// separator, fields quoted with " ("" inside for a quote, separators and line breaks allowed),
// \n, \r\n or \r line ends, a leading BOM ignored, empty lines skipped, any column count kept
// (the import checks it). A record with a quote in the wrong place (inside an unquoted field,
// text after a closing quote, a quote never closed) comes out as an error with its line: the
// import reports it and goes on.
//
// Pieces of text go in with `push`, records come out in batches (one array per piece), so the
// caller pays one await per piece, not per row. A record's line is the line it ends on.

export type CsvRecord = { fields: string[]; line: number; error?: undefined } | { error: "malformed"; line: number; fields?: undefined };

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvRecordReader {
  private readonly separator: number;
  private fields: string[] = [];
  private field = "";
  private quoted = false; // inside a quoted field
  private closed = false; // the current field's closing quote was read
  private broken = false; // a quote error: the record is skipped up to its end
  private content = false; // the record has any character (an empty line has none)
  private line = 1;
  private carry = "";
  private started = false;
  private skipFirst: boolean;

  constructor(separator: string, options: { skipHeader?: boolean } = {}) {
    if (separator.length !== 1) throw new Error("one-character separator expected");
    this.separator = separator.charCodeAt(0);
    this.skipFirst = options.skipHeader ?? false;
  }

  /** Reads a piece of text; the records it completes are appended to `out`. */
  push(text: string, out: CsvRecord[]) {
    let piece = this.carry + text;
    if (!this.started && piece.length > 0) {
      this.started = true;
      if (piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1);
    }
    // A quote or a \r at the very end needs the next character to be read: it waits.
    const last = piece.charCodeAt(piece.length - 1);
    const end = last === QUOTE || last === CR ? piece.length - 1 : piece.length;
    // A pair of quotes may end past `end`: what was read is not read again.
    this.carry = piece.slice(this.read(piece, end, out));
  }

  /** The end of the text: the last record (without a line break) and an unclosed quote. */
  finish(out: CsvRecord[]) {
    const piece = this.carry;
    this.carry = "";
    this.read(piece, piece.length, out);
    if (this.quoted) {
      this.quoted = false;
      this.broken = true;
    }
    this.endRecord(out);
  }

  /** Reads s up to `end` (maybe one character past it); returns where it stopped. */
  private read(s: string, end: number, out: CsvRecord[]): number {
    const separator = this.separator;
    let i = 0;
    let start = 0;
    while (i < end) {
      const c = s.charCodeAt(i);
      if (this.quoted) {
        if (c === QUOTE) {
          if (i + 1 < s.length && s.charCodeAt(i + 1) === QUOTE) {
            this.field += s.slice(start, i + 1);
            i += 2;
          } else {
            this.field += s.slice(start, i);
            this.quoted = false;
            this.closed = true;
            i += 1;
          }
          start = i;
          continue;
        }
        if (c === LF || (c === CR && !(i + 1 < s.length && s.charCodeAt(i + 1) === LF))) this.line += 1;
        i += 1;
        continue;
      }
      if (c === separator) {
        if (!this.broken) {
          if (!this.closed) this.field += s.slice(start, i);
          this.fields.push(this.field);
        }
        this.field = "";
        this.closed = false;
        this.content = true;
        i += 1;
        start = i;
        continue;
      }
      if (c === LF || c === CR) {
        if (!this.broken && !this.closed) this.field += s.slice(start, i);
        this.endRecord(out);
        this.line += 1;
        i += c === CR && i + 1 < s.length && s.charCodeAt(i + 1) === LF ? 2 : 1;
        start = i;
        continue;
      }
      this.content = true;
      if (!this.broken) {
        if (c === QUOTE && !this.closed && i === start && this.field === "") {
          this.quoted = true;
          start = i + 1;
        } else if (c === QUOTE || this.closed) {
          // A quote inside an unquoted field, or text after a closing quote.
          this.broken = true;
        }
      }
      i += 1;
    }
    if (!this.broken && (this.quoted || !this.closed)) this.field += s.slice(start, Math.max(start, end));
    return Math.max(i, end);
  }

  private endRecord(out: CsvRecord[]) {
    if (this.content || this.field !== "" || this.closed) {
      if (this.skipFirst) this.skipFirst = false;
      else if (this.broken) out.push({ error: "malformed", line: this.line });
      else {
        this.fields.push(this.field);
        out.push({ fields: this.fields, line: this.line });
      }
    }
    this.fields = [];
    this.field = "";
    this.closed = false;
    this.broken = false;
    this.content = false;
  }
}
