// Integration-test helpers for connections: a sandbox project and a connection made through
// the same wizard functions an administrator uses.
import type { CurrentUser } from "@/lib/auth/session";
import { saveDraftAsConnection } from "@/lib/connections/connections";
import { confirmDraftExportUser, connectDraft, saveDraftName, saveDraftSharing, startDraft } from "@/lib/connections/drafts";
import { PRIVACY_NOTICE_VERSION } from "@/lib/connections/privacy-notice";
import type { SharingName } from "@/lib/connections/schemas";
import { TEST_PASSWORD } from "./database";

let counter = 0;

export async function createTestConnection(admin: CurrentUser, options: { baseUrl: string; apiKey: string; name?: string; sharing?: SharingName }) {
  counter += 1;
  const draft = await startDraft(admin, { type: "ITERABLE" });
  await saveDraftName(admin, { draftId: draft.id, displayName: options.name ?? `Test connection ${counter}` });
  await saveDraftSharing(admin, { draftId: draft.id, sharing: options.sharing ?? "ADMINISTRATORS" });
  await connectDraft(admin, { draftId: draft.id, region: "SANDBOX", baseUrl: options.baseUrl, apiKey: options.apiKey, agree: "on", noticeVersion: PRIVACY_NOTICE_VERSION });
  await confirmDraftExportUser(admin, { draftId: draft.id, password: TEST_PASSWORD });
  return saveDraftAsConnection(admin, { draftId: draft.id });
}
