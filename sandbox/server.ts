import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { RATE_LIMIT_BODY, SANDBOX_DEMO_API_KEY, SANDBOX_DEMO_PROJECT, WRITE_ENDPOINTS, type SandboxEndpoint } from "./constants";
import { SandboxControl } from "./control";
import { handleControl } from "./control-routes";
import { FaultInjector, type SandboxFaults } from "./faults";
import { BodyTooLargeError, iterableError, parseJsonBody, readBody, sendJson, sendText } from "./http-util";
import * as handlers from "./iterable-handlers";
import { PUBLISHED_RATE_LIMITS, RateLimiter, type RateLimitConfig } from "./rate-limits";
import { loadState, saveState, SandboxState, type ProjectSeed } from "./state";
import { countRequest } from "./stats";

// A local Iterable-compatible server (Iterable offers no sandbox). Plain node:http, no
// framework: it must never be the bottleneck of an export benchmark.

export interface SandboxProjectSeed extends ProjectSeed {
  forgottenEmails?: string[];
  conflictEmails?: string[];
}

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** JSON file holding projects, lists, members and users; loaded at start, saved debounced and on close. */
  stateFile?: string;
  saveDebounceMs?: number;
  /** Default: the demo project with SANDBOX_DEMO_API_KEY. */
  projects?: SandboxProjectSeed[];
  /** Per endpoint; default Iterable's published limits (none for subscribe/unsubscribe). */
  rateLimits?: RateLimitConfig;
  faults?: SandboxFaults;
  /** Largest accepted body; Iterable documents 4 MB for bulkUpdate. */
  maxBodyBytes?: number;
  now?: () => number;
}

export interface SandboxHandle {
  url: string;
  port: number;
  control: SandboxControl;
  /** Write the state file now (if any). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
// The whole state is rewritten on each save; during a big export saving more often than this
// would cost more CPU than the ingest itself.
const DEFAULT_SAVE_DEBOUNCE_MS = 2000;

interface Route {
  endpoint: SandboxEndpoint;
  listId?: number;
}

function route(method: string, path: string, query: URLSearchParams): Route | undefined {
  if (path === "/api/lists") return method === "GET" ? { endpoint: "getLists" } : method === "POST" ? { endpoint: "createList" } : undefined;
  if (method === "POST" && path === "/api/lists/subscribe") return { endpoint: "subscribe" };
  if (method === "POST" && path === "/api/lists/unsubscribe") return { endpoint: "unsubscribe" };
  if (method === "POST" && path === "/api/users/bulkUpdate") return { endpoint: "bulkUpdate" };
  if (method === "GET" && path === "/api/lists/getUsers") return { endpoint: "getUsers", listId: Number(query.get("listId")) };
  let m = /^\/api\/lists\/(\d+)\/size$/.exec(path);
  if (m && method === "GET") return { endpoint: "size", listId: Number(m[1]) };
  m = /^\/api\/lists\/(\d+)$/.exec(path);
  if (m && method === "DELETE") return { endpoint: "deleteList", listId: Number(m[1]) };
  return undefined;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const now = options.now ?? Date.now;
  const state = (options.stateFile ? await loadState(options.stateFile) : undefined) ?? new SandboxState();
  const faults = new FaultInjector(options.faults);
  const rateLimiter = new RateLimiter(options.rateLimits ?? PUBLISHED_RATE_LIMITS);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  let saveTimer: NodeJS.Timeout | undefined;
  let saving: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = undefined;
    if (!options.stateFile) return;
    const file = options.stateFile;
    saving = saving.then(() => saveState(file, state));
    await saving;
  };
  const changed = () => {
    if (!options.stateFile || saveTimer) return;
    saveTimer = setTimeout(() => void flush().catch(() => undefined), options.saveDebounceMs ?? DEFAULT_SAVE_DEBOUNCE_MS);
  };

  const control = new SandboxControl(state, faults, rateLimiter, changed);
  for (const seed of options.projects ?? [{ name: SANDBOX_DEMO_PROJECT, apiKey: SANDBOX_DEMO_API_KEY }]) {
    control.addProject(seed);
  }

  const hanging = new Set<NodeJS.Timeout>();

  async function handleIterable(req: IncomingMessage, res: ServerResponse, r: Route): Promise<void> {
    const stats = control.liveStats;
    const reply = (status: number | "hang", send: () => void) => {
      countRequest(stats, r.endpoint, status);
      send();
    };
    let raw: Buffer;
    try {
      raw = await readBody(req, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      return reply(400, () => sendJson(res, 400, iterableError("Request body too large", "BatchTooLarge")));
    }

    const apiKey = req.headers["api-key"];
    const found = typeof apiKey === "string" ? state.findKey(apiKey) : undefined;
    if (!found || found.key.revoked) {
      // Iterable's exact answer for a wrong key (iterable-api.md, "Hosts and keys"); the key
      // itself is never echoed.
      const params = { endpoint: req.url?.split("?")[0] ?? "", ip: req.socket.remoteAddress ?? "" };
      return reply(401, () => sendJson(res, 401, iterableError("Invalid API key", "BadApiKey", params)));
    }
    if (found.key.type === "readOnly" && WRITE_ENDPOINTS.has(r.endpoint)) {
      // Unconfirmed shape: Iterable documents that read-only keys cannot write, not the answer.
      return reply(403, () => sendJson(res, 403, iterableError("This API key is not allowed to call this endpoint", "Forbidden")));
    }
    const project = found.project;
    const rate = rateLimiter.take(project.name, r.endpoint, now());
    if (!rate.allowed) {
      const headers = rate.retryAfterHeader ? { "retry-after": rate.retryAfterHeader } : undefined;
      return reply(429, () => sendText(res, 429, RATE_LIMIT_BODY, headers));
    }

    const fault = faults.decide(r.endpoint);
    if (fault.kind === "hang") {
      countRequest(stats, r.endpoint, "hang");
      const timer = setTimeout(() => req.socket.destroy(), fault.hangMs);
      hanging.add(timer);
      req.socket.once("close", () => {
        clearTimeout(timer);
        hanging.delete(timer);
      });
      return;
    }
    if (fault.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
    if (fault.kind === "rateLimit") {
      const headers = fault.retryAfter ? { "retry-after": fault.retryAfter } : undefined;
      return reply(429, () => sendText(res, 429, RATE_LIMIT_BODY, headers));
    }
    if (fault.kind === "status") return reply(fault.status, () => sendServerError(res, fault.status));

    let body: unknown;
    if (req.method === "POST") {
      const parsed = parseJsonBody(raw);
      if (!parsed.ok) return reply(400, () => sendJson(res, 400, iterableError("Invalid JSON body", "BadJsonBody")));
      body = parsed.value;
    }
    const ctx: handlers.HandlerContext = { state, project, stats, nowMs: now(), listNotReadyMs: faults.listNotReadyMs };
    const result = dispatch(ctx, r, body);
    if (r.endpoint !== "getLists" && r.endpoint !== "getUsers" && r.endpoint !== "size" && result.status === 200) changed();
    reply(result.status, () =>
      "json" in result ? sendJson(res, result.status, result.json, result.headers) : sendText(res, result.status, result.text, result.headers),
    );
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://sandbox.local");
    const method = req.method ?? "GET";
    const work = url.pathname.startsWith("/_sandbox/")
      ? handleControl(control, req, res, url.pathname)
      : (() => {
          const r = route(method, url.pathname, url.searchParams);
          if (r) return handleIterable(req, res, r);
          countRequest(control.liveStats, "unknown", 404);
          return readBody(req, 1024 * 1024).then(() => sendJson(res, 404, iterableError("Route not found", "NotFound")));
        })();
    work.catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, iterableError(`Sandbox error: ${String(error)}`, "GenericError"));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 10_000;

  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  if (options.stateFile) await flush();

  let closed: Promise<void> | undefined;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    control,
    flush,
    close() {
      closed ??= (async () => {
        for (const timer of hanging) clearTimeout(timer);
        hanging.clear();
        const done = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await done;
        await flush();
      })();
      return closed;
    },
  };
}

function dispatch(ctx: handlers.HandlerContext, r: Route, body: unknown): handlers.Reply {
  switch (r.endpoint) {
    case "getLists":
      return handlers.getLists(ctx);
    case "createList":
      return handlers.createList(ctx, body);
    case "deleteList":
      return handlers.deleteList(ctx, r.listId ?? Number.NaN);
    case "subscribe":
      return handlers.subscribe(ctx, body);
    case "unsubscribe":
      return handlers.unsubscribe(ctx, body);
    case "getUsers":
      return handlers.getUsers(ctx, r.listId ?? Number.NaN);
    case "size":
      return handlers.size(ctx, r.listId ?? Number.NaN);
    case "bulkUpdate":
      return handlers.bulkUpdate(ctx, body);
  }
}

// 500s come from Iterable's application (JSON); 502/503/504 usually from a proxy in front (HTML).
function sendServerError(res: ServerResponse, status: number): void {
  if (status === 500) {
    sendJson(res, 500, iterableError("Internal server error", "GenericError"));
    return;
  }
  const title = `${status} ${status === 502 ? "Bad Gateway" : status === 503 ? "Service Temporarily Unavailable" : "Gateway Time-out"}`;
  sendText(res, status, `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`, {}, "text/html");
}
