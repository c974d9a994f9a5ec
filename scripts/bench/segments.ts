// Benchmark: segment refresh over 1,000,000 profiles, the live count, and the queries behind the
// profiles table and the segment page; with --url, the real server response of those pages.
//   FERRY_PG_PORT=54441 npx tsx scripts/bench/segments.ts [--url http://localhost:3441] [--http-only]
// (--http-only: only the server responses, on the largest existing segment; with the app running
// on the same database, pass its DATABASE_URL.)
import { openBenchDatabase, timed } from "./bench-db";
import type { Group } from "@/lib/segments/rules";

const BENCH: { name: string; rules: Group }[] = [
  {
    name: "Bench: valuable in ES, MX or US",
    rules: { type: "group", combinator: "and", children: [
      { type: "condition", attribute: "lifetime_value", operator: "greater_than", values: ["2000"] },
      { type: "condition", attribute: "country", operator: "in_list", values: ["ES", "MX", "US"] },
    ] },
  },
  {
    name: "Bench: lapsed (large)",
    rules: { type: "group", combinator: "or", children: [
      { type: "condition", attribute: "last_purchase_date", operator: "before", values: ["2026-08-03"] },
      { type: "condition", attribute: "last_purchase_date", operator: "is_empty", values: [] },
    ] },
  },
];

async function main() {
  const urlFlag = process.argv.indexOf("--url");
  const baseUrl = urlFlag > 0 ? process.argv[urlFlag + 1] : null;
  const database = await openBenchDatabase(1_000_000);
  try {
    const { db } = await import("@/lib/db/client");
    const { saveDynamicSegment } = await import("@/lib/segments/segments");
    const { refreshSegment, refreshAllDynamicSegments } = await import("@/lib/segments/refresh");
    const { previewRules, listMembers } = await import("@/lib/segments/preview");
    const { listProfiles } = await import("@/lib/profiles/profiles");
    const { countAttributeValues } = await import("@/lib/profiles/attribute-counts");
    console.log(`profiles: ${(await db().profile.count()).toLocaleString("en")}`);
    if (baseUrl && process.argv.includes("--http-only")) {
      const largest = await db().segment.findFirstOrThrow({ orderBy: { memberCount: "desc" } });
      console.log(`segment "${largest.name}": ${largest.memberCount.toLocaleString("en")} members`);
      await httpTimings(baseUrl, largest.id);
      return;
    }
    const ids: string[] = [];
    for (const bench of BENCH) {
      const existing = await db().segment.findUnique({ where: { name: bench.name } });
      const segment = existing ?? (await saveDynamicSegment(null, { name: bench.name, description: "benchmark", rules: bench.rules }));
      ids.push(segment.id);
      await db().segmentMember.deleteMany({ where: { segmentId: segment.id } });
      const first = await timed(`refresh "${bench.name}" from empty`, () => refreshSegment(segment.id));
      console.log(`  members ${first.members.toLocaleString("en")}`);
      await timed(`refresh "${bench.name}" again (no change)`, () => refreshSegment(segment.id));
      await timed(`live count of "${bench.name}"`, () => previewRules(bench.rules));
    }
    // An everyday refresh: the rules changed a little, some members join and some leave.
    const shifted: Group = { ...BENCH[0]!.rules, children: [{ type: "condition", attribute: "lifetime_value", operator: "greater_than", values: ["2100"] }, BENCH[0]!.rules.children[1]!] };
    await saveDynamicSegment(null, { segmentId: ids[0]!, name: BENCH[0]!.name, description: "benchmark", rules: shifted });
    const changed = await timed(`refresh "${BENCH[0]!.name}" after its rule changed`, () => refreshSegment(ids[0]!));
    console.log(`  members ${changed.members.toLocaleString("en")}, joined ${changed.added.toLocaleString("en")}, left ${changed.removed.toLocaleString("en")}`);
    await saveDynamicSegment(null, { segmentId: ids[0]!, name: BENCH[0]!.name, description: "benchmark", rules: BENCH[0]!.rules });
    const all = await timed("refresh all dynamic segments", () => refreshAllDynamicSegments());
    console.log(`  ${all.refreshed.length} segments, ${all.refreshed.reduce((sum, result) => sum + result.members, 0).toLocaleString("en")} memberships`);
    await timed("attribute value counts (job body)", () => countAttributeValues());

    await timed("profiles page 1", () => listProfiles({}));
    await timed("profiles page after id 900,000", () => listProfiles({ after: 900_000n }));
    await timed("profiles search: customer id", () => listProfiles({ query: "C00765432" }));
    await timed("profiles search: email (exact, any text attribute)", () => listProfiles({ query: "ana.garcia.1234@example.com" }));
    await timed("profiles search: city Madrid (many matches)", () => listProfiles({ query: "Madrid" }));
    await timed("profiles search: no match", () => listProfiles({ query: "nothing-like-this" }));
    await timed("segment members page 1 (large segment)", () => listMembers(ids[1]!, null));
    await timed("segment members deep page (large segment)", () => listMembers(ids[1]!, 800_000n));

    if (baseUrl) await httpTimings(baseUrl, ids[1]!);
  } finally {
    await database.close();
  }
}

async function httpTimings(baseUrl: string, segmentId: string) {
  const { DEMO_USERS } = await import("@/lib/users/demo-accounts");
  const admin = DEMO_USERS.find((user) => user.role === "ADMINISTRATOR")!;
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const cookies = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const login = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST", redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies },
    body: new URLSearchParams({ csrfToken, email: admin.email, password: admin.password, json: "true" }),
  });
  const session = [cookies, ...login.headers.getSetCookie().map((cookie) => cookie.split(";")[0])].join("; ");
  const pages = [
    "/profiles", "/profiles?after=900000", "/profiles?q=Madrid", "/profiles?q=ana.garcia.1234@example.com", "/profiles?q=C00765432",
    "/profiles/C00765432", "/profiles/attributes", "/segments", `/segments/${segmentId}`, `/segments/${segmentId}?after=800000`,
    `/segments/${segmentId}/edit`,
  ];
  for (const path of pages) {
    await fetch(`${baseUrl}${path}`, { headers: { Cookie: session } }); // warm up
    const times: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      const started = performance.now();
      const response = await fetch(`${baseUrl}${path}`, { headers: { Cookie: session } });
      await response.text();
      if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`HTTP GET ${path.padEnd(50)} median ${times[2]!.toFixed(0).padStart(5)} ms, max ${times[4]!.toFixed(0)} ms`);
  }
  // The rule editor's live count ("this rule matches N profiles"): a count over every profile,
  // not a page load; its own figure.
  for (const bench of BENCH) {
    const times: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      const started = performance.now();
      const response = await fetch(`${baseUrl}/api/segments/preview`, {
        method: "POST", headers: { Cookie: session, "Content-Type": "application/json" }, body: JSON.stringify({ rules: bench.rules }),
      });
      await response.text();
      if (response.status !== 200) throw new Error(`preview: HTTP ${response.status}`);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`HTTP POST /api/segments/preview (${bench.name})`.padEnd(59), `median ${times[1]!.toFixed(0).padStart(5)} ms, max ${times[2]!.toFixed(0)} ms`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
