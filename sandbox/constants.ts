// Fixed, clearly fake credentials so the demo and docs can name them. Not secret.
export const SANDBOX_DEMO_API_KEY = "ferry-sandbox-demo-key-0000000000000000";
export const SANDBOX_DEMO_PROJECT = "Ferry demo";
export const SANDBOX_DEFAULT_PORT = 4010;
export const SANDBOX_DEFAULT_STATE_FILE = ".data/sandbox/state.json";

// Iterable's 429 body is plain text, not JSON (iterable-api.md, behaviour 2).
export const RATE_LIMIT_BODY = "Rate limit exceeded. Please try again later.";

export type SandboxEndpoint =
  | "getLists"
  | "createList"
  | "deleteList"
  | "subscribe"
  | "unsubscribe"
  | "getUsers"
  | "size"
  | "bulkUpdate";

export const SANDBOX_ENDPOINTS: readonly SandboxEndpoint[] = [
  "getLists",
  "createList",
  "deleteList",
  "subscribe",
  "unsubscribe",
  "getUsers",
  "size",
  "bulkUpdate",
];

export const WRITE_ENDPOINTS: ReadonlySet<SandboxEndpoint> = new Set([
  "createList",
  "deleteList",
  "subscribe",
  "unsubscribe",
  "bulkUpdate",
]);
