import { networkFailure, timeoutFailure, type HttpRequest, type Transport } from "../transport";

// Scripted transport for unit tests: answers in order, records what the client sent. (The real
// transport is tested against a local server, transport.int.test.ts, and the client over it
// against the sandbox.)
export type FakeAnswer =
  | { status: number; body?: string; json?: unknown; headers?: Record<string, string> }
  | { networkError: string }
  | { hang: true };

export type RecordedRequest = HttpRequest;

export function fakeTransport(answers: FakeAnswer[], fallback?: FakeAnswer): Transport & { requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fn = (async (request: HttpRequest, timeoutMs: number) => {
    requests.push({ ...request, headers: { ...request.headers } });
    const answer = answers.shift() ?? fallback;
    if (!answer) throw new Error("fakeTransport: no answer scripted");
    // Like the real transport: no answer within the timeout (a real timer).
    if ("hang" in answer) return new Promise<never>((_, reject) => setTimeout(() => reject(timeoutFailure(timeoutMs)), timeoutMs));
    if ("networkError" in answer) throw networkFailure({ code: answer.networkError });
    const lower = Object.fromEntries(Object.entries(answer.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    return {
      status: answer.status,
      bodyText: answer.status === 204 ? "" : answer.json !== undefined ? JSON.stringify(answer.json) : (answer.body ?? ""),
      retryAfter: lower["retry-after"] ?? null,
      contentType: lower["content-type"] ?? (answer.json !== undefined ? "application/json" : "text/plain"),
    };
  }) as Transport & { requests: RecordedRequest[] };
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
