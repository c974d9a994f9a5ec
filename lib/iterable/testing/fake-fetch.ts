import type { FetchLike } from "../transport";

// Scripted fetch for unit tests: answers in order, records what the client sent.
export type FakeAnswer =
  | { status: number; body?: string; json?: unknown; headers?: Record<string, string> }
  | { networkError: string }
  | { hang: true };

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export function fakeFetch(answers: FakeAnswer[], fallback?: FakeAnswer): FetchLike & { requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    requests.push({
      url,
      method: init.method ?? "GET",
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === "string" ? init.body : undefined,
    });
    const answer = answers.shift() ?? fallback;
    if (!answer) throw new Error("fakeFetch: no answer scripted");
    if ("hang" in answer) {
      return new Promise<Response>((_, reject) => {
        init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
      });
    }
    if ("networkError" in answer) {
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect failed"), { code: answer.networkError }) });
    }
    const body = answer.json !== undefined ? JSON.stringify(answer.json) : (answer.body ?? "");
    const contentType = answer.json !== undefined ? "application/json" : "text/plain";
    return new Response(answer.status === 204 ? null : body, {
      status: answer.status,
      headers: { "content-type": contentType, ...answer.headers },
    });
  }) as FetchLike & { requests: RecordedRequest[] };
  fn.requests = requests;
  return fn;
}

/** Run fake timers until `promise` settles (real timers, e.g. the transport timeout, still tick). */
export async function drive<T>(clock: { runAll(): Promise<void> }, promise: Promise<T>): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  watched.catch(() => undefined);
  for (let i = 0; i < 2000 && !settled; i += 1) {
    await clock.runAll();
    if (!settled) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return watched;
}
