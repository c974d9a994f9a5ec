// Slows down repeated failed sign-ins, counted twice: per client address and per account email.
// The address comes from X-Forwarded-For / X-Real-IP, which a client talking to the app directly
// can forge; the per-account count cannot be dodged that way (an attacker can only slow one
// account's sign-in down to MAX_DELAY_MS, never lock it). State is in PostgreSQL, so every app
// process shares it. A success clears nothing: the window simply moves on.
import { db } from "@/lib/db/client";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const FREE_FAILURES = 5;
const BASE_DELAY_MS = 500;
export const MAX_DELAY_MS = 8_000;

/** Delay before answering the next attempt, given the failures in the window. */
export function throttleDelayMs(recentFailures: number): number {
  if (recentFailures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (recentFailures - FREE_FAILURES));
}

export async function recentFailures(clientKey: string, now = new Date()): Promise<number> {
  return db().signInAttempt.count({
    where: { clientKey, succeeded: false, createdAt: { gt: new Date(now.getTime() - THROTTLE_WINDOW_MS) } },
  });
}

export async function recordSignInAttempt(clientKey: string, succeeded: boolean) {
  await db().signInAttempt.create({ data: { clientKey, succeeded } });
}

/** The throttle key of an account: its normalised email, prefixed so it never equals an address. */
export function accountKey(email: string): string {
  return `account:${email.trim().toLowerCase()}`;
}

export function clientKeyFrom(headers: Record<string, string | string[] | undefined> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  const realIp = headers?.["x-real-ip"];
  return first || (Array.isArray(realIp) ? realIp[0] : realIp) || "unknown";
}
