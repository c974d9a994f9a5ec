// English: the reference catalog, one file per domain in en/. Every key must exist in every
// other catalog (tsc checks es.ts against this object; a unit test checks placeholders).
import { base } from "./en/base";
import { connections } from "./en/connections";
import { exports } from "./en/exports";
import { exportRuns } from "./en/export-runs";
import { exportsManage } from "./en/exports-manage";
import { profiles } from "./en/profiles";
import { segments } from "./en/segments";
import { system } from "./en/system";

export const en = { ...base, ...system, ...connections, ...profiles, ...segments, ...exports, ...exportRuns, ...exportsManage } as const;
