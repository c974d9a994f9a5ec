import type { SandboxEndpoint } from "./constants";

// Fault injection. Scripted faults are deterministic (tests); rates are random with a seeded
// generator (demos, soak runs).
export interface ScriptedFault {
  kind: "status" | "rateLimit" | "hang";
  /** Only requests to this endpoint consume the fault; any endpoint when absent. */
  endpoint?: SandboxEndpoint;
  /** For kind "status": 500, 502, 503, 504... */
  status?: number;
  /** For kind "rateLimit": the raw Retry-After header value (seconds or HTTP-date), if any. */
  retryAfter?: string;
  /** How many requests it applies to (default 1). */
  times?: number;
}

export interface SandboxFaults {
  script?: ScriptedFault[];
  /** Share (0..1) of requests answered with one of errorStatuses. */
  errorRate?: number;
  errorStatuses?: number[];
  /** Added to every Iterable-endpoint answer. */
  latencyMs?: number;
  /** Share (0..1) of requests that never get an answer (until hangMs, then the socket closes). */
  hangRate?: number;
  hangMs?: number;
  /** A new list answers like an unknown list (400, code "Success") for this long. */
  listNotReadyMs?: number;
  /** Restrict errorRate/hangRate/latency to these endpoints. */
  endpoints?: SandboxEndpoint[];
  seed?: number;
}

export type FaultDecision =
  | { kind: "none"; latencyMs: number }
  | { kind: "status"; status: number; latencyMs: number }
  | { kind: "rateLimit"; retryAfter?: string; latencyMs: number }
  | { kind: "hang"; hangMs: number };

export const DEFAULT_HANG_MS = 120_000;

export class FaultInjector {
  #faults: SandboxFaults = {};
  #script: ScriptedFault[] = [];
  #random: () => number = Math.random;

  constructor(faults: SandboxFaults = {}) {
    this.set(faults);
  }

  get faults(): SandboxFaults {
    return { ...this.#faults, script: this.#script.map((f) => ({ ...f })) };
  }

  set(faults: SandboxFaults): void {
    this.#faults = { ...faults };
    this.#script = (faults.script ?? []).map((f) => ({ ...f, times: f.times ?? 1 }));
    this.#random = faults.seed === undefined ? Math.random : mulberry32(faults.seed);
  }

  get listNotReadyMs(): number {
    return this.#faults.listNotReadyMs ?? 0;
  }

  decide(endpoint: SandboxEndpoint): FaultDecision {
    const f = this.#faults;
    const applies = !f.endpoints || f.endpoints.includes(endpoint);
    const latencyMs = applies ? (f.latencyMs ?? 0) : 0;
    const scripted = this.#script.find((s) => !s.endpoint || s.endpoint === endpoint);
    if (scripted) {
      scripted.times = (scripted.times ?? 1) - 1;
      if (scripted.times <= 0) this.#script.splice(this.#script.indexOf(scripted), 1);
      if (scripted.kind === "hang") return { kind: "hang", hangMs: f.hangMs ?? DEFAULT_HANG_MS };
      if (scripted.kind === "rateLimit") {
        return { kind: "rateLimit", latencyMs, ...(scripted.retryAfter ? { retryAfter: scripted.retryAfter } : {}) };
      }
      return { kind: "status", status: scripted.status ?? 503, latencyMs };
    }
    if (!applies) return { kind: "none", latencyMs };
    if (f.hangRate && this.#random() < f.hangRate) return { kind: "hang", hangMs: f.hangMs ?? DEFAULT_HANG_MS };
    if (f.errorRate && this.#random() < f.errorRate) {
      const statuses = f.errorStatuses?.length ? f.errorStatuses : [500, 502, 503];
      const status = statuses[Math.floor(this.#random() * statuses.length)] ?? 503;
      return { kind: "status", status, latencyMs };
    }
    return { kind: "none", latencyMs };
  }
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
