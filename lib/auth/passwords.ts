// Passwords are hashed with bcrypt (bcryptjs: pure JavaScript, no native build on install).
import bcrypt from "bcryptjs";

const COST = 11;
let dummyHash: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash) {
    // Unknown email: compare anyway, so that it takes as long to refuse as a wrong password
    // (no timing hint that an account exists).
    dummyHash ??= bcrypt.hash("ferry-no-such-account", COST);
    await bcrypt.compare(password, await dummyHash);
    return false;
  }
  return bcrypt.compare(password, hash);
}
