// How a member's snapshot row is derived from its profile, in SQL: the normalised email, the
// dataFields text (sent as is, and hashed), the fingerprint of both. Used by the rebuild and the
// incremental plan (snapshot.ts) and by a first fill (stream-fill.ts), so all three derive alike.
import type { DataFieldMapping } from "./plan-math";
import type { PlanList, PlanSettings } from "./snapshot";

// Exactly the characters JS's String.prototype.trim strips (what normalizeEmail uses): ECMAScript
// WhiteSpace (tab, VT, FF, ZWNBSP, every Zs space) and LineTerminator (LF, CR, LS, PS). btrim's
// default is the space only. (PostgreSQL's E'' strings know no \v: vertical tab is \x0b.)
const TRIM_CHARS =
  "E' \\t\\n\\r\\f\\x0b\\u00a0\\u1680\\u2000\\u2001\\u2002\\u2003\\u2004\\u2005\\u2006\\u2007\\u2008\\u2009\\u200a\\u202f\\u205f\\u3000\\ufeff\\u2028\\u2029'";

/**
 * SQL normalising an email the way Iterable compares them (normalizeEmail: JS trim, then
 * lowercase; ASCII lowercase in SQL under the C collation): `raw` is SQL for the text, NULL stays
 * NULL. Trimming can only change a value that starts or ends with a non-printable or non-ASCII
 * character (every trimmed character is one): the common case skips btrim. The last character is
 * judged by its last byte, in O(1): a byte in 33..126 is a printable ASCII character, and every
 * byte of a multibyte UTF-8 character is >= 0x80 (node-postgres' sessions are always UTF8,
 * which textsend produces). `right(raw, 1)` walked the whole string twice, character by character:
 * ~0.7 s of PostgreSQL per million members. CASE, not AND: its branches are evaluated in order,
 * so the last byte is never asked of an empty value.
 */
export function normalizedEmailSql(raw: string): string {
  const trimmed = `lower(btrim(${raw}, ${TRIM_CHARS}))`;
  return `CASE WHEN ascii(${raw}) NOT BETWEEN 33 AND 126 THEN ${trimmed}
    WHEN get_byte(textsend(${raw}), octet_length(${raw}) - 1) BETWEEN 33 AND 126 THEN lower(${raw}) ELSE ${trimmed} END`;
}

/**
 * SQL deriving a member's snapshot columns: `raw` and `data` from `p` (profiles), the others
 * from those two as `d.raw` / `d.data`; params appended. Every column derives from `raw` (the email attribute as text) and `data`
 * (the mapped dataFields as jsonb text), so a fingerprint of those two covers them all.
 */
export function memberColumns(settings: PlanSettings, params: unknown[]) {
  params.push(settings.emailAttribute);
  const raw = `p.attributes ->> $${params.length}::text`;
  return {
    raw,
    data: dataFieldsTextSql(settings.dataFields, params),
    // jsonb text never holds a raw control character, so \x01 separates the two unambiguously.
    // 64-bit: equal fingerprints mean equal derived rows up to a collision (~2^-64 per change).
    fp: `hashtextextended(coalesce(d.data, '') || E'\\x01' || coalesce(d.raw, ''), 0)`,
    email: `coalesce(${normalizedEmailSql("d.raw")}, '')`,
    // What the acknowledged state records of the dataFields sent ('' without mappings). 64-bit,
    // like the fingerprint; md5 cost ~0.7 s of PostgreSQL per million members, this ~0.1 s
    // (migration 20261130150000_data_hash_hashtextextended converted the stored md5 hashes).
    dataHash: "coalesce(hashtextextended(d.data, 0)::text, '')",
  };
}

/**
 * SQL for the dataFields object of `p` (profiles) as text, params appended: exactly the text of
 * `jsonb_build_object(field, p.attributes -> attribute, …)::text`, written by concatenation
 * (jsonb's key order: shorter keys first, then bytewise; the last mapping of a field wins; a
 * value's jsonb text is the same alone as inside an object), which costs PostgreSQL ~1.1 s less
 * per million members than building the object. Absent attributes are sent as null, so a value
 * removed from a profile is cleared in Iterable. NULL without mappings.
 */
export function dataFieldsTextSql(dataFields: DataFieldMapping[], params: unknown[]): string {
  const attributeOf = new Map<string, string>();
  for (const mapping of dataFields) attributeOf.set(mapping.field, mapping.attribute);
  const fields = [...attributeOf.keys()].sort((a, b) => {
    const x = Buffer.from(a, "utf8");
    const y = Buffer.from(b, "utf8");
    return x.length - y.length || Buffer.compare(x, y);
  });
  if (fields.length === 0) return "NULL::text";
  const parts = fields.map((field, index) => {
    // JSON.stringify escapes a key as PostgreSQL's escape_json does (quote, backslash, control characters).
    params.push(`${index === 0 ? "{" : ", "}${JSON.stringify(field)}: `, attributeOf.get(field));
    return `$${params.length - 1}::text || coalesce((p.attributes -> $${params.length}::text)::text, 'null')`;
  });
  return `(${parts.join(" || ")} || '}')`;
}

/**
 * INSERT of members' snapshot rows (valid and not dup until checked) into the snapshot, from
 * `from`, which names segment_members (or a subquery of it) `sm`; as a function, it gets the
 * number of its first parameter (`fromParams`, appended). `profiles`: more of the join's
 * condition on `p`, with the same parameters.
 */
export function insertMembers(
  settings: PlanSettings,
  list: PlanList,
  from: string | ((next: number) => string),
  options: { fromParams?: unknown[]; profiles?: (next: number) => string } = {},
) {
  const params: unknown[] = [list.exportListId, list.segmentId];
  const c = memberColumns(settings, params);
  const source = typeof from === "string" ? from : from(params.length + 1);
  const profiles = options.profiles ? `AND ${options.profiles(params.length + 1)}` : "";
  params.push(...(options.fromParams ?? []));
  // OFFSET 0 keeps the inner query a separate step: without it PostgreSQL would inline `raw` and
  // `data` into every expression using them and evaluate them several times per row.
  return {
    params,
    sql: `INSERT INTO export_list_snapshots (export_list_id, profile_id, version, fp, email, valid, dup, data, data_hash)
      SELECT $1::uuid, d.profile_id, d.version, ${c.fp}, ${c.email}, true, false, d.data, ${c.dataHash}
      FROM (SELECT sm.profile_id, p.xmin AS version, ${c.raw} AS raw, ${c.data} AS data
            FROM ${source} JOIN profiles p ON p.id = sm.profile_id ${profiles}
            WHERE sm.segment_id = $2::uuid OFFSET 0) d`,
  };
}
