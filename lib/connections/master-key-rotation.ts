// Re-encrypts every stored connection key (and wizard draft key) under the current master key.
// Run after setting the new key in FERRY_MASTER_KEY and the old one in
// FERRY_MASTER_KEY_PREVIOUS; once it reports nothing left, the old key can be dropped.
import { db } from "@/lib/db/client";
import { connectionSecretContext } from "./connections";
import { draftSecretContext } from "./drafts";
import { keyring } from "./master-keys";
import { decryptSecret, encryptSecret } from "./secret-box";

export async function reencryptUnderCurrentMasterKey(): Promise<{ connections: number; drafts: number }> {
  const ring = keyring();
  const stale = { apiKeyMasterKeyId: { not: ring.current.id } };
  const connections = await db().connection.findMany({ where: stale, select: { id: true, apiKeyCiphertext: true } });
  for (const row of connections) {
    const context = connectionSecretContext(row.id);
    const envelope = encryptSecret(decryptSecret(row.apiKeyCiphertext, ring.all, context), ring.current, context);
    // Conditional on the old envelope: a key rotated by an admin meanwhile is left alone.
    await db().connection.updateMany({ where: { id: row.id, apiKeyCiphertext: row.apiKeyCiphertext }, data: { apiKeyCiphertext: envelope, apiKeyMasterKeyId: ring.current.id } });
  }
  const drafts = await db().connectionDraft.findMany({ where: { ...stale, apiKeyCiphertext: { not: null } }, select: { id: true, apiKeyCiphertext: true } });
  for (const row of drafts) {
    const context = draftSecretContext(row.id);
    const envelope = encryptSecret(decryptSecret(row.apiKeyCiphertext!, ring.all, context), ring.current, context);
    await db().connectionDraft.updateMany({ where: { id: row.id, apiKeyCiphertext: row.apiKeyCiphertext }, data: { apiKeyCiphertext: envelope, apiKeyMasterKeyId: ring.current.id } });
  }
  return { connections: connections.length, drafts: drafts.length };
}
