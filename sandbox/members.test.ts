import { describe, expect, it } from "vitest";
import { hashEmail, ListMembers, UserTable } from "./members";

describe("UserTable", () => {
  it("finds every user after many growths, in insertion order, and replaces in place", () => {
    const users = new UserTable();
    const emails = Array.from({ length: 5000 }, (_, i) => `u${i}@example.com`);
    for (const [i, email] of emails.entries()) {
      expect(users.get(email)).toBe(-1);
      expect(users.insert(email, hashEmail(email), { i })).toBe(i);
    }
    expect(users.size).toBe(5000);
    for (const [i, email] of emails.entries()) expect(users.dataFields(users.get(email))).toEqual({ i });
    expect(users.get("u5000@example.com")).toBe(-1);

    expect(users.set("u7@example.com", { replaced: true })).toBe(7);
    expect(users.set("new@example.com", { added: true })).toBe(5000);
    const entries = [...users.entries()];
    expect(entries[7]).toEqual(["u7@example.com", { replaced: true }]);
    expect(entries.at(-1)).toEqual(["new@example.com", { added: true }]);
    expect(entries.map(([email]) => email).slice(0, 5000)).toEqual(emails);

    users.clear();
    expect(users.size).toBe(0);
    expect(users.get("u1@example.com")).toBe(-1);
    expect(users.set("u1@example.com", {})).toBe(0);
  });

  it("tells apart emails whose hashes collide", () => {
    const users = new UserTable();
    // Every email under one hash: lookups must compare the emails themselves.
    for (let i = 0; i < 3000; i += 1) users.insert(`c${i}@example.com`, 42, { i });
    for (let i = 0; i < 3000; i += 1) expect(users.find(`c${i}@example.com`, 42)).toBe(i);
    expect(users.find("c3000@example.com", 42)).toBe(-1);
  });

  it("counts a user accepted twice by the same subscribe call only", () => {
    const users = new UserTable();
    const user = users.set("a@example.com", {});
    expect(users.acceptedTwice(user, 1)).toBe(false);
    expect(users.acceptedTwice(user, 1)).toBe(true);
    expect(users.acceptedTwice(user, 2)).toBe(false);
  });
});

describe("ListMembers", () => {
  // Model: a Set of emails per list, which is what the lists were before.
  it("behaves like one Set per list under random subscribes, unsubscribes and list deletions", () => {
    const users = new UserTable();
    const lists = [new ListMembers(users), new ListMembers(users), new ListMembers(users)];
    const models = lists.map(() => new Set<string>());
    let seed = 11;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return Math.floor((seed / 2 ** 32) * n);
    };
    let compactions = 0;
    for (let step = 0; step < 60_000; step += 1) {
      const k = random(lists.length);
      const list = lists[k] as ListMembers;
      const model = models[k] as Set<string>;
      const email = `m${random(150)}@example.com`;
      const roll = random(100_000);
      if (roll < 55_000) {
        const user = users.get(email) >= 0 ? users.get(email) : users.set(email, {});
        const [before, logBefore] = [model.size, list.logLength];
        expect(list.add(user)).toBe(model.add(email).size > before);
        if (list.logLength < logBefore) compactions += 1;
      } else if (roll < 99_990) {
        expect(list.delete(users.get(email))).toBe(model.delete(email));
      } else {
        list.clear();
        model.clear();
      }
      expect(list.size).toBe(model.size);
      if (step % 1000 === 0) for (const [i, l] of lists.entries()) expect([...l]).toEqual([...(models[i] as Set<string>)]);
    }
    for (const [i, l] of lists.entries()) expect([...l]).toEqual([...(models[i] as Set<string>)]);
    expect(compactions).toBeGreaterThan(10);
    expect(users.size).toBe(150);
  });

  it("keeps memberships and per-call marks while the table grows under them", () => {
    const users = new UserTable();
    const [a, b] = [new ListMembers(users), new ListMembers(users)];
    const ids: number[] = [];
    for (let i = 0; i < 5000; i += 1) {
      const id = users.set(`g${i}@example.com`, {});
      ids.push(id);
      expect(a.add(id)).toBe(true);
      if (i % 2 === 0) expect(b.add(id)).toBe(true);
      users.acceptedTwice(id, 9);
    }
    for (const id of ids) {
      expect(a.add(id)).toBe(false);
      expect(b.add(id)).toBe(id % 2 === 1);
      expect(users.acceptedTwice(id, 9)).toBe(true);
    }
    expect([...a]).toEqual(ids.map((id) => users.email(id)));
    expect(b.size).toBe(5000);
  });

  it("keeps order across compaction of a long log of leavers", () => {
    const users = new UserTable();
    const list = new ListMembers(users);
    const ids = Array.from({ length: 3000 }, (_, i) => users.set(`l${i}@example.com`, {}));
    for (const id of ids) list.add(id);
    for (const id of ids.slice(0, 2900)) list.delete(id);
    for (const id of ids.slice(0, 100)) list.add(id);
    expect(list.size).toBe(200);
    expect([...list]).toEqual([...ids.slice(2900), ...ids.slice(0, 100)].map((id) => users.email(id)));
    expect(list.delete(ids[2950] as number)).toBe(true);
    expect(list.add(ids[2950] as number)).toBe(true);
    expect([...list].at(-1)).toBe("l2950@example.com");
    expect(list.delete(-1)).toBe(false);
  });
});
