"use server";
// Admin › Connections mutations: schema → permission → domain function (lib/connections).
// The wizard's steps move on by redirecting to the next step's page.
import { defineAction } from "@/lib/actions/define-action";
import { ExpectedError } from "@/lib/errors";
import { checkConnectionNow, rotateConnectionKey } from "@/lib/connections/connection-key";
import { problemMessage } from "@/lib/connections/connection-check";
import { removeConnection, saveDraftAsConnection, updateConnectionSettings } from "@/lib/connections/connections";
import { cancelDraft, confirmDraftExportUser, connectDraft, saveDraftName, saveDraftSharing, startDraft } from "@/lib/connections/drafts";
import { takeOverExportUser } from "@/lib/connections/export-user";
import {
  connectionIdSchema, connectionSettingsSchema, draftConnectSchema, draftIdSchema, draftNameSchema,
  draftPasswordSchema, draftSharingSchema, removeConnectionSchema, rotateKeySchema, startDraftSchema, takeOverSchema,
} from "@/lib/connections/schemas";

const LIST = "/admin/connections";
const step = (draftId: string, name: string) => `${LIST}/new/${draftId}/${name}`;
const manage = "connections:manage" as const;

export const startDraftAction = defineAction({
  name: "connections.startDraft", schema: startDraftSchema, permission: manage,
  run: (input, actor) => startDraft(actor, input),
  success: () => ({ key: "connections.wizard.started" }),
  redirectTo: (draft) => step(draft.id, "name"),
});

export const draftNameAction = defineAction({
  name: "connections.draftName", schema: draftNameSchema, permission: manage,
  run: (input, actor) => saveDraftName(actor, input),
  success: () => ({ key: "connections.wizard.stepSaved" }),
  redirectTo: (draft) => step(draft.id, "sharing"),
});

export const draftSharingAction = defineAction({
  name: "connections.draftSharing", schema: draftSharingSchema, permission: manage,
  run: (input, actor) => saveDraftSharing(actor, input),
  success: () => ({ key: "connections.wizard.stepSaved" }),
  redirectTo: (draft) => step(draft.id, "connect"),
});

export const draftConnectAction = defineAction({
  name: "connections.draftConnect", schema: draftConnectSchema, permission: manage,
  run: (input, actor) => connectDraft(actor, input),
  success: (result) => ({ key: "connections.wizard.connected", params: { count: result.listCount } }),
  redirectTo: (_result, input) => `${step(input.draftId, "export-user")}?connected=1`,
});

export const draftExportUserAction = defineAction({
  name: "connections.draftExportUser", schema: draftPasswordSchema, permission: manage,
  run: (input, actor) => confirmDraftExportUser(actor, input),
  success: () => ({ key: "connections.wizard.stepSaved" }),
  redirectTo: (draft) => step(draft.id, "save"),
});

export const saveDraftAction = defineAction({
  name: "connections.save", schema: draftIdSchema, permission: manage,
  run: (input, actor) => saveDraftAsConnection(actor, input),
  success: (connection) => ({ key: "connections.created", params: { name: connection.displayName } }),
  revalidate: [LIST],
  redirectTo: (connection) => `${LIST}/${connection.id}?created=1`,
});

export const cancelDraftAction = defineAction({
  name: "connections.cancelDraft", schema: draftIdSchema, permission: manage,
  run: (input, actor) => cancelDraft(actor, input),
  success: () => ({ key: "connections.wizard.canceled" }),
  redirectTo: () => LIST,
});

export const checkNowAction = defineAction({
  name: "connections.checkNow", schema: connectionIdSchema, permission: manage,
  run: async (input, actor) => {
    const outcome = await checkConnectionNow(actor, input);
    // Recorded as failing by now; shown as an error with the specific reason.
    if (!outcome.ok) {
      const message = problemMessage(outcome);
      throw new ExpectedError(message.key, { params: message.params });
    }
    return outcome;
  },
  success: () => ({ key: "connections.checkOk" }),
  revalidate: [LIST],
});

export const updateSettingsAction = defineAction({
  name: "connections.updateSettings", schema: connectionSettingsSchema, permission: manage,
  run: (input, actor) => updateConnectionSettings(actor, input),
  success: () => ({ key: "connections.settingsSaved" }),
  revalidate: [LIST],
});

export const rotateKeyAction = defineAction({
  name: "connections.rotateKey", schema: rotateKeySchema, permission: manage,
  run: (input, actor) => rotateConnectionKey(actor, input),
  success: (connection) => ({ key: "connections.keyRotated", params: { last4: connection.apiKeyLast4 } }),
  revalidate: [LIST],
});

export const takeOverAction = defineAction({
  name: "connections.takeOver", schema: takeOverSchema, permission: manage,
  run: (input, actor) => takeOverExportUser(actor, input),
  success: () => ({ key: "connections.takenOver" }),
  revalidate: [LIST],
});

export const removeAction = defineAction({
  name: "connections.remove", schema: removeConnectionSchema, permission: manage,
  run: (input, actor) => removeConnection(actor, input),
  success: (connection) => ({ key: "connections.removed", params: { name: connection.displayName } }),
  revalidate: [LIST, "/exports"],
  redirectTo: () => `${LIST}?removed=1`,
});
