// Español: one file per domain in es/, the same keys as the English files.
import type { en } from "./en";
import { base } from "./es/base";
import { profiles } from "./es/profiles";
import { segments } from "./es/segments";

export const es: Record<keyof typeof en, string> = { ...base, ...profiles, ...segments };
