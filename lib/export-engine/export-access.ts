// Contributors set up and run exports only on connections shared with them; administrators on
// any. The server checks it (the form offers only usable connections, but a form can be forged).
import type { CurrentUser } from "@/lib/auth/session";
import { listUsableConnections } from "@/lib/connections/export-readiness";
import { db } from "@/lib/db/client";
import { ExpectedError, NotAllowedError } from "@/lib/errors";

export async function assertMayUseConnection(user: CurrentUser, connectionId: string) {
  const usable = await listUsableConnections(user.role);
  if (!usable.some((c) => c.id === connectionId)) throw new ExpectedError("exports.form.connectionUnavailable", { field: "connectionId" });
}

/** For run, cancel, confirm, edit of an existing export: its connection must be usable (or none). */
export async function assertMayOperateExport(user: CurrentUser, exportId: string) {
  const exp = await db().export.findUnique({ where: { id: exportId }, select: { connectionId: true } });
  if (!exp) throw new ExpectedError("exports.error.notFound", { status: 404 });
  if (!exp.connectionId) return;
  const usable = await listUsableConnections(user.role);
  if (!usable.some((c) => c.id === exp.connectionId)) throw new NotAllowedError();
}

export async function exportIdOfRun(runId: string): Promise<string> {
  const run = await db().exportRun.findUnique({ where: { id: runId }, select: { exportId: true } });
  if (!run) throw new ExpectedError("exports.error.runNotFound", { status: 404 });
  return run.exportId;
}

/** Run now on a detached export is refused (the schedule records it as skipped instead). */
export async function assertExportHasConnection(exportId: string) {
  const exp = await db().export.findUnique({ where: { id: exportId }, select: { connectionId: true } });
  if (!exp) throw new ExpectedError("exports.error.notFound", { status: 404 });
  if (!exp.connectionId) throw new ExpectedError("exports.error.detached", { status: 409 });
}
