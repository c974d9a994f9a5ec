// Exports as the UI and the CLI manage them: create, update, duplicate, remove, detach, list.
// Permission checks belong to the callers (server actions, CLI); every change is audited here.
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import { db, type Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { ExpectedError } from "@/lib/errors";
import { dropListTablesSql } from "./ack-partitions";
import { exportInputSchema, type ExportInput } from "./export-schemas";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Bindings go with their acknowledged state (export_list_members has no foreign key to cascade):
 * their own tables of it are dropped (ack-partitions.ts), then what is left of them elsewhere
 * (the default partition) is deleted, instead of deleting a million rows to drop their table.
 */
async function removeBindingsIn(tx: Tx, where: Prisma.ExportListWhereInput) {
  const lists = await tx.exportList.findMany({ where, select: { id: true } });
  if (lists.length === 0) return;
  const ids = lists.map((list) => list.id);
  for (const sql of dropListTablesSql(ids)) await tx.$executeRawUnsafe(sql);
  await tx.exportListMember.deleteMany({ where: { exportListId: { in: ids } } });
  await tx.exportList.deleteMany({ where: { id: { in: ids } } });
}

const withLists = { lists: { orderBy: { position: "asc" as const } } };

export async function createExport(actor: AuditActor, input: ExportInput) {
  const settings = exportInputSchema.parse(input);
  const segments = await segmentsByIds(settings.segmentIds);
  try {
    return await db().$transaction(async (tx) => {
      const created = await tx.export.create({
        data: {
          ...columns(settings),
          createdById: actor?.id ?? null,
          // Each segment becomes its own Iterable list named exactly after it (at this moment).
          lists: { create: segments.map((segment, position) => ({ segmentId: segment.id, listName: segment.name, position })) },
        },
        include: withLists,
      });
      await recordAudit(tx, { actor, action: "export.create", targetType: "export", targetId: created.id, details: { name: created.name, segments: segments.map((s) => s.name) } });
      return created;
    });
  } catch (error) {
    throw nameTaken(error);
  }
}

/** Segments added get a new binding (list named after the segment now); removed ones are unbound. */
export async function updateExport(actor: AuditActor, id: string, input: ExportInput) {
  const settings = exportInputSchema.parse(input);
  const segments = await segmentsByIds(settings.segmentIds);
  try {
    return await db().$transaction(async (tx) => {
      const existing = await tx.export.findUnique({ where: { id }, include: withLists });
      if (!existing) throw new ExpectedError("exports.error.notFound", { status: 404 });
      const wanted = new Set(settings.segmentIds);
      await removeBindingsIn(tx, { exportId: id, segmentId: { notIn: [...wanted] } });
      const bound = new Set(existing.lists.map((l) => l.segmentId));
      let position = existing.lists.length;
      for (const segment of segments) {
        if (!bound.has(segment.id)) await tx.exportList.create({ data: { exportId: id, segmentId: segment.id, listName: segment.name, position: position++ } });
      }
      const updated = await tx.export.update({ where: { id }, data: columns(settings), include: withLists });
      await recordAudit(tx, { actor, action: "export.update", targetType: "export", targetId: id, details: { name: updated.name } });
      return updated;
    });
  } catch (error) {
    throw nameTaken(error);
  }
}

export async function duplicateExport(actor: AuditActor, id: string, name?: string) {
  const source = await getExport(id);
  const copyName = name ?? (await freeCopyName(source.name));
  return createExport(actor, {
    name: copyName,
    connectionId: source.connectionId,
    emailAttribute: source.emailAttribute,
    dataFields: source.dataFields as ExportInput["dataFields"],
    mode: source.mode,
    scheduleKind: source.scheduleKind,
    schedule: (source.schedule as Record<string, unknown> | null) ?? null,
    maxRemovalShare: source.maxRemovalShare,
    batchSize: source.batchSize,
    segmentIds: source.lists.map((l) => l.segmentId),
  });
}

/** Removes the export, its runs and its acknowledged state. The Iterable lists stay as they are. */
export async function removeExport(actor: AuditActor, id: string) {
  return db().$transaction(async (tx) => {
    await assertNoRunUnderWay(tx, id);
    return removeExportIn(tx, actor, id);
  });
}

/** A detached export keeps its settings, shows "No connection" and does not run. */
export async function detachExport(actor: AuditActor, id: string) {
  return db().$transaction(async (tx) => {
    await assertNoRunUnderWay(tx, id);
    return detachExportIn(tx, actor, id);
  });
}

/** For the connections domain: when a connection is removed, detach or remove its exports. */
export async function releaseExportsOfConnection(actor: AuditActor, connectionId: string, choice: "detach" | "remove") {
  return db().$transaction((tx) => releaseExportsOfConnectionIn(tx, actor, connectionId, choice));
}

/**
 * The same inside the caller's transaction, so a connection's removal and what happens to its
 * exports commit together (or not at all). Answers the names of the exports released.
 */
export async function releaseExportsOfConnectionIn(tx: Tx, actor: AuditActor, connectionId: string, choice: "detach" | "remove") {
  const affected = await tx.export.findMany({ where: { connectionId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  for (const { id } of affected) {
    if (choice === "detach") await detachExportIn(tx, actor, id, connectionId);
    else await removeExportIn(tx, actor, id);
  }
  return affected.map((e) => e.name);
}

async function removeExportIn(tx: Tx, actor: AuditActor, id: string) {
  const existing = await tx.export.findUnique({ where: { id } });
  if (!existing) throw new ExpectedError("exports.error.notFound", { status: 404 });
  await removeBindingsIn(tx, { exportId: id });
  await tx.export.delete({ where: { id } });
  await recordAudit(tx, { actor, action: "export.remove", targetType: "export", targetId: id, details: { name: existing.name, connectionId: existing.connectionId } });
  return existing;
}

async function detachExportIn(tx: Tx, actor: AuditActor, id: string, connectionId?: string) {
  const existing = await tx.export.findUnique({ where: { id }, select: { connectionId: true } });
  if (!existing) throw new ExpectedError("exports.error.notFound", { status: 404 });
  const updated = await tx.export.update({ where: { id }, data: { connectionId: null } });
  await recordAudit(tx, { actor, action: "export.detach", targetType: "export", targetId: id, details: { name: updated.name, connectionId: connectionId ?? existing.connectionId } });
  return updated;
}

// A run in flight writes to its run row and reads the connection: removing or detaching under
// it would fail the run half-way. The user cancels it first (or waits for it to end).
async function assertNoRunUnderWay(tx: Tx, exportId: string) {
  const running = await tx.exportRun.count({ where: { exportId, status: { in: ["QUEUED", "RUNNING"] } } });
  if (running > 0) throw new ExpectedError("exports.error.runUnderWay", { status: 409 });
}

export async function getExport(id: string) {
  const found = await db().export.findUnique({ where: { id }, include: withLists });
  if (!found) throw new ExpectedError("exports.error.notFound", { status: 404 });
  return found;
}

export async function findExportByName(name: string) {
  return db().export.findUnique({ where: { name }, include: withLists });
}

/** The exports list: settings, segments and the last run (status and time). */
export async function listExports() {
  const exports = await db().export.findMany({
    orderBy: { name: "asc" },
    include: { lists: { orderBy: { position: "asc" }, include: { segment: { select: { name: true } } } }, runs: { orderBy: { createdAt: "desc" }, take: 1 } },
  });
  return exports.map(({ runs, ...rest }) => ({ ...rest, lastRun: runs[0] ?? null }));
}

export async function connectionExportCount(connectionId: string): Promise<number> {
  return db().export.count({ where: { connectionId } });
}

function columns(settings: ReturnType<typeof exportInputSchema.parse>) {
  return {
    name: settings.name,
    connectionId: settings.connectionId,
    emailAttribute: settings.emailAttribute,
    dataFields: settings.dataFields as Prisma.InputJsonValue,
    mode: settings.mode,
    scheduleKind: settings.scheduleKind,
    schedule: settings.schedule === null ? Prisma.DbNull : (settings.schedule as Prisma.InputJsonValue),
    maxRemovalShare: settings.maxRemovalShare,
    batchSize: settings.batchSize,
  };
}

async function segmentsByIds(ids: string[]) {
  const unique = [...new Set(ids)];
  const segments = await db().segment.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  if (segments.length !== unique.length) throw new ExpectedError("exports.error.segmentNotFound", { field: "segmentIds" });
  return unique.map((id) => segments.find((s) => s.id === id)!);
}

async function freeCopyName(name: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? `${name} (copy)` : `${name} (copy ${n})`;
    if (!(await db().export.findUnique({ where: { name: candidate }, select: { id: true } }))) return candidate;
  }
}

function nameTaken(error: unknown): unknown {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    return new ExpectedError("exports.error.nameTaken", { field: "name" });
  }
  return error;
}
