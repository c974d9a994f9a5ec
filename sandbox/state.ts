import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { ListMembers, UserTable } from "./members";

// The sandbox's world: projects (each with API keys, lists, user profiles and GDPR-forgotten
// emails). Lists get numeric ids unique across projects, like Iterable's. Persisted as one JSON
// file (the demo keeps its lists across restarts); keys stored there are sandbox keys only.

export type KeyType = "server" | "readOnly";

export interface SandboxKey {
  apiKey: string;
  type: KeyType;
  revoked: boolean;
}

export interface SandboxList {
  id: number;
  name: string;
  description?: string;
  createdAt: number;
  /** Emails in insertion order; membership lives on the project's user entries (see members.ts). */
  members: ListMembers;
  /** Control flag: DELETE answers 409 "List is in use". */
  inUse: boolean;
}

export interface SandboxProject {
  name: string;
  keys: SandboxKey[];
  lists: Map<number, SandboxList>;
  /** Lowercased email → profile and list memberships. */
  users: UserTable;
  forgotten: Set<string>;
  conflicts: Set<string>;
}

export interface ProjectSeed {
  name: string;
  apiKey: string;
  keyType?: KeyType;
}

interface PersistedState {
  version: 1;
  nextListId: number;
  projects: {
    name: string;
    keys: SandboxKey[];
    forgotten: string[];
    conflicts: string[];
    lists: { id: number; name: string; description?: string; createdAt: number; members: string[]; inUse?: boolean }[];
    users: [string, Record<string, unknown>][];
  }[];
}

const FIRST_LIST_ID = 100_001;

export class SandboxState {
  readonly projects = new Map<string, SandboxProject>();
  readonly #keys = new Map<string, { project: SandboxProject; key: SandboxKey }>();
  readonly #listOwners = new Map<number, SandboxProject>();
  nextListId = FIRST_LIST_ID;

  addProject(seed: ProjectSeed): SandboxProject {
    let project = this.projects.get(seed.name);
    if (!project) {
      project = { name: seed.name, keys: [], lists: new Map(), users: new UserTable(), forgotten: new Set(), conflicts: new Set() };
      this.projects.set(seed.name, project);
    }
    const existing = this.#keys.get(seed.apiKey);
    if (existing && existing.project !== project) throw new Error("this API key already belongs to another sandbox project");
    if (!existing) {
      const key: SandboxKey = { apiKey: seed.apiKey, type: seed.keyType ?? "server", revoked: false };
      project.keys.push(key);
      this.#keys.set(key.apiKey, { project, key });
    }
    return project;
  }

  findKey(apiKey: string): { project: SandboxProject; key: SandboxKey } | undefined {
    return this.#keys.get(apiKey);
  }

  setRevoked(apiKey: string, revoked: boolean): boolean {
    const found = this.#keys.get(apiKey);
    if (!found) return false;
    found.key.revoked = revoked;
    return true;
  }

  createList(project: SandboxProject, name: string, description: string | undefined, nowMs: number): SandboxList {
    const list: SandboxList = {
      id: this.nextListId++,
      name,
      ...(description !== undefined ? { description } : {}),
      createdAt: nowMs,
      members: new ListMembers(project.users),
      inUse: false,
    };
    project.lists.set(list.id, list);
    this.#listOwners.set(list.id, project);
    return list;
  }

  deleteList(project: SandboxProject, listId: number): void {
    project.lists.get(listId)?.members.clear();
    project.lists.delete(listId);
    this.#listOwners.delete(listId);
  }

  findListAnywhere(listId: number): { project: SandboxProject; list: SandboxList } | undefined {
    const project = this.#listOwners.get(listId);
    const list = project?.lists.get(listId);
    return project && list ? { project, list } : undefined;
  }

  /** Forget lists and users (projects, keys, forgotten and conflict sets stay). */
  resetData(): void {
    for (const project of this.projects.values()) {
      project.lists.clear();
      project.users.clear();
    }
    this.#listOwners.clear();
  }

  toPersisted(): PersistedState {
    return {
      version: 1,
      nextListId: this.nextListId,
      projects: [...this.projects.values()].map((p) => ({
        name: p.name,
        keys: p.keys.map((k) => ({ ...k })),
        forgotten: [...p.forgotten],
        conflicts: [...p.conflicts],
        lists: [...p.lists.values()].map((l) => ({
          id: l.id,
          name: l.name,
          ...(l.description !== undefined ? { description: l.description } : {}),
          createdAt: l.createdAt,
          members: [...l.members],
          ...(l.inUse ? { inUse: true } : {}),
        })),
        // dataFields objects are never mutated once stored (updates store a new object), so the
        // snapshot may share them.
        users: [...p.users.entries()],
      })),
    };
  }

  static fromPersisted(data: PersistedState): SandboxState {
    const state = new SandboxState();
    state.nextListId = Math.max(FIRST_LIST_ID, data.nextListId);
    for (const p of data.projects) {
      const project: SandboxProject = {
        name: p.name,
        keys: [],
        lists: new Map(),
        users: new UserTable(),
        forgotten: new Set(p.forgotten),
        conflicts: new Set(p.conflicts ?? []),
      };
      for (const [email, dataFields] of p.users) project.users.set(email, dataFields);
      state.projects.set(p.name, project);
      for (const key of p.keys) {
        project.keys.push({ ...key });
        state.#keys.set(key.apiKey, { project, key: project.keys[project.keys.length - 1] as SandboxKey });
      }
      for (const l of p.lists) {
        const list: SandboxList = {
          id: l.id,
          name: l.name,
          ...(l.description !== undefined ? { description: l.description } : {}),
          createdAt: l.createdAt,
          members: new ListMembers(project.users),
          inUse: l.inUse ?? false,
        };
        for (const email of l.members) {
          // A member without a profile only comes from a hand-written file (subscribing always creates one).
          const user = project.users.get(email);
          list.members.add(user >= 0 ? user : project.users.set(email, {}));
        }
        project.lists.set(list.id, list);
        state.#listOwners.set(list.id, project);
        state.nextListId = Math.max(state.nextListId, list.id + 1);
      }
    }
    return state;
  }
}

export async function loadState(file: string): Promise<SandboxState | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const data = JSON.parse(text) as PersistedState;
  if (data.version !== 1) throw new Error(`unsupported sandbox state version in ${file}`);
  return SandboxState.fromPersisted(data);
}

export async function saveState(file: string, state: SandboxState): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  // Write then rename, so a crash mid-write never leaves a truncated state file.
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(state.toPersisted()));
  await rename(tmp, file);
}
