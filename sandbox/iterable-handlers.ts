import { isValidEmail } from "../lib/iterable/email";
import { iterableError } from "./http-util";
import { hashEmail, type UserTable } from "./members";
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

// The sandbox sits on the benchmark's two cores beside the engine: each row costs one lookup in
// the million-entry users table (which also answers list membership, see members.ts), no
// per-row verdict object and no per-request Set.

/** The row's email, lowercased, when it is valid and neither forgotten nor in conflict; otherwise
 * the failure is recorded and undefined returned. */
function acceptEmail(project: SandboxProject, row: unknown, failures: FailedUpdates): string | undefined {
  const raw = isObject(row) ? row.email : undefined;
  if (typeof raw !== "string") {
    failures.invalidEmails.push(typeof raw === "undefined" ? "" : String(raw));
    return undefined;
  }
  const email = raw.toLowerCase();
  if (!isValidEmail(email)) {
    failures.invalidEmails.push(raw);
    return undefined;
  }
  const { forgotten, conflicts } = project;
  if (forgotten.size > 0 && forgotten.has(email)) {
    failures.forgottenEmails.push(email);
    return undefined;
  }
  if (conflicts.size > 0 && conflicts.has(email)) {
    failures.conflictEmails.push(email);
    return undefined;
  }
  return email;
}

/** Writes an accepted row's dataFields to its user (created when unknown) and returns the user's
 * position; -1 (recorded as invalidData) when the fields do not fit the stored profile. */
function storeUser(users: UserTable, email: string, row: Record<string, unknown>, failures: FailedUpdates): number {
  const dataFields = row.dataFields;
  const hash = hashEmail(email);
  const user = users.find(email, hash);
  if (dataFields !== undefined && !dataFieldsFit(user >= 0 ? users.dataFields(user) : undefined, dataFields)) {
    failures.invalidDataEmails.push(email);
    return -1;
  }
  // A new user keeps the request's own dataFields object (freshly parsed, referenced by nothing else).
  if (user < 0) return users.insert(email, hash, isObject(dataFields) ? dataFields : {});
  // Top-level fields overwrite (mergeNestedObjects defaults to false). A new object, never an
  // in-place update: stored dataFields stay immutable, so state snapshots may share them.
  if (isObject(dataFields)) users.setDataFields(user, { ...users.dataFields(user), ...dataFields });
  return user;
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

function bulkReply(successCount: number, failures: FailedUpdates): Reply {
  const failCount = Object.values(failures).reduce((sum, list) => sum + list.length, 0);
  return { status: 200, json: { successCount, failCount, failedUpdates: failures } };
}

// Numbers subscribe calls: a user accepted twice in one call is a duplicate in the request.
let subscribeCalls = 0;

export function subscribe(ctx: HandlerContext, body: unknown): Reply {
  if (!isObject(body) || !Array.isArray(body.subscribers)) return badParams("listId and subscribers are required");
  const list = findList(ctx, body.listId);
  if (!list) return unknownList(body.listId);
  const failures = emptyFailures();
  const call = ++subscribeCalls;
  const { project, stats } = ctx;
  let successCount = 0;
  for (const row of body.subscribers) {
    const email = acceptEmail(project, row, failures);
    if (email === undefined) continue;
    // Subscribing creates unknown users; updateExistingUsersOnly is ignored by email-based
    // projects, which is what the sandbox models.
    const user = storeUser(project.users, email, row as Record<string, unknown>, failures);
    if (user < 0) continue;
    if (project.users.acceptedTwice(user, call)) stats.duplicateEmailsInRequest += 1;
    if (list.members.add(user)) {
      stats.newMembers += 1;
    } else {
      stats.resubscribes += 1;
      stats.resubscribesByList[list.id] = (stats.resubscribesByList[list.id] ?? 0) + 1;
    }
    successCount += 1;
  }
  stats.subscribedRows += body.subscribers.length;
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
    const email = acceptEmail(ctx.project, row, failures);
    if (email === undefined) continue;
    if (list.members.delete(ctx.project.users.get(email))) {
      ctx.stats.removedMembers += 1;
      successCount += 1;
    } else {
      failures.notFoundEmails.push(email);
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
    const email = acceptEmail(ctx.project, row, failures);
    if (email === undefined) continue;
    if (storeUser(ctx.project.users, email, row as Record<string, unknown>, failures) < 0) continue;
    successCount += 1;
  }
  ctx.stats.bulkUpdatedRows += body.users.length;
  return bulkReply(successCount, failures);
}
