// English: the reference catalog, one file per domain in en/. Every key must exist in every
// other catalog (tsc checks es.ts against this object; a unit test checks placeholders).
import { base } from "./en/base";
import { profiles } from "./en/profiles";
import { segments } from "./en/segments";

export const en = { ...base, ...profiles, ...segments } as const;
