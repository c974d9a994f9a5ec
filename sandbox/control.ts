import type { FaultInjector, SandboxFaults } from "./faults";
import type { RateLimitConfig, RateLimiter } from "./rate-limits";
import type { KeyType, ProjectSeed, SandboxState } from "./state";
import { emptyStats, type SandboxStats } from "./stats";

// Inspection and control, used in-process by tests (handle.control) and over HTTP under
// /_sandbox/ (no Iterable key required: the sandbox only listens on localhost by default).
export class SandboxControl {
  readonly #state: SandboxState;
  readonly #faults: FaultInjector;
  readonly #rateLimiter: RateLimiter;
  readonly #changed: () => void;
  #stats: SandboxStats = emptyStats();

  constructor(state: SandboxState, faults: FaultInjector, rateLimiter: RateLimiter, changed: () => void) {
    this.#state = state;
    this.#faults = faults;
    this.#rateLimiter = rateLimiter;
    this.#changed = changed;
  }

  /** Live stats object (the request pipeline writes into it). */
  get liveStats(): SandboxStats {
    return this.#stats;
  }

  stats(): SandboxStats {
    return structuredClone(this.#stats);
  }

  resetStats(): void {
    this.#stats = emptyStats();
  }

  /** Members of a list in stored (lowercased) form, sorted; undefined if the list does not exist. */
  members(listId: number): string[] | undefined {
    const found = this.#state.findListAnywhere(listId);
    return found ? [...found.list.members].sort() : undefined;
  }

  user(projectName: string, email: string): Record<string, unknown> | undefined {
    const users = this.#state.projects.get(projectName)?.users;
    if (!users) return undefined;
    const user = users.get(email.toLowerCase());
    return user >= 0 ? users.dataFields(user) : undefined;
  }

  lists(projectName: string): { id: number; name: string; size: number; createdAt: number }[] {
    const project = this.#state.projects.get(projectName);
    return project
      ? [...project.lists.values()].map((l) => ({ id: l.id, name: l.name, size: l.members.size, createdAt: l.createdAt }))
      : [];
  }

  projects(): { name: string; keys: { hint: string; type: KeyType; revoked: boolean }[]; lists: number; users: number }[] {
    return [...this.#state.projects.values()].map((p) => ({
      name: p.name,
      // Only a hint: even sandbox keys are not echoed whole.
      keys: p.keys.map((k) => ({ hint: `…${k.apiKey.slice(-4)}`, type: k.type, revoked: k.revoked })),
      lists: p.lists.size,
      users: p.users.size,
    }));
  }

  addProject(seed: ProjectSeed & { forgottenEmails?: string[]; conflictEmails?: string[] }): void {
    const project = this.#state.addProject(seed);
    for (const email of seed.forgottenEmails ?? []) project.forgotten.add(email.toLowerCase());
    for (const email of seed.conflictEmails ?? []) project.conflicts.add(email.toLowerCase());
    this.#changed();
  }

  setRevoked(apiKey: string, revoked: boolean): boolean {
    const ok = this.#state.setRevoked(apiKey, revoked);
    if (ok) this.#changed();
    return ok;
  }

  /** Mark emails GDPR-forgotten in a project: writes to them answer forgottenEmails. */
  forget(projectName: string, emails: string[]): boolean {
    const project = this.#state.projects.get(projectName);
    if (!project) return false;
    for (const email of emails) project.forgotten.add(email.toLowerCase());
    this.#changed();
    return true;
  }

  /** Emails whose writes answer conflictEmails (an identity conflict in Iterable). */
  markConflicts(projectName: string, emails: string[]): boolean {
    const project = this.#state.projects.get(projectName);
    if (!project) return false;
    for (const email of emails) project.conflicts.add(email.toLowerCase());
    this.#changed();
    return true;
  }

  setListInUse(listId: number, inUse: boolean): boolean {
    const found = this.#state.findListAnywhere(listId);
    if (!found) return false;
    found.list.inUse = inUse;
    this.#changed();
    return true;
  }

  faults(): SandboxFaults {
    return this.#faults.faults;
  }

  setFaults(faults: SandboxFaults): void {
    this.#faults.set(faults);
  }

  rateLimits(): RateLimitConfig {
    return this.#rateLimiter.config;
  }

  setRateLimits(config: RateLimitConfig): void {
    this.#rateLimiter.set(config);
  }

  /** Clear lists, users, stats and faults; projects and keys stay. */
  reset(): void {
    this.#state.resetData();
    this.#stats = emptyStats();
    this.#faults.set({});
    this.#changed();
  }
}
