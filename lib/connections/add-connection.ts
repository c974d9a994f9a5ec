// A connection in one call, for the command line (`ferry connections add`): the wizard's steps
// without its pages. The same checks run in the same order (name free, privacy notice of this
// version agreed to, Connect with the key), and the row is written by the wizard's own
// insertConnection, so the privacy acceptance and the export user are recorded identically.
// The one step left out is the wizard's password re-confirmation: the CLI has no session to
// re-confirm (it runs with the database and master key of the installation, as `--as`).
import type { AuditActor } from "@/lib/audit/audit-log";
import { ExpectedError } from "@/lib/errors";
import { checkFailed, checkIterableKey } from "./connection-check";
import { insertConnection } from "./connections";
import { assertNameFree } from "./drafts";
import { PRIVACY_NOTICE_VERSION } from "./privacy-notice";
import { addConnectionSchema, type AddConnectionInput } from "./schemas";

type Actor = NonNullable<AuditActor>;

export async function addConnection(actor: Actor, raw: AddConnectionInput, options: { timeoutMs?: number } = {}) {
  const input = addConnectionSchema.parse(raw);
  // The admin agreed to the notice they were shown; an older text is not this one.
  if (input.noticeVersion !== PRIVACY_NOTICE_VERSION) throw new ExpectedError("connections.noticeChanged", { field: "agree" });
  await assertNameFree(input.displayName);
  const endpoint = { region: input.region, baseUrl: input.region === "SANDBOX" ? input.baseUrl ?? null : null };
  const outcome = await checkIterableKey(input.apiKey, endpoint, options);
  if (!outcome.ok) throw checkFailed(outcome);
  const now = new Date();
  const connection = await insertConnection(actor, {
    type: input.type, displayName: input.displayName, sharing: input.sharing, ...endpoint,
    apiKey: input.apiKey, connectedAt: now, privacyNoticeVersion: PRIVACY_NOTICE_VERSION, privacyAcceptedAt: now,
  });
  return { connection, listCount: outcome.listCount };
}
