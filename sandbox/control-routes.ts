import type { IncomingMessage, ServerResponse } from "node:http";
import type { SandboxControl } from "./control";
import { parseJsonBody, readBody, sendJson } from "./http-util";

// HTTP face of SandboxControl, under /_sandbox/.
export async function handleControl(control: SandboxControl, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const raw = await readBody(req, 16 * 1024 * 1024);
  const parsed = parseJsonBody(raw);
  const body = (parsed.ok ? parsed.value : {}) as Record<string, unknown>;
  const method = req.method ?? "GET";
  const route = `${method} ${path}`;
  const ok = (value: unknown = { ok: true }) => sendJson(res, 200, value);
  const notFound = () => sendJson(res, 404, { error: "not found" });
  let match: RegExpExecArray | null;

  if (route === "GET /_sandbox/health") return ok({ ok: true });
  if (route === "GET /_sandbox/projects") return ok({ projects: control.projects() });
  if (route === "POST /_sandbox/projects") {
    control.addProject(body as never);
    return ok();
  }
  if (route === "GET /_sandbox/stats") return ok(control.stats());
  if (route === "POST /_sandbox/stats/reset") return ok(control.resetStats());
  if (route === "POST /_sandbox/reset") return ok(control.reset());
  if (route === "GET /_sandbox/faults") return ok(control.faults());
  if (route === "PUT /_sandbox/faults") return ok(control.setFaults(body));
  if (route === "GET /_sandbox/rate-limits") return ok(control.rateLimits());
  if (route === "PUT /_sandbox/rate-limits") return ok(control.setRateLimits(body));
  if (route === "POST /_sandbox/keys/revoke" || route === "POST /_sandbox/keys/restore") {
    const found = control.setRevoked(String(body.apiKey ?? ""), route.endsWith("revoke"));
    return found ? ok() : notFound();
  }
  if ((match = /^GET \/_sandbox\/lists\/(\d+)\/members$/.exec(route))) {
    const members = control.members(Number(match[1]));
    return members ? ok({ listId: Number(match[1]), members }) : notFound();
  }
  if ((match = /^POST \/_sandbox\/lists\/(\d+)\/in-use$/.exec(route))) {
    return control.setListInUse(Number(match[1]), body.inUse !== false) ? ok() : notFound();
  }
  if ((match = /^GET \/_sandbox\/projects\/([^/]+)\/lists$/.exec(route))) {
    return ok({ lists: control.lists(decodeURIComponent(match[1] ?? "")) });
  }
  if ((match = /^GET \/_sandbox\/projects\/([^/]+)\/users\/([^/]+)$/.exec(route))) {
    const user = control.user(decodeURIComponent(match[1] ?? ""), decodeURIComponent(match[2] ?? ""));
    return user ? ok({ dataFields: user }) : notFound();
  }
  if ((match = /^POST \/_sandbox\/projects\/([^/]+)\/(forgotten|conflicts)$/.exec(route))) {
    const emails = Array.isArray(body.emails) ? body.emails.map(String) : [];
    const name = decodeURIComponent(match[1] ?? "");
    const done = match[2] === "forgotten" ? control.forget(name, emails) : control.markConflicts(name, emails);
    return done ? ok() : notFound();
  }
  return notFound();
}
