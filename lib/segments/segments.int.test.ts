// Rules against PostgreSQL (operators, bad stored data, injection values as data), refresh of
// materialised membership, static segments.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { closeBulkPool } from "@/lib/db/bulk";
import { db } from "@/lib/db/client";
import { resetDatabase } from "@/lib/testing/database";
import { previewRules } from "./preview";
import { refreshAllDynamicSegments, refreshSegment } from "./refresh";
import type { Condition, Group, Operator } from "./rules";
import { deleteSegment, saveDynamicSegment } from "./segments";
import { saveStaticListFile } from "./static-list-file";
import { saveStaticSegment } from "./static-segments";
import fs from "node:fs";
import { withConnection } from "@/lib/db/bulk";
import { uploadsDir } from "@/lib/profiles/import/uploads";
import { STATIC_LIST_MAX } from "./schemas";

const today = new Date();
const daysAgo = (days: number) => new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10);

// A small known population, including values a careless cast would crash on.
const PROFILES: [string, Record<string, unknown>][] = [
  ["A1", { country: "ES", email: "Ana@Example.com", lifetime_value: 1500, last_purchase_date: daysAgo(10), opt_in: true }],
  ["A2", { country: "es", email: "luis@example.com", lifetime_value: 50.5, last_purchase_date: daysAgo(200), opt_in: false }],
  ["A3", { country: "FR", email: "zoe@example.com", lifetime_value: "abc", last_purchase_date: "soon", opt_in: "maybe" }],
  ["A4", { country: "", lifetime_value: "2000", last_purchase_date: "2025-01-15T10:00:00Z" }],
  ["A5", { country: "50%_off", email: "x@example.org", lifetime_value: null }],
];

async function seed() {
  await db().attribute.createMany({
    data: [
      { name: "country", type: "TEXT" }, { name: "email", type: "TEXT" }, { name: "lifetime_value", type: "NUMBER" },
      { name: "last_purchase_date", type: "DATE" }, { name: "opt_in", type: "BOOLEAN" },
    ],
  });
  for (const [customerId, attributes] of PROFILES) await db().profile.create({ data: { customerId, attributes: attributes as object } });
}

const cond = (attribute: string, operator: Operator, ...values: string[]): Condition => ({ type: "condition", attribute, operator, values });
const and = (...children: Group["children"]): Group => ({ type: "group", combinator: "and", children });
const or = (...children: Group["children"]): Group => ({ type: "group", combinator: "or", children });
const ids = async (rules: Group) => (await previewRules(rules)).sample.map((profile) => profile.customerId).sort();
const actor = null;

afterAll(closeBulkPool);

describe("segment rules against PostgreSQL", () => {
  beforeEach(async () => {
    await resetDatabase();
    await seed();
  });

  it("evaluates every operator, without failing on bad stored values", async () => {
    const cases: [Condition, string[]][] = [
      [cond("country", "equals", "ES"), ["A1", "A2"]],
      [cond("country", "not_equals", "ES"), ["A3", "A4", "A5"]],
      [cond("email", "contains", "EXAMPLE.COM"), ["A1", "A2", "A3"]],
      [cond("country", "contains", "%_"), ["A5"]],
      [cond("email", "starts_with", "ana"), ["A1"]],
      [cond("country", "in_list", "fr", "ES"), ["A1", "A2", "A3"]],
      [cond("country", "is_empty"), ["A4"]],
      [cond("email", "is_empty"), ["A4"]],
      [cond("country", "is_not_empty"), ["A1", "A2", "A3", "A5"]],
      [cond("lifetime_value", "greater_than", "1000"), ["A1", "A4"]],
      [cond("lifetime_value", "less_than", "100"), ["A2"]],
      [cond("lifetime_value", "between", "50.5", "1500"), ["A1", "A2"]],
      [cond("lifetime_value", "equals", "2000"), ["A4"]],
      [cond("lifetime_value", "not_equals", "2000"), ["A1", "A2", "A3", "A5"]],
      [cond("lifetime_value", "in_list", "1500", "2000"), ["A1", "A4"]],
      [cond("lifetime_value", "is_empty"), ["A5"]],
      [cond("last_purchase_date", "before", "2026-01-01"), ["A4"]],
      [cond("last_purchase_date", "after", daysAgo(30)), ["A1"]],
      [cond("last_purchase_date", "equals", "2025-01-15"), ["A4"]],
      [cond("last_purchase_date", "between", daysAgo(365), daysAgo(100)), ["A2"]],
      [cond("last_purchase_date", "within_last_days", "30"), ["A1"]],
      [cond("last_purchase_date", "more_than_days_ago", "90"), ["A2", "A4"]],
      [cond("opt_in", "is_true"), ["A1"]],
      [cond("opt_in", "is_false"), ["A2"]],
      [cond("opt_in", "is_not_empty"), ["A1", "A2", "A3"]],
    ];
    for (const [condition, expected] of cases) {
      expect(await ids(and(condition)), `${condition.attribute} ${condition.operator} ${condition.values.join(",")}`).toEqual(expected);
    }
  });

  it("combines nested groups and counts", async () => {
    const rules = and(cond("email", "is_not_empty"), or(cond("country", "equals", "FR"), and(cond("lifetime_value", "greater_than", "1000"), cond("opt_in", "is_true"))));
    expect(await previewRules(rules)).toMatchObject({ count: 2 });
    expect(await ids(rules)).toEqual(["A1", "A3"]);
    expect((await previewRules(and(or()))).count).toBe(5);
  });

  it("treats injection attempts as data: nothing matches, nothing is dropped", async () => {
    for (const attempt of ["'; DROP TABLE profiles; --", "ES' OR '1'='1", "x'); DELETE FROM profiles; --", "' OR 1=1 --"]) {
      for (const operator of ["equals", "contains", "starts_with", "in_list", "not_equals"] as const) {
        const { count } = await previewRules(and(cond("country", operator, attempt)));
        expect(count, `${operator} ${attempt}`).toBe(operator === "not_equals" ? 5 : 0);
      }
    }
    expect(await db().profile.count()).toBe(5);
    // The value is compared as typed: a profile holding that very text matches it.
    await db().profile.create({ data: { customerId: "A6", attributes: { country: "ES' OR '1'='1" } } });
    expect(await ids(and(cond("country", "equals", "ES' OR '1'='1")))).toEqual(["A6"]);
  });
});

describe("segment refresh", () => {
  beforeEach(async () => {
    await resetDatabase();
    await seed();
  });

  const memberIds = async (segmentId: string) => {
    const members = await db().segmentMember.findMany({ where: { segmentId } });
    const profiles = await db().profile.findMany({ where: { id: { in: members.map((member) => member.profileId) } } });
    return profiles.map((profile) => profile.customerId).sort();
  };

  it("materialises membership and applies only the difference", async () => {
    const segment = await saveDynamicSegment(actor, { name: "Spain", description: "", rules: and(cond("country", "equals", "ES")) });
    expect(await refreshSegment(segment.id)).toMatchObject({ members: 2, added: 2, removed: 0 });
    expect(await memberIds(segment.id)).toEqual(["A1", "A2"]);

    await db().profile.update({ where: { customerId: "A2" }, data: { attributes: { country: "PT" } } });
    await db().profile.update({ where: { customerId: "A3" }, data: { attributes: { country: "Es" } } });
    const result = await refreshSegment(segment.id);
    expect(result).toMatchObject({ members: 2, added: 1, removed: 1 });
    expect(await memberIds(segment.id)).toEqual(["A1", "A3"]);
    const stored = await db().segment.findUniqueOrThrow({ where: { id: segment.id } });
    expect(stored.memberCount).toBe(2);
    expect(stored.lastRefreshedAt).toBeInstanceOf(Date);
    expect(await refreshSegment(segment.id)).toMatchObject({ members: 2, added: 0, removed: 0 });

    // No foreign key on segment_members: deleting the segment removes its members itself.
    await deleteSegment(actor, { segmentId: segment.id });
    expect(await db().segmentMember.count()).toBe(0);
  });

  it("refreshes every dynamic segment and leaves static ones alone", async () => {
    const rich = await saveDynamicSegment(actor, { name: "Rich", description: "", rules: and(cond("lifetime_value", "greater_than", "1000")) });
    const french = await saveDynamicSegment(actor, { name: "French", description: "", rules: and(cond("country", "equals", "FR")) });
    const vip = await saveStaticSegment(actor, { name: "VIP", description: "", matchBy: "customer_id", list: "A5" });
    await db().profile.delete({ where: { customerId: "A5" } });
    const progress: number[] = [];
    const { refreshed, failed } = await refreshAllDynamicSegments({ onProgress: (done) => void progress.push(done) });
    expect(failed).toEqual([]);
    expect(refreshed.map((result) => [result.segmentId, result.members]).sort()).toEqual([[french.id, 1], [rich.id, 2]].sort());
    expect(progress).toEqual([0, 1, 2]);
    expect((await db().segment.findUniqueOrThrow({ where: { id: vip.id } })).lastRefreshedAt).not.toBeNull();
  });
});

describe("static segments", () => {
  beforeEach(async () => {
    await resetDatabase();
    await seed();
  });

  it("match an uploaded list of customer ids and report the unknown ones", async () => {
    const saved = await saveStaticSegment(actor, { name: "VIP", description: "", matchBy: "customer_id", list: "A1\nA3, A3\n\"Z9\"\nZ8\n" });
    expect(saved).toMatchObject({ values: 4, members: 2, unknown: 2 });
    const segment = await db().segment.findUniqueOrThrow({ where: { id: saved.id } });
    expect(segment).toMatchObject({ kind: "STATIC", memberCount: 2, unknownCount: 2, unknownSample: ["Z8", "Z9"] });

    // A new upload replaces the list; an edit without a list keeps it.
    await saveStaticSegment(actor, { segmentId: saved.id, name: "VIP 2", description: "", matchBy: "customer_id", list: "A2" });
    await saveStaticSegment(actor, { segmentId: saved.id, name: "VIP renamed", description: "", matchBy: "customer_id", list: "" });
    const after = await db().segment.findUniqueOrThrow({ where: { id: saved.id } });
    expect(after).toMatchObject({ name: "VIP renamed", memberCount: 1, unknownCount: 0 });
    expect((await db().segmentMember.findMany({ where: { segmentId: saved.id } })).length).toBe(1);
    expect(await db().auditLog.count({ where: { targetId: saved.id } })).toBe(3);
  });

  it("match emails trimmed and case-insensitively", async () => {
    const saved = await saveStaticSegment(actor, { name: "By email", description: "", matchBy: "email", list: " ANA@example.com \nnobody@example.com" });
    expect(saved).toMatchObject({ members: 1, unknown: 1 });
  });

  it("refuse an unknown attribute to match on, an empty first list and a taken name", async () => {
    await expect(saveStaticSegment(actor, { name: "X", description: "", matchBy: "lifetime_value", list: "1" })).rejects.toMatchObject({ messageKey: "segments.static.matchByUnknown" });
    await expect(saveStaticSegment(actor, { name: "X", description: "", matchBy: "customer_id", list: " \n" })).rejects.toMatchObject({ messageKey: "segments.static.listRequired" });
    await saveDynamicSegment(actor, { name: "Taken", description: "", rules: and(cond("country", "is_empty")) });
    await expect(saveStaticSegment(actor, { name: "Taken", description: "", matchBy: "customer_id", list: "A1" })).rejects.toMatchObject({ messageKey: "segments.nameTaken" });
    expect(await db().segment.count()).toBe(1);
  });

  it("take a list of 200,000 ids streamed as a file (over a server action's 1 MB), and replace it with another file", async () => {
    await withConnection((client) => client.query(
      "INSERT INTO profiles (customer_id, attributes, updated_at) SELECT 'S' || i, jsonb_build_object('email', 'S' || i || '@Example.com'), now() FROM generate_series(1, 200000) AS i"));
    await withConnection((client) => client.query("ANALYZE profiles"));
    const ids = Array.from({ length: 200_000 }, (_, i) => `S${i + 1}`);
    const text = `customer_id\r\n${ids.join("\r\n")}\r\n"S7", NOT-A-CUSTOMER\r\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(1024 * 1024);
    expect(ids.length).toBeGreaterThan(STATIC_LIST_MAX);
    const file = await saveStaticListFile(new Blob([text]).stream());
    expect(file.values).toBe(200_003); // as read, before de-duplication: the header, the ids, S7 again and the unknown one

    const saved = await saveStaticSegment(actor, { name: "Big list", description: "", matchBy: "customer_id", list: "", listId: file.listId });
    expect(saved).toMatchObject({ values: 200_002, members: 200_000, unknown: 2 });
    const segment = await db().segment.findUniqueOrThrow({ where: { id: saved.id } });
    expect(segment).toMatchObject({ memberCount: 200_000, unknownCount: 2, unknownSample: ["NOT-A-CUSTOMER", "customer_id"] });
    expect(await db().segmentMember.count({ where: { segmentId: saved.id } })).toBe(200_000);
    // The file is gone once saved: its id cannot be used twice.
    expect(fs.readdirSync(uploadsDir()).some((name) => name.startsWith(file.listId))).toBe(false);
    await expect(saveStaticSegment(actor, { segmentId: saved.id, name: "Big list", description: "", matchBy: "customer_id", list: "", listId: file.listId }))
      .rejects.toMatchObject({ messageKey: "profiles.import.uploadGone" });

    // Another file, matched on emails (trimmed, case-insensitive): it replaces the list.
    const emails = await saveStaticListFile(new Blob(["s1@example.com\n  S2@EXAMPLE.COM ;s2@example.com\nnobody@example.com\n"]).stream());
    const again = await saveStaticSegment(actor, { segmentId: saved.id, name: "Big list", description: "", matchBy: "email", list: "", listId: emails.listId });
    expect(again).toMatchObject({ values: 3, members: 2, unknown: 1 });
    expect(await db().staticSegmentEntry.count({ where: { segmentId: saved.id } })).toBe(3);
  }, 180_000);

  it("refuse an empty list file", async () => {
    await expect(saveStaticListFile(new Blob([" \n,\n"]).stream())).rejects.toMatchObject({ messageKey: "segments.static.listRequired" });
  });
});
