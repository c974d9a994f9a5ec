import { IterableError } from "./errors";

// Result of the connections wizard's "test connection" (GET /api/lists, the cheapest call that
// needs a valid key). A read-only key also passes, so this cannot prove write access.
export type ConnectionProblem =
  | "badKey" // 401: wrong key, revoked, or a key from the other data center
  | "forbidden" // 403
  | "unreachable" // no HTTP answer (DNS, refused, reset)
  | "timeout"
  | "rateLimited"
  | "serverError"
  | "unexpected"; // any other answer

export type ConnectionCheck =
  | { ok: true; listCount: number }
  | {
      ok: false;
      problem: ConnectionProblem;
      status?: number;
      /** For 401 on a named region: keys only work in their own data center, suggest the other. */
      suggestRegion?: "us" | "eu";
      message: string;
    };

const MESSAGES: Record<ConnectionProblem, string> = {
  badKey: "Iterable did not accept this API key.",
  forbidden: "This API key is not allowed to read lists. Use a server-side key.",
  unreachable: "Iterable could not be reached.",
  timeout: "Iterable did not answer in time.",
  rateLimited: "Iterable is rate limiting this project right now. Try again in a minute.",
  serverError: "Iterable answered with a server error. Try again later.",
  unexpected: "Iterable gave an unexpected answer.",
};

export function connectionCheckFromError(error: unknown, region: "us" | "eu" | "custom"): ConnectionCheck {
  if (!(error instanceof IterableError)) throw error;
  const problem: ConnectionProblem =
    error.kind === "badKey" || error.kind === "forbidden" || error.kind === "rateLimited" ||
    error.kind === "serverError" || error.kind === "timeout"
      ? error.kind
      : error.kind === "network"
        ? "unreachable"
        : "unexpected";
  const suggestRegion = problem === "badKey" && region !== "custom" ? (region === "us" ? "eu" : "us") : undefined;
  return {
    ok: false,
    problem,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(suggestRegion ? { suggestRegion } : {}),
    message: suggestRegion
      ? `${MESSAGES.badKey} Keys only work in their own data center: is this an ${suggestRegion.toUpperCase()} project?`
      : MESSAGES[problem],
  };
}
