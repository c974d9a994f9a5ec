// The exports list's server-side search: by export, connection or segment name (current or as
// the Iterable list was named), ignoring case; wildcard characters are plain text.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { resetDatabase } from "@/lib/testing/database";
import { searchExportRows } from "./export-list";
import { createSegment } from "./testing/engine-fixture";

describe("searchExportRows", () => {
  beforeAll(async () => {
    await resetDatabase();
    const connection = await db().connection.create({
      data: {
        type: "ITERABLE", displayName: "Newsletters EU", nameKey: "newsletters eu", region: "SANDBOX", sharing: "ADMINISTRATORS",
        apiKeyCiphertext: "placeholder", apiKeyMasterKeyId: "placeholder", apiKeyLast4: "0000",
        checkStatus: "CONNECTED", checkedAt: new Date(), privacyNoticeVersion: "test", privacyAcceptedAt: new Date(),
      },
    });
    const gold = await createSegment("Gold tier");
    const lapsed = await createSegment("Lapsed 90 days");
    await db().export.create({ data: { name: "Weekly 100% gold", connectionId: connection.id, emailAttribute: "email", lists: { create: [{ segmentId: gold, listName: "Gold tier", position: 0 }] } } });
    await db().export.create({ data: { name: "Win-back", connectionId: null, emailAttribute: "email", lists: { create: [{ segmentId: lapsed, listName: "Lapsed customers", position: 0 }] } } });
    await db().exportRun.create({ data: { exportId: (await db().export.findUniqueOrThrow({ where: { name: "Win-back" } })).id, trigger: "MANUAL", status: "SKIPPED" } });
  });

  const names = async (q?: string) => (await searchExportRows(q)).map((row) => row.name);

  it("lists every export without a query, by name, with connection, segments and last run", async () => {
    expect(await names()).toEqual(["Weekly 100% gold", "Win-back"]);
    expect(await names("   ")).toEqual(["Weekly 100% gold", "Win-back"]);
    const [weekly, winBack] = await searchExportRows();
    expect(weekly).toMatchObject({ connectionName: "Newsletters EU", segments: ["Gold tier"], lastRun: null });
    expect(winBack).toMatchObject({ connectionId: null, connectionName: null, segments: ["Lapsed 90 days"], lastRun: { status: "SKIPPED" } });
  });

  it("matches the export's, the connection's and the segments' names, ignoring case", async () => {
    expect(await names("WIN")).toEqual(["Win-back"]);
    expect(await names("newsletters")).toEqual(["Weekly 100% gold"]);
    expect(await names("lapsed 90")).toEqual(["Win-back"]);
    expect(await names("lapsed customers")).toEqual(["Win-back"]); // the Iterable list's name
    expect(await names("nothing like this")).toEqual([]);
  });

  it("treats % and _ as text", async () => {
    expect(await names("100%")).toEqual(["Weekly 100% gold"]);
    expect(await names("%")).toEqual(["Weekly 100% gold"]);
    expect(await names("_")).toEqual([]);
    expect(await names("\\\\")).toEqual([]);
  });
});
