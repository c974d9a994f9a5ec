// Connect / Check now: one live GET /api/lists with the key (lib/iterable's checkConnection),
// turned into a stored status and a specific message for the administrator.
import { createIterableClient, type ConnectionProblem } from "@/lib/iterable";
import { ExpectedError } from "@/lib/errors";
import type { MessageKey } from "@/lib/i18n/messages";
import { iterableEndpoint } from "./endpoints";
import type { RegionName } from "./schemas";

export type CheckOutcome =
  | { ok: true; listCount: number }
  | { ok: false; problem: ConnectionProblem; status?: number; suggestRegion?: "US" | "EU" };

export type Endpoint = { region: RegionName; baseUrl?: string | null };

export async function checkIterableKey(apiKey: string, endpoint: Endpoint, options: { timeoutMs?: number } = {}): Promise<CheckOutcome> {
  const client = createIterableClient({ apiKey, region: iterableEndpoint(endpoint.region, endpoint.baseUrl) });
  const result = await client.checkConnection({ timeoutMs: options.timeoutMs });
  if (result.ok) return { ok: true, listCount: result.listCount };
  // Keys only work in their own data center, so a 401 on US or EU most often means the other
  // one (decided here, not by the client, because the hosts may be overridden by base URLs).
  const other = endpoint.region === "US" ? "EU" : endpoint.region === "EU" ? "US" : undefined;
  return {
    ok: false,
    problem: result.problem,
    ...(result.status !== undefined ? { status: result.status } : {}),
    ...(result.problem === "badKey" && other ? { suggestRegion: other } : {}),
  };
}

const PROBLEM_MESSAGES: Record<ConnectionProblem, MessageKey> = {
  badKey: "connections.check.badKey",
  forbidden: "connections.check.forbidden",
  unreachable: "connections.check.unreachable",
  timeout: "connections.check.timeout",
  rateLimited: "connections.check.rateLimited",
  serverError: "connections.check.serverError",
  unexpected: "connections.check.unexpected",
};

export function problemMessage(outcome: Extract<CheckOutcome, { ok: false }>): { key: MessageKey; params?: Record<string, string> } {
  if (outcome.suggestRegion) return { key: "connections.check.otherRegion", params: { region: outcome.suggestRegion } };
  return { key: PROBLEM_MESSAGES[outcome.problem] };
}

/** A failed Connect as an error on the key field (the key itself is never in it). */
export function checkFailed(outcome: Extract<CheckOutcome, { ok: false }>): ExpectedError {
  const message = problemMessage(outcome);
  return new ExpectedError(message.key, { field: "apiKey", params: message.params });
}
