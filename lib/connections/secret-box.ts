// Secrets at rest: AES-256-GCM (node:crypto) under a master key. The envelope names the master
// key that sealed it (a short hash of the key, never the key), so a rotation can tell which
// rows still need re-encrypting and old envelopes stay readable while both keys are configured.
// The associated data binds an envelope to its row: a ciphertext copied onto another
// connection does not decrypt there.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12; // GCM's standard nonce length; random per encryption
const TAG_BYTES = 16;

export type MasterKey = { id: string; key: Buffer };

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

/** Accepts base64 or base64url text of exactly 32 bytes. */
export function parseMasterKey(material: string): MasterKey {
  const text = material.trim();
  const key = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (key.length !== 32 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    throw new SecretBoxError("a master key must be base64 of exactly 32 bytes (e.g. `openssl rand -base64 32`)");
  }
  return { id: masterKeyId(key), key };
}

export function masterKeyId(key: Buffer): string {
  return createHash("sha256").update("ferry-master-key-id\0").update(key).digest("hex").slice(0, 12);
}

export function encryptSecret(plaintext: string, master: MasterKey, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", master.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url"));
  return [VERSION, master.id, ...parts].join(".");
}

export function envelopeKeyId(envelope: string): string {
  return parseEnvelope(envelope).keyId;
}

export function decryptSecret(envelope: string, keyring: readonly MasterKey[], context: string): string {
  const { keyId, iv, tag, ciphertext } = parseEnvelope(envelope);
  const master = keyring.find((candidate) => candidate.id === keyId);
  if (!master) throw new SecretBoxError(`no configured master key has id ${keyId} (set it in FERRY_MASTER_KEY_PREVIOUS)`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", master.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    // The cause (OpenSSL's "unable to authenticate data") says nothing more useful.
    throw new SecretBoxError("the encrypted secret was altered or belongs to another record");
  }
}

function parseEnvelope(envelope: string) {
  const parts = envelope.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretBoxError("not a Ferry secret envelope");
  const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
  const bytes = (text: string) => Buffer.from(text, "base64url");
  const parsed = { keyId, iv: bytes(iv), tag: bytes(tag), ciphertext: bytes(ciphertext) };
  if (parsed.iv.length !== IV_BYTES || parsed.tag.length !== TAG_BYTES) throw new SecretBoxError("not a Ferry secret envelope");
  return parsed;
}

/** What the UI may show of a secret: its last four characters. */
export function lastFour(secret: string): string {
  return secret.trim().slice(-4);
}
