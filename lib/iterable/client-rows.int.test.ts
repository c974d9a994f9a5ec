import { afterEach, describe, expect, it } from "vitest";
import { rowDisposition } from "./row-outcomes";
import { startSandboxFixture, type SandboxFixture } from "./testing/sandbox-fixture";

// Client against the sandbox: lists, members and the per-row outcome of each kind.
let f: SandboxFixture;
afterEach(async () => {
  await f.sandbox.close();
});

describe("lists", () => {
  it("creates, lists and deletes static lists by numeric id", async () => {
    f = await startSandboxFixture();
    const client = f.client();
    const a = await client.createList("Segment A", "from Ferry");
    const b = await client.createList("Segment A");
    expect(b).not.toBe(a);
    const lists = await client.listLists();
    expect(lists.map((l) => [l.id, l.name, l.listType])).toEqual([
      [a, "Segment A", "Standard"],
      [b, "Segment A", "Standard"],
    ]);
    expect(lists[0]?.description).toBe("from Ferry");
    await client.deleteList(a);
    expect((await client.listLists()).map((l) => l.id)).toEqual([b]);
  });
});

describe("per-row outcomes", () => {
  it("subscribe: accepted rows are stored lowercased with their dataFields; invalid, forgotten, conflict, invalidData are named", async () => {
    f = await startSandboxFixture();
    f.sandbox.control.forget(f.project, ["Forgotten@Example.com"]);
    f.sandbox.control.markConflicts(f.project, ["clash@example.com"]);
    const client = f.client();
    await client.bulkUpdateUsers([{ email: "typed@example.com", dataFields: { score: 10 } }]);
    const listId = await client.createList("rows");
    const result = await client.subscribe(listId, [
      { email: "Ada@Example.COM", dataFields: { plan: "pro", score: 3 } },
      { email: "not-an-email" },
      { email: "user@example.invalidtld" },
      { email: "forgotten@example.com" },
      { email: "clash@example.com" },
      { email: "typed@example.com", dataFields: { score: "ten" } },
    ]);
    expect(result.rows.map((r) => r.outcome)).toEqual(["accepted", "invalid", "invalid", "forgotten", "conflict", "invalidData"]);
    expect(result).toMatchObject({ successCount: 1, failCount: 5, unexplainedFailCount: 0 });
    expect(f.sandbox.control.members(listId)).toEqual(["ada@example.com"]);
    expect(f.sandbox.control.user(f.project, "ada@example.com")).toEqual({ plan: "pro", score: 3 });
    expect(result.rows.map((r) => rowDisposition("subscribe", r.outcome))).toEqual([
      "done",
      "rejected",
      "rejected",
      "rejected",
      "rejected",
      "rejected",
    ]);
  });

  it("unsubscribe: members are removed, non-members come back notFound (done), channel untouched", async () => {
    f = await startSandboxFixture();
    const client = f.client();
    const listId = await client.createList("leavers");
    await client.subscribe(listId, [{ email: "stay@example.com" }, { email: "leave@example.com" }]);
    const result = await client.unsubscribe(listId, [{ email: "leave@example.com" }, { email: "never@example.com" }, { email: "bad@" }]);
    expect(result.rows.map((r) => r.outcome)).toEqual(["accepted", "notFound", "invalid"]);
    expect(result.rows.map((r) => rowDisposition("unsubscribe", r.outcome))).toEqual(["done", "done", "rejected"]);
    expect(f.sandbox.control.members(listId)).toEqual(["stay@example.com"]);
    const stats = f.sandbox.control.stats();
    expect(stats.channelUnsubscribeTrue).toBe(0);
    expect(stats.channelUnsubscribeMissing).toBe(0);
  });

  it("resubscribing an existing member is visible in the sandbox's counters", async () => {
    f = await startSandboxFixture();
    const client = f.client();
    const listId = await client.createList("again");
    await client.subscribe(listId, [{ email: "a@example.com" }]);
    expect(f.sandbox.control.stats().resubscribes).toBe(0);
    await client.subscribe(listId, [{ email: "A@example.com" }]);
    expect(f.sandbox.control.stats()).toMatchObject({ resubscribes: 1, resubscribesByList: { [listId]: 1 } });
  });

  it("bulkUpdateUsers writes profiles and names forgotten users", async () => {
    f = await startSandboxFixture();
    f.sandbox.control.forget(f.project, ["gone@example.com"]);
    const client = f.client();
    const result = await client.bulkUpdateUsers([
      { email: "p@example.com", dataFields: { city: "Lyon" } },
      { email: "gone@example.com", dataFields: { city: "Nice" } },
    ]);
    expect(result.rows.map((r) => r.outcome)).toEqual(["accepted", "forgotten"]);
    expect(f.sandbox.control.user(f.project, "p@example.com")).toEqual({ city: "Lyon" });
  });
});

describe("reading a list back", () => {
  it("getListUsers (text/plain) and listSize (text) reflect membership", async () => {
    f = await startSandboxFixture();
    const client = f.client();
    const listId = await client.createList("read");
    expect(await client.getListUsers(listId)).toEqual([]);
    await client.subscribe(listId, [{ email: "b@example.com" }, { email: "a@example.com" }]);
    expect((await client.getListUsers(listId)).sort()).toEqual(["a@example.com", "b@example.com"]);
    expect(await client.listSize(listId)).toBe(2);
  });
});
