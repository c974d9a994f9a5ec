// Check now and key rotation: the stored key is decrypted only here and in export readiness,
// used for one request and dropped; a new key replaces the old one only after it passed Connect.
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import { db } from "@/lib/db/client";
import { ExpectedError } from "@/lib/errors";
import { checkFailed, checkIterableKey, type CheckOutcome } from "./connection-check";
import { connectionSecretContext } from "./connections";
import { keyring } from "./master-keys";
import type { ConnectionIdInput, RotateKeyInput } from "./schemas";
import { decryptSecret, encryptSecret, lastFour } from "./secret-box";

type Actor = NonNullable<AuditActor>;

/** The decrypted key of a connection. Server-only; never returned to a page or an action. */
export async function decryptConnectionKey(connectionId: string): Promise<string> {
  const row = await db().connection.findUnique({ where: { id: connectionId }, select: { apiKeyCiphertext: true } });
  if (!row) throw new ExpectedError("connections.notFound");
  return decryptSecret(row.apiKeyCiphertext, keyring().all, connectionSecretContext(connectionId));
}

export async function checkConnectionNow(actor: Actor, input: ConnectionIdInput, options: { timeoutMs?: number } = {}): Promise<CheckOutcome> {
  const connection = await db().connection.findUnique({ where: { id: input.connectionId } });
  if (!connection) throw new ExpectedError("connections.notFound");
  const apiKey = await decryptConnectionKey(connection.id);
  const outcome = await checkIterableKey(apiKey, connection, options);
  await db().$transaction(async (tx) => {
    await tx.connection.update({
      where: { id: connection.id },
      data: {
        checkStatus: outcome.ok ? "CONNECTED" : "FAILING",
        checkedAt: new Date(),
        checkProblem: outcome.ok ? null : outcome.problem,
        checkHttpStatus: outcome.ok ? null : outcome.status ?? null,
      },
    });
    await recordAudit(tx, {
      actor, action: "connection.checked", targetType: "connection", targetId: connection.id,
      details: outcome.ok ? { ok: true } : { ok: false, problem: outcome.problem, status: outcome.status },
    });
  });
  return outcome;
}

export async function rotateConnectionKey(actor: Actor, input: RotateKeyInput, options: { timeoutMs?: number } = {}) {
  const connection = await db().connection.findUnique({ where: { id: input.connectionId } });
  if (!connection) throw new ExpectedError("connections.notFound");
  const endpoint = { region: input.region, baseUrl: input.region === "SANDBOX" ? input.baseUrl ?? null : null };
  const outcome = await checkIterableKey(input.apiKey, endpoint, options);
  if (!outcome.ok) throw checkFailed(outcome);
  const master = keyring().current;
  return db().$transaction(async (tx) => {
    const updated = await tx.connection.update({
      where: { id: connection.id },
      data: {
        region: endpoint.region,
        baseUrl: endpoint.baseUrl,
        apiKeyCiphertext: encryptSecret(input.apiKey, master, connectionSecretContext(connection.id)),
        apiKeyMasterKeyId: master.id,
        apiKeyLast4: lastFour(input.apiKey),
        apiKeyChangedAt: new Date(),
        checkStatus: "CONNECTED",
        checkedAt: new Date(),
        checkProblem: null,
        checkHttpStatus: null,
      },
    });
    await recordAudit(tx, {
      actor, action: "connection.key_rotated", targetType: "connection", targetId: connection.id,
      details: {
        keyLast4: { from: connection.apiKeyLast4, to: updated.apiKeyLast4 },
        ...(connection.region !== updated.region || connection.baseUrl !== updated.baseUrl
          ? { region: { from: connection.region, to: updated.region }, baseUrl: { from: connection.baseUrl, to: updated.baseUrl } }
          : {}),
      },
    });
    return updated;
  });
}
