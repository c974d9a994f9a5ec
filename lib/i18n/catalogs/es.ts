// Español: one file per domain in es/, the same keys as the English files.
import type { en } from "./en";
import { base } from "./es/base";
import { connections } from "./es/connections";
import { exports } from "./es/exports";
import { exportRuns } from "./es/export-runs";
import { exportsManage } from "./es/exports-manage";
import { profiles } from "./es/profiles";
import { segments } from "./es/segments";
import { system } from "./es/system";

export const es: Record<keyof typeof en, string> = { ...base, ...system, ...connections, ...profiles, ...segments, ...exports, ...exportRuns, ...exportsManage };
