// Integration helpers for the engine: a sandbox project the engine resolves to, a worker in this
// process, and profiles/segments written with plain SQL.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { startSandboxFixture, type SandboxFixture } from "@/lib/iterable/testing/sandbox-fixture";
import type { SandboxOptions } from "@/sandbox/index";
import { stopBoss } from "@/lib/jobs/queue";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { closeEnginePool } from "../engine-db";
import { exportRunJob } from "../export-run-job";
import { createExport } from "../exports";
import type { ExportInput } from "../export-schemas";
import { setTargetResolver, type ExportTarget } from "../target";

export type EngineFixture = SandboxFixture & {
  connectionId: string;
  worker: Worker;
  targetOverrides: Partial<ExportTarget>;
  stop(): Promise<void>;
};

export async function startEngineFixture(options: { sandbox?: SandboxOptions; target?: Partial<ExportTarget>; worker?: boolean } = {}): Promise<EngineFixture> {
  const fixture = await startSandboxFixture(options.sandbox);
  const connectionId = await insertPlaceholderConnection();
  const targetOverrides: Partial<ExportTarget> = { ...options.target };
  setTargetResolver(async (id) => ({
    connectionId: id,
    apiKey: fixture.apiKey,
    region: { baseUrl: fixture.sandbox.url },
    requestsPerSecond: 1000,
    concurrency: 4,
    batchSize: 1000,
    timeoutMs: 2_000,
    retry: { maxAttempts: 5, baseDelayMs: 20, maxDelayMs: 200, maxRetryAfterMs: 5_000 },
    listNotReady: { retries: 30, delayMs: 100 },
    ...targetOverrides,
  }));
  const worker = options.worker === false
    ? { id: "none", stop: async () => {}, runningJobs: () => 0 }
    : await startWorker({ definitions: [exportRunJob], heartbeatMs: 200, sweepMs: 300, staleAfterMs: 1_500, pollingIntervalSeconds: 0.5 });
  return {
    ...fixture,
    connectionId,
    worker,
    targetOverrides,
    async stop() {
      await worker.stop();
      await stopBoss();
      setTargetResolver(undefined);
      await fixture.sandbox.close();
      await closeEnginePool();
    },
  };
}

// Exports reference a stored connection; the resolver above answers for it, so its key is
// never decrypted and can be a placeholder.
async function insertPlaceholderConnection(): Promise<string> {
  const suffix = randomUUID().slice(0, 8);
  const connection = await db().connection.create({
    data: {
      type: "ITERABLE", displayName: `Engine test ${suffix}`, nameKey: `engine test ${suffix}`, region: "SANDBOX",
      apiKeyCiphertext: "placeholder", apiKeyMasterKeyId: "placeholder", apiKeyLast4: "0000",
      checkStatus: "CONNECTED", checkedAt: new Date(), privacyNoticeVersion: "test", privacyAcceptedAt: new Date(),
    },
  });
  return connection.id;
}

/** Profiles with the given attributes (customer ids P<prefix>-<n>), returned with their ids. */
export async function addProfiles(attributes: Record<string, unknown>[], prefix = randomUUID().slice(0, 8)): Promise<bigint[]> {
  if (attributes.length === 0) return [];
  const rows = await db().$queryRaw<{ id: bigint }[]>`
    INSERT INTO profiles (customer_id, attributes)
    SELECT ${prefix} || '-' || n, a FROM unnest(${attributes.map((a) => JSON.stringify(a))}::jsonb[]) WITH ORDINALITY AS x(a, n)
    ORDER BY n RETURNING id`;
  return rows.map((row) => row.id);
}

/** Many profiles `user<i>@example.com` (i from `from`), generated in SQL. */
export async function addManyProfiles(count: number, from = 1, prefix = "bulk"): Promise<void> {
  await db().$executeRawUnsafe(
    `INSERT INTO profiles (customer_id, attributes)
     SELECT '${prefix}-' || i, jsonb_build_object('email', 'user' || i || '@example.com', 'tier', 'bronze')
     FROM generate_series(${from}, ${from + count - 1}) AS i`,
  );
}

export async function createSegment(name: string, profileIds: bigint[] = []): Promise<string> {
  const segment = await db().segment.create({ data: { name, kind: "STATIC" } });
  await setMembers(segment.id, profileIds);
  return segment.id;
}

export async function setMembers(segmentId: string, profileIds: bigint[]): Promise<void> {
  await db().$executeRaw`DELETE FROM segment_members WHERE segment_id = ${segmentId}::uuid`;
  await db().$executeRaw`INSERT INTO segment_members (segment_id, profile_id) SELECT ${segmentId}::uuid, unnest(${profileIds}::bigint[])`;
}

/** Segment members = every profile whose customer id starts with `prefix`. */
export async function setMembersByPrefix(segmentId: string, prefix: string): Promise<void> {
  await db().$executeRaw`DELETE FROM segment_members WHERE segment_id = ${segmentId}::uuid`;
  await db().$executeRaw`INSERT INTO segment_members (segment_id, profile_id) SELECT ${segmentId}::uuid, id FROM profiles WHERE customer_id LIKE ${prefix + "%"}`;
}

export async function newExport(fixture: EngineFixture, segmentIds: string[], overrides: Partial<ExportInput> = {}) {
  return createExport(null, { name: `export ${randomUUID().slice(0, 8)}`, connectionId: fixture.connectionId, emailAttribute: "email", segmentIds, ...overrides });
}

/** The emails Iterable acknowledged on the export's lists, sorted. */
export async function acknowledgedEmails(exportId: string): Promise<string[]> {
  const lists = await db().exportList.findMany({ where: { exportId }, select: { id: true } });
  const members = await db().exportListMember.findMany({ where: { exportListId: { in: lists.map((list) => list.id) } }, select: { email: true } });
  return members.map((member) => member.email).sort();
}
