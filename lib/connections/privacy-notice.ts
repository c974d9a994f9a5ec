// The data privacy and compliance notice an administrator agrees to before connecting. Its
// wording lives in the catalogs (English and Spanish) under keys that carry the version: a
// change of wording is a new version with new keys, so what was agreed to stays on record.
import type { MessageKey } from "@/lib/i18n/messages";

export const PRIVACY_NOTICE_VERSION = "2026-11-29";

export const PRIVACY_NOTICE_PARAGRAPHS: readonly MessageKey[] = [
  "connections.privacy.v20261129.transfer",
  "connections.privacy.v20261129.responsibility",
  "connections.privacy.v20261129.removal",
];
