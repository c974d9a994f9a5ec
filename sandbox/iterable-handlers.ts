import { isValidEmail } from "../lib/iterable/email";
import { iterableError } from "./http-util";
import type { SandboxList, SandboxProject, SandboxState } from "./state";
import type { SandboxStats } from "./stats";

// Iterable semantics for the endpoints Ferry uses (iterable-api.md, "Endpoints used").
// Emails are validated with the same Commons-EmailValidator port the client exports and stored
// lowercased; invalid ones are echoed as sent. Partial success is HTTP 200 with failCount and
// failedUpdates carrying all ten arrays.

export type Reply =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; text: string; headers?: Record<string, string> };

export interface HandlerContext {
  state: SandboxState;
  project: SandboxProject;
  stats: SandboxStats;
  nowMs: number;
  listNotReadyMs: number;
}

type FailedUpdates = Record<
  | "invalidEmails"
  | "invalidUserIds"
  | "notFoundEmails"
  | "notFoundUserIds"
  | "forgottenEmails"
  | "forgottenUserIds"
  | "conflictEmails"
  | "conflictUserIds"
  | "invalidDataEmails"
  | "invalidDataUserIds",
  string[]
>;

const emptyFailures = (): FailedUpdates => ({
  invalidEmails: [],
  invalidUserIds: [],
  notFoundEmails: [],
  notFoundUserIds: [],
  forgottenEmails: [],
  forgottenUserIds: [],
  conflictEmails: [],
  conflictUserIds: [],
  invalidDataEmails: [],
  invalidDataUserIds: [],
});

const badParams = (msg: string): Reply => ({ status: 400, json: iterableError(msg, "BadParams") });

// Seen from Iterable: an unknown (or just-created, not yet replicated) list id answers HTTP 400
// with code "Success" (iterable-api.md, behaviour 2 and 4).
const unknownList = (listId: unknown): Reply => ({
  status: 400,
  json: iterableError(`Invalid list id: ${String(listId)}`, "Success"),
});

function findList(ctx: HandlerContext, listId: unknown): SandboxList | undefined {
  if (typeof listId !== "number" || !Number.isSafeInteger(listId)) return undefined;
  const list = ctx.project.lists.get(listId);
  if (!list) return undefined;
  if (ctx.listNotReadyMs > 0 && ctx.nowMs - list.createdAt < ctx.listNotReadyMs) return undefined;
  return list;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function getLists(ctx: HandlerContext): Reply {
  const lists = [...ctx.project.lists.values()].map((l) => ({
    id: l.id,
    name: l.name,
    ...(l.description !== undefined ? { description: l.description } : {}),
    listType: "Standard",
    createdAt: l.createdAt,
  }));
  return { status: 200, json: { lists } };
}

export function createList(ctx: HandlerContext, body: unknown): Reply {
  if (!isObject(body) || typeof body.name !== "string" || body.name.trim() === "") return badParams("name is required");
  if (body.description !== undefined && typeof body.description !== "string") return badParams("description must be a string");
  const list = ctx.state.createList(ctx.project, body.name, body.description, ctx.nowMs);
  return { status: 200, json: { listId: list.id } };
}

export function deleteList(ctx: HandlerContext, listId: number): Reply {
  const list = findList(ctx, listId);
  if (!list) return unknownList(listId);
  if (list.inUse) return { status: 409, json: iterableError("List is in use", "BadParams") };
  ctx.state.deleteList(ctx.project, list.id);
  return { status: 200, json: iterableError(`Deleted list ${list.id}`, "Success") };
}

export function getUsers(ctx: HandlerContext, listId: number): Reply {
  const list = findList(ctx, listId);
  if (!list) return unknownList(listId);
  const text = list.members.size === 0 ? "" : `${[...list.members].join("\n")}\n`;
  return { status: 200, text };
}

export function size(ctx: HandlerContext, listId: number): Reply {
  const list = findList(ctx, listId);
  if (!list) return unknownList(listId);
  return { status: 200, text: String(list.members.size) };
}

// `profile`: the stored user, looked up once per row (only when its data is checked).
type RowVerdict = { kind: "ok"; email: string; profile?: Record<string, unknown> } | { kind: keyof FailedUpdates; echo: string };

// The sandbox sits on the benchmark's two cores beside the engine: each row costs as few hash
// lookups and copies as the behaviour allows (a million rows per export).
function judgeRow(ctx: HandlerContext, row: unknown, checkData: boolean): RowVerdict {
  const raw = isObject(row) ? row.email : undefined;
  if (typeof raw !== "string") return { kind: "invalidEmails", echo: typeof raw === "undefined" ? "" : String(raw) };
  const email = raw.toLowerCase();
  if (!isValidEmail(email)) return { kind: "invalidEmails", echo: raw };
  const { forgotten, conflicts } = ctx.project;
  if (forgotten.size > 0 && forgotten.has(email)) return { kind: "forgottenEmails", echo: email };
  if (conflicts.size > 0 && conflicts.has(email)) return { kind: "conflictEmails", echo: email };
  if (!checkData) return { kind: "ok", email };
  const profile = ctx.project.users.get(email);
  if (isObject(row) && row.dataFields !== undefined && !dataFieldsFit(profile, row.dataFields)) {
    return { kind: "invalidDataEmails", echo: email };
  }
  return { kind: "ok", email, profile };
}

// "When updating an existing field, you cannot change its data type" (bulkUpdate description).
function dataFieldsFit(profile: Record<string, unknown> | undefined, dataFields: unknown): boolean {
  if (!isObject(dataFields)) return false;
  if (!profile) return true;
  for (const [field, value] of Object.entries(dataFields)) {
    const old = profile[field];
    if (old === undefined || old === null || value === null) continue;
    if (typeOf(old) !== typeOf(value)) return false;
  }
  return true;
}

const typeOf = (value: unknown): string => (Array.isArray(value) ? "array" : typeof value);

function storeProfile(project: SandboxProject, email: string, dataFields: unknown, profile: Record<string, unknown> | undefined): void {
  // Top-level fields overwrite (mergeNestedObjects defaults to false). A new user keeps the
  // request's own dataFields object (freshly parsed, referenced by nothing else).
  if (isObject(dataFields)) project.users.set(email, profile ? { ...profile, ...dataFields } : dataFields);
  else if (!profile) project.users.set(email, {});
}

function bulkReply(successCount: number, failures: FailedUpdates): Reply {
  const failCount = Object.values(failures).reduce((sum, list) => sum + list.length, 0);
  return { status: 200, json: { successCount, failCount, failedUpdates: failures } };
}

export function subscribe(ctx: HandlerContext, body: unknown): Reply {
  if (!isObject(body) || !Array.isArray(body.subscribers)) return badParams("listId and subscribers are required");
  const list = findList(ctx, body.listId);
  if (!list) return unknownList(body.listId);
  const failures = emptyFailures();
  const seen = new Set<string>();
  let successCount = 0;
  for (const row of body.subscribers) {
    const verdict = judgeRow(ctx, row, true);
    if (verdict.kind !== "ok") {
      failures[verdict.kind].push(verdict.echo);
      continue;
    }
    const { email } = verdict;
    // A set that did not grow already held the email (one lookup instead of two).
    const seenBefore = seen.size;
    if (seen.add(email).size === seenBefore) ctx.stats.duplicateEmailsInRequest += 1;
    const membersBefore = list.members.size;
    if (list.members.add(email).size === membersBefore) {
      ctx.stats.resubscribes += 1;
      ctx.stats.resubscribesByList[list.id] = (ctx.stats.resubscribesByList[list.id] ?? 0) + 1;
    } else {
      ctx.stats.newMembers += 1;
    }
    // Subscribing creates unknown users; updateExistingUsersOnly is ignored by email-based
    // projects, which is what the sandbox models.
    storeProfile(ctx.project, email, isObject(row) ? row.dataFields : undefined, verdict.profile);
    successCount += 1;
  }
  ctx.stats.subscribedRows += body.subscribers.length;
  return bulkReply(successCount, failures);
}

export function unsubscribe(ctx: HandlerContext, body: unknown): Reply {
  if (!isObject(body) || !Array.isArray(body.subscribers)) return badParams("listId and subscribers are required");
  const list = findList(ctx, body.listId);
  if (!list) return unknownList(body.listId);
  if (body.channelUnsubscribe === true) ctx.stats.channelUnsubscribeTrue += 1;
  if (body.channelUnsubscribe === undefined) ctx.stats.channelUnsubscribeMissing += 1;
  const failures = emptyFailures();
  let successCount = 0;
  for (const row of body.subscribers) {
    const verdict = judgeRow(ctx, row, false);
    if (verdict.kind !== "ok") {
      failures[verdict.kind].push(verdict.echo);
      continue;
    }
    if (list.members.delete(verdict.email)) {
      ctx.stats.removedMembers += 1;
      successCount += 1;
    } else {
      failures.notFoundEmails.push(verdict.email);
      ctx.stats.unsubscribeNotFound += 1;
    }
  }
  ctx.stats.unsubscribedRows += body.subscribers.length;
  return bulkReply(successCount, failures);
}

export function bulkUpdate(ctx: HandlerContext, body: unknown): Reply {
  if (!isObject(body) || !Array.isArray(body.users)) return badParams("users is required");
  const failures = emptyFailures();
  let successCount = 0;
  for (const row of body.users) {
    const verdict = judgeRow(ctx, row, true);
    if (verdict.kind !== "ok") {
      failures[verdict.kind].push(verdict.echo);
      continue;
    }
    storeProfile(ctx.project, verdict.email, isObject(row) ? row.dataFields : undefined, verdict.profile);
    successCount += 1;
  }
  ctx.stats.bulkUpdatedRows += body.users.length;
  return bulkReply(successCount, failures);
}
