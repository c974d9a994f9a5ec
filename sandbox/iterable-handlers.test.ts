import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as handlers from "./iterable-handlers";
import { loadState, saveState, SandboxState } from "./state";
import { emptyStats } from "./stats";

// Handlers in-process, around what the one-lookup users table could break: profiles, type
// checks, membership order across lists, duplicates, snapshots.
function setup(state = new SandboxState()) {
  const project = state.addProject({ name: "P", apiKey: "handlers-test-key" });
  const stats = emptyStats();
  const ctx: handlers.HandlerContext = { state, project, stats, nowMs: 0, listNotReadyMs: 0 };
  const newList = () => ((handlers.createList(ctx, { name: "L" }) as { json: { listId: number } }).json).listId;
  const sub = (listId: number, subscribers: unknown[]) => handlers.subscribe(ctx, { listId, subscribers });
  const unsub = (listId: number, emails: string[]) => handlers.unsubscribe(ctx, { listId, subscribers: emails.map((email) => ({ email })), channelUnsubscribe: false });
  const users = (listId: number) => (handlers.getUsers(ctx, listId) as { text: string }).text;
  const profile = (email: string) => {
    const user = project.users.get(email);
    return user >= 0 ? project.users.dataFields(user) : undefined;
  };
  return { state, project, stats, ctx, newList, sub, unsub, users, profile };
}

type Bulk = { successCount: number; failCount: number; failedUpdates: Record<string, string[]> };
const body = (reply: handlers.Reply) => (reply as { json: Bulk }).json;

describe("profiles", () => {
  it("refuses a type change of an existing field, in subscribe and bulkUpdate, and merges top-level fields", () => {
    const t = setup();
    const listId = t.newList();
    expect(body(t.sub(listId, [{ email: "A@example.com", dataFields: { n: 1, tags: ["x"], keep: "k" } }])).successCount).toBe(1);
    const reply = body(
      t.sub(listId, [
        { email: "a@example.com", dataFields: { n: "one" } },
        { email: "a@example.com", dataFields: { tags: { x: 1 } } },
        { email: "a@example.com", dataFields: "not an object" },
        { email: "a@example.com", dataFields: null },
        { email: "a@example.com", dataFields: { n: 2, extra: true } },
      ]),
    );
    expect(reply).toMatchObject({ successCount: 1, failCount: 4 });
    expect(reply.failedUpdates.invalidDataEmails).toEqual(["a@example.com", "a@example.com", "a@example.com", "a@example.com"]);
    expect(t.profile("a@example.com")).toEqual({ n: 2, tags: ["x"], keep: "k", extra: true });

    expect(body(handlers.bulkUpdate(t.ctx, { users: [{ email: "a@example.com", dataFields: { keep: 5 } }] })).failedUpdates.invalidDataEmails).toEqual(["a@example.com"]);
    // null on either side skips the check; the stored null then accepts any type.
    expect(body(handlers.bulkUpdate(t.ctx, { users: [{ email: "a@example.com", dataFields: { keep: null } }] })).successCount).toBe(1);
    expect(body(handlers.bulkUpdate(t.ctx, { users: [{ email: "a@example.com", dataFields: { keep: 5 } }] })).successCount).toBe(1);
    expect(t.profile("a@example.com")).toEqual({ n: 2, tags: ["x"], keep: 5, extra: true });
  });

  it("creates a user without dataFields as {} and leaves an existing one alone", () => {
    const t = setup();
    const listId = t.newList();
    t.sub(listId, [{ email: "b@example.com" }]);
    expect(t.profile("b@example.com")).toEqual({});
    handlers.bulkUpdate(t.ctx, { users: [{ email: "b@example.com", dataFields: { x: 1 } }, { email: "b@example.com" }] });
    expect(t.profile("b@example.com")).toEqual({ x: 1 });
    expect(t.project.users.size).toBe(1);
  });

  it("a later update never reaches a state snapshot taken before it, nor a state restored from one", () => {
    const t = setup();
    const listId = t.newList();
    t.sub(listId, [{ email: "s@example.com", dataFields: { plan: "free" } }]);
    const snapshot = t.state.toPersisted();
    const restored = SandboxState.fromPersisted(structuredClone(snapshot));
    const shared = SandboxState.fromPersisted(snapshot);
    t.sub(listId, [{ email: "s@example.com", dataFields: { plan: "pro", seats: 3 } }]);
    handlers.bulkUpdate(t.ctx, { users: [{ email: "s@example.com", dataFields: { plan: "team" } }] });
    expect(t.profile("s@example.com")).toEqual({ plan: "team", seats: 3 });
    expect(snapshot.projects[0]?.users).toEqual([["s@example.com", { plan: "free" }]]);
    for (const copy of [restored, shared]) {
      const users = copy.projects.get("P")?.users;
      expect(users && users.dataFields(users.get("s@example.com"))).toEqual({ plan: "free" });
    }
    // And the other way round: writing to the restored state leaves the original alone.
    const other = setup(shared);
    other.sub(listId, [{ email: "s@example.com", dataFields: { plan: "other" } }]);
    expect(t.profile("s@example.com")).toEqual({ plan: "team", seats: 3 });
    expect(snapshot.projects[0]?.users).toEqual([["s@example.com", { plan: "free" }]]);
  });
});

describe("membership", () => {
  it("keeps each list's insertion order across lists, leavers, rejoiners and a deleted list", () => {
    const t = setup();
    const [l1, l2, l3] = [t.newList(), t.newList(), t.newList()];
    t.sub(l1, [{ email: "a@example.com" }, { email: "b@example.com" }, { email: "c@example.com" }]);
    t.sub(l2, [{ email: "c@example.com" }, { email: "a@example.com" }]);
    t.sub(l3, [{ email: "b@example.com" }, { email: "a@example.com" }]);
    expect(body(t.unsub(l1, ["a@example.com", "nobody@example.com", "bad"]))).toMatchObject({
      successCount: 1,
      failedUpdates: { notFoundEmails: ["nobody@example.com"], invalidEmails: ["bad"] },
    });
    t.sub(l1, [{ email: "A@example.com" }, { email: "b@example.com" }]);
    expect(t.users(l1)).toBe("b@example.com\nc@example.com\na@example.com\n");
    expect(t.users(l2)).toBe("c@example.com\na@example.com\n");
    expect(handlers.size(t.ctx, l1)).toEqual({ status: 200, text: "3" });
    expect(t.stats).toMatchObject({ newMembers: 8, resubscribes: 1, resubscribesByList: { [l1]: 1 }, removedMembers: 1, unsubscribeNotFound: 1 });

    handlers.deleteList(t.ctx, l2);
    t.unsub(l3, ["a@example.com"]);
    expect(t.users(l3)).toBe("b@example.com\n");
    t.sub(l3, [{ email: "a@example.com" }]);
    expect(t.users(l3)).toBe("b@example.com\na@example.com\n");
    expect(t.users(l1)).toBe("b@example.com\nc@example.com\na@example.com\n");
    expect(t.project.users.size).toBe(3);
  });

  it("counts a duplicate only among accepted rows of one request", () => {
    const t = setup();
    const listId = t.newList();
    t.sub(listId, [{ email: "d@example.com", dataFields: { n: 1 } }]);
    const reply = body(
      t.sub(listId, [
        { email: "d@example.com", dataFields: { n: "bad" } },
        { email: "D@example.com", dataFields: { n: 2 } },
        { email: "e@example.com" },
        { email: "e@example.com" },
        { email: "d@example.com" },
      ]),
    );
    expect(reply).toMatchObject({ successCount: 4, failCount: 1 });
    expect(t.stats).toMatchObject({ duplicateEmailsInRequest: 2, resubscribes: 3, newMembers: 2, subscribedRows: 6 });
    t.sub(listId, [{ email: "e@example.com" }]);
    expect(t.stats.duplicateEmailsInRequest).toBe(2);
  });

  it("survives a save and load: members in order per list, profiles, users", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ferry-sandbox-handlers-"));
    try {
      const t = setup();
      const [l1, l2] = [t.newList(), t.newList()];
      t.sub(l1, Array.from({ length: 30 }, (_, i) => ({ email: `p${i}@example.com`, dataFields: { i } })));
      t.sub(l2, [{ email: "p5@example.com" }, { email: "q@example.com" }]);
      t.unsub(l1, ["p3@example.com", "p4@example.com"]);
      t.sub(l1, [{ email: "p3@example.com", dataFields: { i: 33 } }]);
      handlers.bulkUpdate(t.ctx, { users: [{ email: "solo@example.com", dataFields: { s: 1 } }] });
      const file = join(dir, "state.json");
      await saveState(file, t.state);
      const loaded = await loadState(file);
      if (!loaded) throw new Error("no state");
      const u = setup(loaded);
      expect(u.users(l1)).toBe(t.users(l1));
      expect(u.users(l2)).toBe("p5@example.com\nq@example.com\n");
      expect([...u.project.users.entries()]).toEqual([...t.project.users.entries()]);
      expect(u.profile("p3@example.com")).toEqual({ i: 33 });
      expect(body(u.sub(l1, [{ email: "p3@example.com" }, { email: "p4@example.com" }]))).toMatchObject({ successCount: 2 });
      expect(u.stats).toMatchObject({ resubscribes: 1, newMembers: 1 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
