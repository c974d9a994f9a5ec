import { inspect } from "node:util";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./backoff";
import {
  assertUniqueEmails,
  emptyResult,
  withListNotReadyRetry,
  type BulkWriteResult,
  type ListNotReadyRetry,
} from "./bulk-write";
import { connectionCheckFromError, type ConnectionCheck } from "./check-connection";
import { systemClock, type Clock } from "./clock";
import { IterableUnexpectedResponseError, IterableUsageError } from "./errors";
import { execute, type CallSpec, type ClientStats, type ExecutorContext, type IterableLogger, type RetryEvent } from "./executor";
import { projectIdForKey, redactKey } from "./project-id";
import { DEFAULT_RATE_LIMIT, processLimiters, type LimiterRegistry, type RateLimitConfig } from "./rate-limiter";
import { summarizeRows } from "./row-outcomes";
import { BulkWriteResponseSchema, CreateListResponseSchema, GetListsResponseSchema, ListSizeTextSchema } from "./schemas";
import { httpTransport, type Transport } from "./transport";

// Built as a thin HTTP layer over @iterable/api's zod response schemas, not on its
// IterableClient, because that client (0.13) is axios-based with one fixed timeout and no hook
// for our own per-project limiter or retry policy; it treats a plain-text 429 as an opaque
// error; its axios errors keep the request config (including the Api-Key header) in
// `error.cause`, which would leak the key through any serialized cause chain; its package root
// validates process.env and builds a winston logger at import; and its bulk-write schema strips
// the notFound/forgotten/conflict/invalidData arrays we need per row (see schemas.ts).

export type IterableRegion = "us" | "eu" | { baseUrl: string };

export const REGION_BASE_URLS = {
  us: "https://api.iterable.com",
  eu: "https://api.eu.iterable.com",
} as const;

export interface IterableClientOptions {
  apiKey: string;
  region: IterableRegion;
  rateLimit?: RateLimitConfig;
  retry?: Partial<RetryPolicy>;
  /** Per HTTP attempt, headers and body included. */
  timeoutMs?: number;
  onRetry?: (event: RetryEvent) => void;
  logger?: IterableLogger;
  // Test seams.
  transport?: Transport;
  clock?: Clock;
  random?: () => number;
  limiters?: LimiterRegistry;
}

export interface IterableList {
  id: number;
  name: string;
  description?: string;
  listType: string;
  createdAt: number;
}

export interface Subscriber {
  email: string;
  dataFields?: Record<string, unknown>;
}

export interface CallOptions {
  onRetry?: (event: RetryEvent) => void;
}

export interface SubscribeOptions extends CallOptions {
  /** Honoured by userID-based and hybrid projects only; email-based projects ignore it. */
  updateExistingUsersOnly?: boolean;
  listNotReady?: ListNotReadyRetry;
}

/**
 * Subscribers already serialised, with their emails in the same order: one JSON object text per
 * row (`{"email": …, "dataFields": …}`), or all of them already joined with commas (`joined`: the
 * caller vouches for one object per email, in order). The engine builds these texts from its
 * planned rows, so a million rows are never parsed into objects and serialised again.
 */
export type SerializedSubscribers = { emails: readonly string[]; json: readonly string[] } | { emails: readonly string[]; joined: string };

export interface UnsubscribeOptions extends CallOptions {
  campaignId?: number;
  listNotReady?: ListNotReadyRetry;
}

export interface BulkUpdateOptions extends CallOptions {
  createNewFields?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export class IterableClient {
  readonly projectId: string;
  readonly baseUrl: string;
  readonly region: "us" | "eu" | "custom";
  // ES private field: invisible to JSON.stringify, util.inspect, structuredClone and spread.
  readonly #apiKey: string;
  readonly #ctx: ExecutorContext;

  constructor(options: IterableClientOptions) {
    if (typeof options.apiKey !== "string" || options.apiKey.trim() === "") {
      throw new IterableUsageError("an Iterable API key is required");
    }
    this.#apiKey = options.apiKey;
    this.projectId = projectIdForKey(options.apiKey);
    this.region = typeof options.region === "string" ? options.region : "custom";
    this.baseUrl = (typeof options.region === "string" ? REGION_BASE_URLS[options.region] : options.region.baseUrl).replace(/\/+$/, "");
    const clock = options.clock ?? systemClock;
    const apiKey = this.#apiKey;
    this.#ctx = {
      projectId: this.projectId,
      baseUrl: this.baseUrl,
      headers: () => ({ "Api-Key": apiKey, "Content-Type": "application/json", Accept: "application/json, text/plain" }),
      redact: (text) => redactKey(text, apiKey),
      transport: options.transport ?? httpTransport,
      clock,
      random: options.random ?? Math.random,
      retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      limiter: (options.limiters ?? processLimiters).get(this.projectId, options.rateLimit ?? DEFAULT_RATE_LIMIT),
      stats: { requests: 0, retries: 0, retriesByReason: { rateLimited: 0, serverError: 0, network: 0, timeout: 0 } },
      logger: options.logger,
      onRetry: options.onRetry,
    };
  }

  async listLists(options: CallOptions = {}): Promise<IterableList[]> {
    const { response } = await this.#call({ method: "GET", path: "/api/lists", group: "lists", ...options });
    return this.#parseJson(response.bodyText, GetListsResponseSchema, "GET /api/lists").lists;
  }

  async createList(name: string, description?: string, options: CallOptions = {}): Promise<number> {
    const body = { name, ...(description !== undefined ? { description } : {}) };
    const { response } = await this.#call({ method: "POST", path: "/api/lists", group: "writes", body, ...options });
    return this.#parseJson(response.bodyText, CreateListResponseSchema, "POST /api/lists").listId;
  }

  async deleteList(listId: number, options: CallOptions = {}): Promise<void> {
    await this.#call({ method: "DELETE", path: `/api/lists/${assertListId(listId)}`, group: "writes", listId, ...options });
  }

  async subscribe(listId: number, subscribers: readonly Subscriber[], options: SubscribeOptions = {}): Promise<BulkWriteResult> {
    const emails = subscribers.map((s) => s.email);
    assertUniqueEmails(emails);
    if (emails.length === 0) return emptyResult();
    const body = {
      listId: assertListId(listId),
      subscribers: subscribers.map((s) => ({ email: s.email, ...(s.dataFields ? { dataFields: s.dataFields } : {}) })),
      ...(options.updateExistingUsersOnly !== undefined ? { updateExistingUsersOnly: options.updateExistingUsersOnly } : {}),
    };
    return withListNotReadyRetry(this.#ctx.clock, options.listNotReady, () =>
      this.#bulk({ method: "POST", path: "/api/lists/subscribe", group: "writes", body, listId, ...callbacks(options) }, emails),
    );
  }

  /** `subscribe` for rows serialised by the caller (see SerializedSubscribers). */
  async subscribeSerialized(listId: number, subscribers: SerializedSubscribers, options: SubscribeOptions = {}): Promise<BulkWriteResult> {
    const { emails } = subscribers;
    if ("json" in subscribers && emails.length !== subscribers.json.length) throw new IterableUsageError("one serialised subscriber per email");
    assertUniqueEmails(emails);
    if (emails.length === 0) return emptyResult();
    const extra = options.updateExistingUsersOnly !== undefined ? `,"updateExistingUsersOnly":${options.updateExistingUsersOnly}` : "";
    const bodyText = `{"listId":${assertListId(listId)},"subscribers":[${"json" in subscribers ? subscribers.json.join(",") : subscribers.joined}]${extra}}`;
    return withListNotReadyRetry(this.#ctx.clock, options.listNotReady, () =>
      this.#bulk({ method: "POST", path: "/api/lists/subscribe", group: "writes", bodyText, listId, ...callbacks(options) }, emails),
    );
  }

  async unsubscribe(listId: number, subscribers: readonly { email: string }[], options: UnsubscribeOptions = {}): Promise<BulkWriteResult> {
    const emails = subscribers.map((s) => s.email);
    assertUniqueEmails(emails);
    if (emails.length === 0) return emptyResult();
    const body = {
      listId: assertListId(listId),
      subscribers: emails.map((email) => ({ email })),
      // Always explicit: true would unsubscribe the person from the whole channel, and at least
      // one open-source tool believes the default is true (iterable-api.md, behaviour 6).
      channelUnsubscribe: false,
      ...(options.campaignId !== undefined ? { campaignId: options.campaignId } : {}),
    };
    return withListNotReadyRetry(this.#ctx.clock, options.listNotReady, () =>
      this.#bulk({ method: "POST", path: "/api/lists/unsubscribe", group: "writes", body, listId, ...callbacks(options) }, emails),
    );
  }

  async bulkUpdateUsers(users: readonly Subscriber[], options: BulkUpdateOptions = {}): Promise<BulkWriteResult> {
    const emails = users.map((u) => u.email);
    assertUniqueEmails(emails);
    if (emails.length === 0) return emptyResult();
    const body = {
      users: users.map((u) => ({ email: u.email, dataFields: u.dataFields ?? {} })),
      ...(options.createNewFields !== undefined ? { createNewFields: options.createNewFields } : {}),
    };
    return this.#bulk({ method: "POST", path: "/api/users/bulkUpdate", group: "bulkUpdate", body, ...callbacks(options) }, emails);
  }

  /** Members as Iterable reports them (text/plain, one email per line). 5 requests/minute. */
  async getListUsers(listId: number, options: CallOptions = {}): Promise<string[]> {
    const path = `/api/lists/getUsers?listId=${assertListId(listId)}`;
    const { response } = await this.#call({ method: "GET", path, group: "getUsers", listId, ...options });
    return response.bodyText.split("\n").map((line) => line.trim()).filter((line) => line !== "");
  }

  /** List size as text. 5 requests/minute; lags recent writes by a minute or more. */
  async listSize(listId: number, options: CallOptions = {}): Promise<number> {
    const path = `/api/lists/${assertListId(listId)}/size`;
    const { response } = await this.#call({ method: "GET", path, group: "size", listId, ...options });
    const parsed = ListSizeTextSchema.safeParse(response.bodyText);
    if (!parsed.success) throw this.#unexpected(`GET /api/lists/{listId}/size`, "the size is not a number");
    return parsed.data;
  }

  /** One attempt, no retries: the wizard wants a fast, honest answer. */
  async checkConnection(options: { timeoutMs?: number } = {}): Promise<ConnectionCheck> {
    try {
      const { response } = await this.#call({
        method: "GET",
        path: "/api/lists",
        group: "lists",
        maxAttempts: 1,
        timeoutMs: options.timeoutMs ?? 10_000,
      });
      const lists = this.#parseJson(response.bodyText, GetListsResponseSchema, "GET /api/lists").lists;
      return { ok: true, listCount: lists.length };
    } catch (error) {
      return connectionCheckFromError(error, this.region);
    }
  }

  /** Requests and retries made by this client instance (retries by reason). */
  stats(): ClientStats {
    const s = this.#ctx.stats;
    return { requests: s.requests, retries: s.retries, retriesByReason: { ...s.retriesByReason } };
  }

  toJSON(): Record<string, unknown> {
    return { type: "IterableClient", projectId: this.projectId, region: this.region, baseUrl: this.baseUrl };
  }

  [inspect.custom](): string {
    return `IterableClient { projectId: '${this.projectId}', region: '${this.region}', baseUrl: '${this.baseUrl}' }`;
  }

  async #bulk(spec: CallSpec, emails: readonly string[]): Promise<BulkWriteResult> {
    const { response, attempts } = await this.#call(spec);
    const endpoint = `${spec.method} ${spec.path}`;
    const parsed = this.#parseJson(response.bodyText, BulkWriteResponseSchema, endpoint);
    return { ...summarizeRows(emails, parsed), attempts };
  }

  #call(spec: CallSpec) {
    return execute(this.#ctx, spec);
  }

  // Structural type: @iterable/api bundles its own zod copy, so its schemas are not our z.ZodType.
  #parseJson<T>(text: string, schema: SafeParser<T>, endpoint: string): T {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw this.#unexpected(endpoint, "the answer is not JSON");
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw this.#unexpected(endpoint, "the answer does not match Iterable's schema");
    return parsed.data;
  }

  #unexpected(endpoint: string, detail: string): IterableUnexpectedResponseError {
    return new IterableUnexpectedResponseError("unexpectedResponse", `${endpoint}: ${detail}`, {
      endpoint,
      status: 200,
      attempts: 1,
      retryable: false,
    });
  }
}

export function createIterableClient(options: IterableClientOptions): IterableClient {
  return new IterableClient(options);
}

interface SafeParser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false };
}

function assertListId(listId: number): number {
  if (!Number.isSafeInteger(listId) || listId <= 0) throw new IterableUsageError("listId must be a positive integer");
  return listId;
}

function callbacks(options: CallOptions): Pick<CallSpec, "onRetry"> {
  return options.onRetry ? { onRetry: options.onRetry } : {};
}
