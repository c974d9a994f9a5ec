// The export engine's public face for the UI (issue 7), the schedule and the CLI.
export { createExport, updateExport, duplicateExport, removeExport, detachExport, releaseExportsOfConnection, getExport, findExportByName, listExports, connectionExportCount } from "./exports";
export { exportInputSchema, dataFieldMappingSchema, type ExportInput, type ExportSettings } from "./export-schemas";
export { requestRun, cancelRun, confirmRun, getRun, listRuns, activeRun, waitForRun, rejectedRowsCsv, ACTIVE_RUN_STATUSES } from "./runs";
export { dryRun, type DryRun, type DryRunList } from "./dry-run";
export { setTargetResolver, resolveTarget, ExportTargetError, type ExportTarget, type TargetResolver } from "./target";
export { exportRunJob, EXPORT_RUN_JOB } from "./export-run-job";
export { rejectedTotal } from "./plan-math";
