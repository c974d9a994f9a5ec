// Static segments: a list of customer ids (or emails, or another text attribute) uploaded by a
// user. Saving a list stores it, re-matches it against the profiles and reports the values no
// profile has, all in one transaction with its audit entry. Nothing else refreshes them.
import type { z } from "zod";
import { inTransaction } from "@/lib/db/bulk";
import { ExpectedError } from "@/lib/errors";
import { catalogEntries } from "@/lib/profiles/attribute-catalog";
import { recordAuditSql } from "./audit-sql";
import { applyMembership, lockSegment, staticMembersSql } from "./refresh";
import { parseStaticList, STATIC_LIST_MAX, type staticSegmentSchema } from "./schemas";
import { removeStaticListFile, replaceListFromFile } from "./static-list-file";

export type StaticSegmentInput = z.output<typeof staticSegmentSchema>;
export const UNKNOWN_SAMPLE_SIZE = 20;
type Actor = { id: string; email: string } | null;

async function assertMatchBy(matchBy: string) {
  if (matchBy === "customer_id") return;
  const attribute = (await catalogEntries()).find((entry) => entry.name === matchBy);
  if (!attribute || attribute.type !== "TEXT") throw new ExpectedError("segments.static.matchByUnknown", { field: "matchBy" });
}

export async function saveStaticSegment(actor: Actor, input: StaticSegmentInput) {
  await assertMatchBy(input.matchBy);
  const caseInsensitive = input.matchBy !== "customer_id";
  const listId = input.listId || null;
  // A file streamed beforehand replaces the pasted text (the form sends one or the other).
  const values = listId ? [] : parseStaticList(input.list, caseInsensitive);
  const hasList = listId !== null || values.length > 0;
  if (values.length > STATIC_LIST_MAX) throw new ExpectedError("segments.static.tooMany", { field: "list", params: { max: STATIC_LIST_MAX } });
  if (!input.segmentId && !hasList) throw new ExpectedError("segments.static.listRequired", { field: "list" });
  try {
    const saved = await inTransaction(async (client) => {
      let segmentId = input.segmentId;
      let renamedFrom: string | undefined;
      if (segmentId) {
        const { rows } = await client.query<{ name: string; kind: string; match_by: string }>(
          "SELECT name, kind::text, match_by FROM segments WHERE id = $1::uuid FOR UPDATE", [segmentId]);
        if (!rows[0]) throw new ExpectedError("segments.notFound");
        if (rows[0].kind !== "STATIC") throw new ExpectedError("validation.tampered");
        // Matching on another attribute needs the list again: the stored values were read for the old one.
        if (!hasList && rows[0].match_by !== input.matchBy) throw new ExpectedError("segments.static.listRequired", { field: "list" });
        if (rows[0].name !== input.name) renamedFrom = rows[0].name;
        await client.query("UPDATE segments SET name = $2, description = $3, match_by = $4, updated_at = now() WHERE id = $1::uuid",
          [segmentId, input.name, input.description || null, input.matchBy]);
      } else {
        const { rows } = await client.query<{ id: string }>(
          `INSERT INTO segments (id, name, description, kind, match_by, created_by_id, updated_at)
           VALUES (gen_random_uuid(), $1, $2, 'STATIC', $3, $4::uuid, now()) RETURNING id::text`,
          [input.name, input.description || null, input.matchBy, actor?.id ?? null]);
        segmentId = rows[0]!.id;
      }
      let listDetails = {};
      if (hasList) {
        await lockSegment(client, segmentId);
        let listed = values.length;
        if (listId) listed = await replaceListFromFile(client, segmentId, listId, caseInsensitive);
        else {
          await client.query("DELETE FROM static_segment_entries WHERE segment_id = $1::uuid", [segmentId]);
          await client.query("INSERT INTO static_segment_entries (segment_id, value) SELECT $1::uuid, unnest($2::text[])", [segmentId, values]);
        }
        const members = staticMembersSql(input.matchBy);
        const result = await applyMembership(client, segmentId, members.sql, members.values);
        const unknown = await unknownEntries(client, segmentId, input.matchBy);
        await client.query("UPDATE segments SET unknown_count = $2, unknown_sample = $3::text[], defined_at = now() WHERE id = $1::uuid",
          [segmentId, unknown.count, unknown.sample]);
        listDetails = { values: listed, members: result.members, unknown: unknown.count };
      }
      await recordAuditSql(client, {
        actor,
        action: input.segmentId ? "segment.updated" : "segment.created",
        targetType: "segment",
        targetId: segmentId,
        details: { name: input.name, kind: "STATIC", matchBy: input.matchBy, ...(renamedFrom ? { renamedFrom } : {}), ...listDetails },
      });
      return { id: segmentId, ...listDetails };
    });
    if (listId) removeStaticListFile(listId);
    return saved;
  } catch (error) {
    if (error && typeof error === "object" && "code" in error && error.code === "23505") throw new ExpectedError("segments.nameTaken", { field: "name" });
    throw error;
  }
}

/** Values of the list that match no profile: how many, and the first few to show. */
async function unknownEntries(client: Parameters<typeof lockSegment>[0], segmentId: string, matchBy: string) {
  const match = matchBy === "customer_id"
    ? "SELECT 1 FROM profiles p WHERE p.customer_id = e.value"
    : "SELECT 1 FROM profiles p WHERE lower(btrim(p.attributes->>($2::text))) = e.value";
  const { rows } = await client.query<{ value: string; total: string }>(
    `SELECT e.value, count(*) OVER () AS total FROM static_segment_entries e
     WHERE e.segment_id = $1::uuid AND NOT EXISTS (${match}) ORDER BY e.value LIMIT ${UNKNOWN_SAMPLE_SIZE}`,
    matchBy === "customer_id" ? [segmentId] : [segmentId, matchBy]);
  return { count: Number(rows[0]?.total ?? 0), sample: rows.map((row) => row.value) };
}
