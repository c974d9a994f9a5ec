"use server";
// Data › Exports mutations: schema → permission → domain function (lib/export-engine).
import { defineAction } from "@/lib/actions/define-action";
import { cancelRun, confirmRun, createExport, detachExport, duplicateExport, getExport, removeExport, requestRun, updateExport } from "@/lib/export-engine";
import { assertExportHasConnection, assertMayOperateExport, assertMayUseConnection, exportIdOfRun } from "@/lib/export-engine/export-access";
import { duplicateExportSchema } from "@/lib/export-engine/export-row-forms";
import { exportFormSchema, exportIdSchema, exportInputFromForm, runIdSchema } from "@/lib/export-engine/export-form";

const EXPORTS = "/exports";

export const saveExportAction = defineAction({
  name: "exports.save",
  schema: exportFormSchema,
  permission: "exports:edit",
  run: async (form, user) => {
    await assertMayUseConnection(user, form.connectionId);
    const input = exportInputFromForm(form);
    let saved;
    if (form.exportId) {
      await assertMayOperateExport(user, form.exportId);
      // The form does not show these yet: an edit keeps them as they are.
      const current = await getExport(form.exportId);
      saved = await updateExport(user, form.exportId, {
        ...input,
        maxRemovalShare: current.maxRemovalShare,
        batchSize: current.batchSize,
      });
    } else {
      saved = await createExport(user, input);
    }
    // "Save and run now" also needs exports:run (every role that edits may run today).
    if (form.runNow) await requestRun(saved.id, { trigger: "MANUAL", actor: user });
    return saved;
  },
  success: (saved, form) => ({ key: form.runNow ? "exports.savedAndRunning" : "exports.saved", params: { name: saved.name, id: saved.id } }),
  revalidate: [EXPORTS],
  redirectTo: (saved) => `${EXPORTS}/${saved.id}`,
});

export const runExportAction = defineAction({
  name: "exports.run",
  schema: exportIdSchema,
  permission: "exports:run",
  run: async (input, user) => {
    await assertMayOperateExport(user, input.exportId);
    // A detached export cannot run: refused here, not recorded as a skipped run.
    await assertExportHasConnection(input.exportId);
    return requestRun(input.exportId, { trigger: "MANUAL", actor: user });
  },
  success: ({ run, created }) => ({ key: run.status === "SKIPPED" ? "exports.run.skipped" : created ? "exports.run.started" : "exports.run.alreadyActive" }),
  revalidate: [EXPORTS],
});

export const cancelRunAction = defineAction({
  name: "exports.cancelRun",
  schema: runIdSchema,
  permission: "exports:run",
  run: async (input, user) => {
    await assertMayOperateExport(user, await exportIdOfRun(input.runId));
    return cancelRun(input.runId, user);
  },
  success: () => ({ key: "exports.run.cancelRequested" }),
  revalidate: [EXPORTS],
});

export const confirmRunAction = defineAction({
  name: "exports.confirmRun",
  schema: runIdSchema,
  permission: "exports:run",
  run: async (input, user) => {
    await assertMayOperateExport(user, await exportIdOfRun(input.runId));
    return confirmRun(input.runId, user);
  },
  success: () => ({ key: "exports.run.confirmed" }),
  revalidate: [EXPORTS],
});

// The list's row actions (Duplicate, Detach connection, Remove): like editing, they need
// exports:edit and, for a contributor, a connection shared with contributors (or none).

export const duplicateExportAction = defineAction({
  name: "exports.duplicate",
  schema: duplicateExportSchema,
  permission: "exports:edit",
  run: async (input, user) => {
    await assertMayOperateExport(user, input.exportId);
    return duplicateExport(user, input.exportId, input.name);
  },
  success: (copy) => ({ key: "exports.duplicated", params: { name: copy.name } }),
  revalidate: [EXPORTS],
});

export const detachExportAction = defineAction({
  name: "exports.detach",
  schema: exportIdSchema,
  permission: "exports:edit",
  run: async (input, user) => {
    await assertMayOperateExport(user, input.exportId);
    return detachExport(user, input.exportId);
  },
  success: (detached) => ({ key: "exports.detached", params: { name: detached.name } }),
  revalidate: [EXPORTS],
});

export const removeExportAction = defineAction({
  name: "exports.remove",
  schema: exportIdSchema,
  permission: "exports:edit",
  run: async (input, user) => {
    await assertMayOperateExport(user, input.exportId);
    return removeExport(user, input.exportId);
  },
  success: (removed) => ({ key: "exports.removed", params: { name: removed.name } }),
  revalidate: [EXPORTS],
});
