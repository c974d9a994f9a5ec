"use server";
// Data › Exports mutations: schema → permission → domain function (lib/export-engine).
import { defineAction } from "@/lib/actions/define-action";
import { cancelRun, confirmRun, createExport, getExport, requestRun, updateExport } from "@/lib/export-engine";
import { assertMayOperateExport, assertMayUseConnection, exportIdOfRun } from "@/lib/export-engine/export-access";
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
