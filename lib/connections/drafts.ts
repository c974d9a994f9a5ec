// The connection wizard's state between its pages: a draft row private to the administrator
// who started it, refreshed on every step and deleted on Save or Cancel (or ignored and later
// deleted once expired). The API key is only written after it passed Connect, encrypted.
import type { AuditActor } from "@/lib/audit/audit-log";
import { db } from "@/lib/db/client";
import { ExpectedError } from "@/lib/errors";
import { checkFailed, checkIterableKey } from "./connection-check";
import { keyring } from "./master-keys";
import { confirmOwnPassword } from "./password-confirmation";
import { PRIVACY_NOTICE_VERSION } from "./privacy-notice";
import { nameKeyOf, type DraftConnectInput, type DraftIdInput, type DraftNameInput, type DraftPasswordInput, type DraftSharingInput, type StartDraftInput } from "./schemas";
import { encryptSecret, lastFour } from "./secret-box";

type Actor = NonNullable<AuditActor>;

export const DRAFT_TTL_MS = 60 * 60 * 1000;
export const STEP = { type: 1, name: 2, sharing: 3, connect: 6, exportUser: 7 } as const;

export const draftSecretContext = (draftId: string) => `ferry.connection-draft.api-key:${draftId}`;
const expiry = () => new Date(Date.now() + DRAFT_TTL_MS);

export async function startDraft(actor: Actor, input: StartDraftInput) {
  await db().connectionDraft.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return db().connectionDraft.create({ data: { ownerId: actor.id, type: input.type, expiresAt: expiry() } });
}

/** The actor's own, unexpired draft; anybody else's draft does not exist for them. */
export function findDraft(actor: Actor, draftId: string) {
  return db().connectionDraft.findFirst({ where: { id: draftId, ownerId: actor.id, expiresAt: { gt: new Date() } } });
}

export async function getDraft(actor: Actor, draftId: string) {
  const draft = await findDraft(actor, draftId);
  if (!draft) throw new ExpectedError("connections.draftGone");
  return draft;
}

export type ConnectionDraftView = NonNullable<Awaited<ReturnType<typeof findDraft>>>;

async function requireStep(actor: Actor, draftId: string, step: number) {
  const draft = await getDraft(actor, draftId);
  if (draft.completedStep < step) throw new ExpectedError("connections.stepOutOfOrder");
  return draft;
}

export async function assertNameFree(displayName: string, exceptConnectionId?: string) {
  const taken = await db().connection.findFirst({ where: { nameKey: nameKeyOf(displayName), NOT: exceptConnectionId ? { id: exceptConnectionId } : undefined }, select: { id: true } });
  if (taken) throw new ExpectedError("connections.nameTaken", { field: "displayName" });
}

export async function saveDraftName(actor: Actor, input: DraftNameInput) {
  const draft = await requireStep(actor, input.draftId, STEP.type);
  await assertNameFree(input.displayName);
  return db().connectionDraft.update({
    where: { id: draft.id },
    data: { displayName: input.displayName, completedStep: Math.max(draft.completedStep, STEP.name), expiresAt: expiry() },
  });
}

export async function saveDraftSharing(actor: Actor, input: DraftSharingInput) {
  const draft = await requireStep(actor, input.draftId, STEP.name);
  return db().connectionDraft.update({
    where: { id: draft.id },
    data: { sharing: input.sharing, completedStep: Math.max(draft.completedStep, STEP.sharing), expiresAt: expiry() },
  });
}

/** Steps 4–6: key and data center, the privacy notice agreed to, and the live check. */
export async function connectDraft(actor: Actor, input: DraftConnectInput, options: { timeoutMs?: number } = {}) {
  const draft = await requireStep(actor, input.draftId, STEP.sharing);
  // The admin agreed to the text their page showed; if it changed meanwhile, show the new one.
  if (input.noticeVersion !== PRIVACY_NOTICE_VERSION) throw new ExpectedError("connections.noticeChanged", { field: "agree" });
  const endpoint = { region: input.region, baseUrl: input.region === "SANDBOX" ? input.baseUrl : null };
  const outcome = await checkIterableKey(input.apiKey, endpoint, options);
  if (!outcome.ok) {
    // A key that failed replaces nothing, and one that passed earlier is forgotten: what the
    // admin sees on the page (no connected key) is what the draft holds.
    if (draft.apiKeyMasterKeyId) {
      await db().connectionDraft.update({
        where: { id: draft.id },
        data: { apiKeyCiphertext: null, apiKeyMasterKeyId: null, apiKeyLast4: null, connectedAt: null, completedStep: STEP.sharing },
      });
    }
    throw checkFailed(outcome);
  }
  const master = keyring().current;
  const now = new Date();
  await db().connectionDraft.update({
    where: { id: draft.id },
    data: {
      region: endpoint.region,
      baseUrl: endpoint.baseUrl ?? null,
      apiKeyCiphertext: encryptSecret(input.apiKey, master, draftSecretContext(draft.id)),
      apiKeyMasterKeyId: master.id,
      apiKeyLast4: lastFour(input.apiKey),
      connectedAt: now,
      privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
      privacyAcceptedAt: now,
      completedStep: Math.max(draft.completedStep, STEP.connect),
      expiresAt: expiry(),
    },
  });
  return { listCount: outcome.listCount };
}

/** Step 7: the admin becomes the export user, confirming with their own password. */
export async function confirmDraftExportUser(actor: Actor, input: DraftPasswordInput) {
  const draft = await requireStep(actor, input.draftId, STEP.connect);
  await confirmOwnPassword(actor.id, input.password);
  return db().connectionDraft.update({
    where: { id: draft.id },
    data: { exportUserConfirmedAt: new Date(), completedStep: STEP.exportUser, expiresAt: expiry() },
  });
}

export async function cancelDraft(actor: Actor, input: DraftIdInput) {
  await db().connectionDraft.deleteMany({ where: { id: input.draftId, ownerId: actor.id } });
}
