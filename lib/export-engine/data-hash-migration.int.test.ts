// Migration 20261130150000_data_hash_hashtextextended: acknowledged md5 hashes of the dataFields
// sent become the new hash where the list's snapshot proves the data; the rest are sent again.
// Run on rows written the old way, in a transaction rolled back at the end.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeEnginePool, enginePool } from "./engine-db";

const MIGRATION = path.resolve(__dirname, "../../prisma/migrations/20261130150000_data_hash_hashtextextended/migration.sql");

// The migration's statements, as the migration runner splits them (its comments hold no ';').
const statements = () =>
  fs
    .readFileSync(MIGRATION, "utf8")
    .split(";")
    .map((part) => part.replace(/^\s*--.*$/gm, "").trim())
    .filter((part) => part.length > 0);

describe("the data hash migration (md5 → hashtextextended)", () => {
  afterAll(closeEnginePool);

  it("converts what the snapshot proves, leaves the rest to be sent again", async () => {
    const client = await enginePool().connect();
    const list = randomUUID();
    const data = (tier: string) => `{"tier": "${tier}"}`;
    try {
      await client.query("BEGIN");
      // The old derivation: md5 of the data text, '' without dataFields.
      const snapshot = async (profileId: number, email: string, text: string | null, dup = false) =>
        client.query(
          `INSERT INTO export_list_snapshots (export_list_id, profile_id, version, fp, email, valid, dup, data, data_hash)
           VALUES ($1::uuid, $2, '1'::xid, 0, $3, true, $5, $4, coalesce(md5($4), ''))`,
          [list, profileId, email, text, dup],
        );
      await snapshot(1, "same@example.com", data("gold"));
      await snapshot(2, "changed@example.com", data("silver"));
      await snapshot(3, "none@example.com", null);
      await snapshot(4, "shared@example.com", data("gold"));
      await snapshot(5, "shared@example.com", data("bronze"), true);
      const acknowledged = [
        ["same@example.com", data("gold")],
        ["changed@example.com", data("bronze")], // acknowledged before the data changed
        ["none@example.com", null],
        ["shared@example.com", data("gold")],
        ["gone@example.com", data("gold")], // no longer in the snapshot
      ] as const;
      for (const [email, text] of acknowledged) {
        await client.query("INSERT INTO export_list_members (export_list_id, email, data_hash) VALUES ($1::uuid, $2, coalesce(md5($3), ''))", [list, email, text]);
      }

      for (const statement of statements()) await client.query(statement);

      // email → data_hash (of the snapshot, the row sent for each email: not the duplicates).
      const hashes = async (table: "export_list_snapshots" | "export_list_members") =>
        Object.fromEntries(
          (
            await client.query<{ email: string; hash: string }>(
              `SELECT email, data_hash AS hash FROM ${table} WHERE export_list_id = $1::uuid ${table === "export_list_snapshots" ? "AND NOT dup" : ""}`,
              [list],
            )
          ).rows.map((row) => [row.email, row.hash]),
        );
      const newHash = async (text: string) => (await client.query<{ h: string }>("SELECT hashtextextended($1, 0)::text AS h", [text])).rows[0]!.h;
      const md5 = async (text: string) => (await client.query<{ h: string }>("SELECT md5($1) AS h", [text])).rows[0]!.h;

      const snapshotHashes = await hashes("export_list_snapshots");
      expect(snapshotHashes).toEqual({
        "same@example.com": await newHash(data("gold")),
        "changed@example.com": await newHash(data("silver")),
        "none@example.com": "",
        "shared@example.com": await newHash(data("gold")),
      });
      const acked = await hashes("export_list_members");
      expect(acked).toEqual({
        "same@example.com": await newHash(data("gold")),
        "changed@example.com": await md5(data("bronze")),
        "none@example.com": "",
        "shared@example.com": await newHash(data("gold")),
        "gone@example.com": await md5(data("gold")),
      });
      // What the next run's diff sees: only the member whose data changed differs.
      const differing = Object.keys(snapshotHashes).filter((email) => snapshotHashes[email] !== acked[email]);
      expect(differing).toEqual(["changed@example.com"]);
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  });
});
