// Step 3 of the export form: for the chosen segments, how many members have an email in the
// chosen attribute that a run would send, and why the others would not be sent (no value, a
// value Iterable would refuse, the same email as another member). The rules are the engine's
// own (planner.ts): the same trim and lowercase in SQL, the same validator (lib/iterable/email.ts),
// so these counts match what a run reports.
// Fast on big segments: the database sends each distinct email once to be validated, then counts
// per segment in one set-based statement with the invalid ones as an array parameter.
import { z } from "zod";
import { inTransaction } from "@/lib/db/bulk";
import { isValidEmail } from "@/lib/iterable";
import { TRIM_CHARS } from "./planner";

export const emailCoverageSchema = z.object({
  attribute: z.string().trim().min(1).max(200),
  segmentIds: z.array(z.uuid()).min(1).max(50),
});

export type EmailCoverageCounts = {
  members: number;
  /** Distinct valid emails: what a run would send (one per person). */
  sent: number;
  missing: number;
  invalid: number;
  /** Members with a valid email another member of the segment also has. */
  duplicates: number;
};
export type EmailCoverageSegment = EmailCoverageCounts & { segmentId: string; segmentName: string };
export type EmailCoverage = { attribute: string; segments: EmailCoverageSegment[]; total: EmailCoverageCounts };

const EMAIL = `lower(btrim(p.attributes ->> $2::text, ${TRIM_CHARS}))`;

export async function emailCoverage(input: z.input<typeof emailCoverageSchema>): Promise<EmailCoverage> {
  const { attribute, segmentIds } = emailCoverageSchema.parse(input);
  const ids = [...new Set(segmentIds)];
  const rows = await inTransaction(async (client) => {
    // One snapshot for both statements: a refresh committing between them cannot skew the counts.
    await client.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const distinct = await client.query<[string]>({
      text: `SELECT DISTINCT ${EMAIL} FROM segment_members sm JOIN profiles p ON p.id = sm.profile_id
             WHERE sm.segment_id = ANY($1::uuid[]) AND ${EMAIL} <> ''`,
      values: [ids, attribute],
      rowMode: "array",
    });
    const invalid = distinct.rows.map((row) => row[0]).filter((email) => !isValidEmail(email));
    const counted = await client.query<{ id: string; name: string; members: string; missing: string; invalid: string; sent: string }>(
      `WITH m AS (
         SELECT sm.segment_id, ${EMAIL} AS email
         FROM segment_members sm JOIN profiles p ON p.id = sm.profile_id
         WHERE sm.segment_id = ANY($1::uuid[])
       ), bad AS (SELECT DISTINCT unnest($3::text[]) AS email)
       SELECT s.id::text AS id, s.name,
         count(m.segment_id) AS members,
         count(*) FILTER (WHERE m.segment_id IS NOT NULL AND (m.email IS NULL OR m.email = '')) AS missing,
         count(b.email) AS invalid,
         count(DISTINCT m.email) FILTER (WHERE m.email <> '' AND b.email IS NULL) AS sent
       FROM segments s
       LEFT JOIN m ON m.segment_id = s.id
       LEFT JOIN bad b ON b.email = m.email
       WHERE s.id = ANY($1::uuid[])
       GROUP BY s.id, s.name`,
      [ids, attribute, invalid],
    );
    return counted.rows;
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  // In the order chosen; segments that no longer exist are left out.
  const segments = ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const members = Number(row.members);
    const missing = Number(row.missing);
    const invalid = Number(row.invalid);
    const sent = Number(row.sent);
    return [{ segmentId: id, segmentName: row.name, members, sent, missing, invalid, duplicates: members - missing - invalid - sent }];
  });
  const total = segments.reduce(
    (sum, s) => ({ members: sum.members + s.members, sent: sum.sent + s.sent, missing: sum.missing + s.missing, invalid: sum.invalid + s.invalid, duplicates: sum.duplicates + s.duplicates }),
    { members: 0, sent: 0, missing: 0, invalid: 0, duplicates: 0 },
  );
  return { attribute, segments, total };
}
