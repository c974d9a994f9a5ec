// A project's users and the lists' membership, shaped for the benchmark's million subscribed
// rows on two cores shared with the engine:
// - one lookup per row: the users table also records which lists hold each user, so finding
//   the user answers "already a member?" (a second million-entry table, a per-list Set of
//   emails, cost about as much CPU as the first: cache misses);
// - that lookup is open addressing over an Int32Array of (hash, position) pairs: an unknown
//   email usually reads one cache line of it, where a V8 Map of a million strings walks a bucket
//   chain and dereferences every candidate key (in-process, 1M new emails: ~0.8 s vs ~1.3 s);
// - users are positions in parallel arrays, not objects: per subscribed row only the email and
//   the dataFields object stay alive, and the arrays of positions hold no pointers for the
//   garbage collector to trace (a wrapper object per user doubled the scavenger's time).

/** 32-bit hash of an email (FNV-1a, then murmur3's finaliser so the low bits spread well). */
export function hashEmail(email: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < email.length; i += 1) h = Math.imul(h ^ email.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const INITIAL_CAPACITY = 1024;
const META = 3;
const LAST_CALL = 0;
const FIRST_LIST = 1;
const FIRST_AT = 2;

/** A project's users by lowercased email, in insertion order (like a Map; users are only ever
 * removed all at once). A user is its position, 0-based. A user's dataFields object is never
 * mutated once stored (an update stores a new object), so state snapshots may share it. */
export class UserTable {
  readonly #emails: string[] = [];
  readonly #fields: Record<string, unknown>[] = [];
  /** Per user, three integers (a typed array: no per-user pushes, nothing for the GC to trace):
   * the subscribe call that last accepted the user (duplicates in one request), the first list
   * holding the user (ListMembers.key, 0 = none) and the user's slot in that list's log. */
  #meta = new Int32Array(META * INITIAL_CAPACITY);
  /** Further memberships: user → list key → slot (a user in several lists is the rare case). */
  readonly #moreLists = new Map<number, Map<number, number>>();
  #slots = new Int32Array(2 * INITIAL_CAPACITY);
  #mask = INITIAL_CAPACITY - 1;

  get size(): number {
    return this.#emails.length;
  }

  /** The user's position, or -1. */
  get(email: string): number {
    return this.find(email, hashEmail(email));
  }

  /** `hash` is hashEmail(email), computed once by callers that look up and then insert. */
  find(email: string, hash: number): number {
    const slots = this.#slots;
    const mask = this.#mask;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const stored = slots[2 * i + 1] as number;
      if (stored === 0) return -1;
      if (slots[2 * i] === hash && this.#emails[stored - 1] === email) return stored - 1;
    }
  }

  /** Adds a user whose email is not in the table (the caller has just looked it up). */
  insert(email: string, hash: number, dataFields: Record<string, unknown>): number {
    const user = this.#emails.length;
    this.#emails.push(email);
    this.#fields.push(dataFields);
    if (META * (user + 1) > this.#meta.length) {
      const meta = new Int32Array(this.#meta.length * 2);
      meta.set(this.#meta);
      this.#meta = meta;
    }
    if (2 * (user + 1) > this.#mask + 1) this.#grow();
    place(this.#slots, this.#mask, hash, user + 1);
    return user;
  }

  /** Adds, or replaces an existing user's dataFields (keeping its position, as a Map does). */
  set(email: string, dataFields: Record<string, unknown>): number {
    const hash = hashEmail(email);
    const user = this.find(email, hash);
    if (user < 0) return this.insert(email, hash, dataFields);
    this.#fields[user] = dataFields;
    return user;
  }

  email(user: number): string {
    return this.#emails[user] as string;
  }

  dataFields(user: number): Record<string, unknown> {
    return this.#fields[user] as Record<string, unknown>;
  }

  setDataFields(user: number, dataFields: Record<string, unknown>): void {
    this.#fields[user] = dataFields;
  }

  /** Records that subscribe call `call` accepted the user; true when it already had. */
  acceptedTwice(user: number, call: number): boolean {
    const at = META * user + LAST_CALL;
    if (this.#meta[at] === (call | 0)) return true;
    this.#meta[at] = call;
    return false;
  }

  /** The user's slot in the list's log, or -1 when not a member. */
  slotIn(user: number, list: number): number {
    const meta = this.#meta;
    if (meta[META * user + FIRST_LIST] === list) return meta[META * user + FIRST_AT] as number;
    return this.#moreLists.get(user)?.get(list) ?? -1;
  }

  setSlot(user: number, list: number, at: number): void {
    const more = this.#moreLists.get(user);
    const meta = this.#meta;
    const first = meta[META * user + FIRST_LIST];
    if (first === list || (first === 0 && !more?.has(list))) {
      meta[META * user + FIRST_LIST] = list;
      meta[META * user + FIRST_AT] = at;
    } else if (more) {
      more.set(list, at);
    } else {
      this.#moreLists.set(user, new Map([[list, at]]));
    }
  }

  clearSlot(user: number, list: number): void {
    if (this.#meta[META * user + FIRST_LIST] === list) {
      this.#meta[META * user + FIRST_LIST] = 0;
      return;
    }
    const more = this.#moreLists.get(user);
    if (more?.delete(list) && more.size === 0) this.#moreLists.delete(user);
  }

  clear(): void {
    this.#emails.length = 0;
    this.#fields.length = 0;
    this.#meta = new Int32Array(META * INITIAL_CAPACITY);
    this.#moreLists.clear();
    this.#slots = new Int32Array(2 * INITIAL_CAPACITY);
    this.#mask = INITIAL_CAPACITY - 1;
  }

  /** [email, dataFields] in insertion order. */
  *entries(): IterableIterator<[string, Record<string, unknown>]> {
    for (let user = 0; user < this.#emails.length; user += 1) yield [this.#emails[user] as string, this.#fields[user] as Record<string, unknown>];
  }

  // Load factor stays at most 1/2; the stored hashes make a rehash a pass over integers.
  #grow(): void {
    const old = this.#slots;
    const mask = this.#mask * 2 + 1;
    const slots = new Int32Array(2 * (mask + 1));
    for (let j = 0; j < old.length; j += 2) {
      const stored = old[j + 1] as number;
      if (stored !== 0) place(slots, mask, old[j] as number, stored);
    }
    this.#slots = slots;
    this.#mask = mask;
  }
}

function place(slots: Int32Array, mask: number, hash: number, stored: number): void {
  let i = hash & mask;
  while (slots[2 * i + 1] !== 0) i = (i + 1) & mask;
  slots[2 * i] = hash;
  slots[2 * i + 1] = stored;
}

let nextListKey = 1;

/** A list's members (users of one UserTable) in insertion order, what getUsers answers; used
 * like a Set of emails. An unsubscribe leaves a hole in the log, a resubscribe appends. */
export class ListMembers implements Iterable<string> {
  readonly #users: UserTable;
  readonly #key = nextListKey++;
  /** User positions, -1 for a member that left. */
  #log: number[] = [];
  #size = 0;

  constructor(users: UserTable) {
    this.#users = users;
  }

  get size(): number {
    return this.#size;
  }

  /** Slots in the log, holes included (tests watch compaction through it). */
  get logLength(): number {
    return this.#log.length;
  }

  /** False when the user was a member already (nothing changes). */
  add(user: number): boolean {
    if (this.#users.slotIn(user, this.#key) >= 0) return false;
    // Holes are compacted away once they outnumber the members (amortised O(1)).
    if (this.#log.length >= 1024 && this.#log.length >= 2 * this.#size) this.#compact();
    this.#users.setSlot(user, this.#key, this.#log.length);
    this.#log.push(user);
    this.#size += 1;
    return true;
  }

  /** False when the user (a position, or -1 for an unknown email) was not a member. */
  delete(user: number): boolean {
    if (user < 0) return false;
    const at = this.#users.slotIn(user, this.#key);
    if (at < 0) return false;
    this.#users.clearSlot(user, this.#key);
    this.#log[at] = -1;
    this.#size -= 1;
    return true;
  }

  /** Drops every member (the list is deleted), so no user keeps a slot in it. */
  clear(): void {
    for (const user of this.#log) if (user >= 0) this.#users.clearSlot(user, this.#key);
    this.#log = [];
    this.#size = 0;
  }

  *[Symbol.iterator](): Iterator<string> {
    for (const user of this.#log) if (user >= 0) yield this.#users.email(user);
  }

  #compact(): void {
    const live: number[] = [];
    for (const user of this.#log) {
      if (user < 0) continue;
      this.#users.setSlot(user, this.#key, live.length);
      live.push(user);
    }
    this.#log = live;
  }
}
