import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, envelopeKeyId, lastFour, parseMasterKey, SecretBoxError } from "./secret-box";

const KEY = "sk-live-0123456789abcdef0123456789abcdef";
const master = () => parseMasterKey(randomBytes(32).toString("base64"));

describe("secret box (AES-256-GCM)", () => {
  it("round-trips a secret and never contains it in the envelope", () => {
    const m = master();
    const envelope = encryptSecret(KEY, m, "ferry.connection.api-key:1");
    expect(envelope).not.toContain(KEY);
    expect(envelope.startsWith(`v1.${m.id}.`)).toBe(true);
    expect(decryptSecret(envelope, [m], "ferry.connection.api-key:1")).toBe(KEY);
  });

  it("uses a fresh nonce every time", () => {
    const m = master();
    expect(encryptSecret(KEY, m, "c")).not.toBe(encryptSecret(KEY, m, "c"));
  });

  it("detects a tampered ciphertext, tag or nonce", () => {
    const m = master();
    const envelope = encryptSecret(KEY, m, "c");
    const parts = envelope.split(".");
    for (const index of [2, 3, 4]) {
      const bytes = Buffer.from(parts[index]!, "base64url");
      bytes[0] = bytes[0]! ^ 0x01;
      const altered = parts.map((part, i) => (i === index ? bytes.toString("base64url") : part)).join(".");
      expect(() => decryptSecret(altered, [m], "c")).toThrow(SecretBoxError);
    }
  });

  it("refuses an envelope moved to another record (associated data)", () => {
    const m = master();
    const envelope = encryptSecret(KEY, m, "ferry.connection.api-key:a");
    expect(() => decryptSecret(envelope, [m], "ferry.connection.api-key:b")).toThrow(/altered or belongs to another record/);
  });

  it("decrypts with an older key of the keyring and names the key that sealed it", () => {
    const [old, current] = [master(), master()];
    const envelope = encryptSecret(KEY, old, "c");
    expect(envelopeKeyId(envelope)).toBe(old.id);
    expect(decryptSecret(envelope, [current, old], "c")).toBe(KEY);
    expect(() => decryptSecret(envelope, [current], "c")).toThrow(/no configured master key/);
  });

  it("never puts the secret into an error message", () => {
    const m = master();
    const envelope = encryptSecret(KEY, m, "c");
    try {
      decryptSecret(envelope, [m], "other");
    } catch (error) {
      expect(String(error)).not.toContain(KEY);
      expect(JSON.stringify(error)).not.toContain(KEY);
    }
  });

  it("accepts base64 and base64url master keys of exactly 32 bytes only", () => {
    const bytes = randomBytes(32);
    expect(parseMasterKey(bytes.toString("base64")).id).toBe(parseMasterKey(bytes.toString("base64url")).id);
    expect(() => parseMasterKey(randomBytes(16).toString("base64"))).toThrow(SecretBoxError);
    expect(() => parseMasterKey("not a key!")).toThrow(SecretBoxError);
    expect(() => decryptSecret("v2.x.y.z.w", [parseMasterKey(bytes.toString("base64"))], "c")).toThrow(/not a Ferry secret/);
  });

  it("shows only the last four characters", () => {
    expect(lastFour(KEY)).toBe("cdef");
  });
});
