// Reading CSV cells as typed attribute values, and inferring a column's type from a sample.
// Pure functions: the import job, the upload check and the unit tests share them.
import { isDateText, type AttributeType } from "@/lib/segments/rules";

export type CellProblem = "notNumber" | "notDate" | "notBoolean";
export type Cell = { value: string | number | boolean } | { problem: CellProblem } | null;

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d{1,3})?$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const TRUE = new Set(["true", "yes", "y", "1", "sí", "si"]);
const FALSE = new Set(["false", "no", "n", "0"]);
// Words only: a column of 0 and 1 reads as numbers unless the user picks yes/no.
const BOOLEAN_WORDS = new Set(["true", "false", "yes", "no"]);

export function isDateValue(text: string): boolean {
  if (isDateText(text)) return true;
  const match = DATETIME.exec(text);
  return Boolean(match && isDateText(match[1]!) && !Number.isNaN(Date.parse(text)));
}

/** null for an empty cell (the attribute is left as it is). */
export function readCell(raw: string, type: AttributeType): Cell {
  const text = raw.trim();
  if (text === "") return null;
  if (type === "NUMBER") {
    const number = Number(text);
    return NUMBER.test(text) && Number.isFinite(number) ? { value: number } : { problem: "notNumber" };
  }
  if (type === "DATE") return isDateValue(text) ? { value: text } : { problem: "notDate" };
  if (type === "BOOLEAN") {
    const lower = text.toLowerCase();
    if (TRUE.has(lower)) return { value: true };
    if (FALSE.has(lower)) return { value: false };
    return { problem: "notBoolean" };
  }
  return { value: text };
}

/** The narrowest type every non-empty sample value fits; TEXT when there is none. */
export function inferType(samples: string[]): AttributeType {
  const values = samples.map((value) => value.trim()).filter((value) => value !== "");
  if (values.length === 0) return "TEXT";
  if (values.every((value) => BOOLEAN_WORDS.has(value.toLowerCase()))) return "BOOLEAN";
  if (values.every((value) => NUMBER.test(value))) return "NUMBER";
  if (values.every(isDateValue)) return "DATE";
  return "TEXT";
}

/** The separator of a header line: the most frequent of comma, semicolon and tab. */
export function detectDelimiter(headerLine: string): "," | ";" | "\t" {
  const counts = ([",", ";", "\t"] as const).map((delimiter) => [delimiter, headerLine.split(delimiter).length - 1] as const);
  const best = counts.reduce((winner, candidate) => (candidate[1] > winner[1] ? candidate : winner));
  return best[1] > 0 ? best[0] : ",";
}
