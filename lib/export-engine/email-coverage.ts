// Step 3 of the export form: for the chosen segments, how many members have an email in the
// chosen attribute that a run would send, and why the others would not be sent (no value, a
// value Iterable would refuse, the same email as another member). The rules are the engine's
// own (snapshot.ts): the same trim and lowercase in SQL, the same validator (lib/iterable/email.ts),
// so these counts match what a run reports.
// Fast on big segments: one scan, grouped in the database, sends each segment's distinct emails
// once with their member counts; each distinct email is validated once.
import { z } from "zod";
import { inTransaction } from "@/lib/db/bulk";
import { isValidEmail } from "@/lib/iterable";
import { normalizedEmailSql } from "./member-sql";

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

const EMAIL = normalizedEmailSql("(p.attributes ->> $2::text)");

export async function emailCoverage(input: z.input<typeof emailCoverageSchema>): Promise<EmailCoverage> {
  const { attribute, segmentIds } = emailCoverageSchema.parse(input);
  const ids = [...new Set(segmentIds)];
  const { names, rows } = await inTransaction(async (client) => {
    // One snapshot for both statements: a refresh committing between them cannot skew the counts.
    await client.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const found = await client.query<{ id: string; name: string }>("SELECT id::text AS id, name FROM segments WHERE id = ANY($1::uuid[])", [ids]);
    // One scan: each distinct email of each segment once, with how many members have it.
    const grouped = await client.query<[string, string | null, number]>({
      text: `SELECT sm.segment_id::text, ${EMAIL}, count(*)::int
             FROM segment_members sm JOIN profiles p ON p.id = sm.profile_id
             WHERE sm.segment_id = ANY($1::uuid[]) GROUP BY 1, 2`,
      values: [ids, attribute],
      rowMode: "array",
    });
    return { names: new Map(found.rows.map((row) => [row.id, row.name])), rows: grouped.rows };
  });
  const counts = new Map<string, EmailCoverageCounts>(ids.map((id) => [id, { members: 0, sent: 0, missing: 0, invalid: 0, duplicates: 0 }]));
  const validity = new Map<string, boolean>();
  for (const [segmentId, email, members] of rows) {
    const entry = counts.get(segmentId)!;
    entry.members += members;
    if (email === null || email === "") {
      entry.missing += members;
      continue;
    }
    let valid = validity.get(email);
    if (valid === undefined) validity.set(email, (valid = isValidEmail(email)));
    if (!valid) entry.invalid += members;
    else {
      entry.sent += 1;
      entry.duplicates += members - 1;
    }
  }
  // In the order chosen; segments that no longer exist are left out.
  const segments = ids.flatMap((id) => (names.has(id) ? [{ segmentId: id, segmentName: names.get(id)!, ...counts.get(id)! }] : []));
  const total = segments.reduce(
    (sum, s) => ({ members: sum.members + s.members, sent: sum.sent + s.sent, missing: sum.missing + s.missing, invalid: sum.invalid + s.invalid, duplicates: sum.duplicates + s.duplicates }),
    { members: 0, sent: 0, missing: 0, invalid: 0, duplicates: 0 },
  );
  return { attribute, segments, total };
}
