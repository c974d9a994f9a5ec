// next-auth 4 configuration: email + password against the users table, JWT sessions that
// carry the user id and role. Every check re-reads the user (lib/auth/session.ts), so a role
// change or deactivation takes effect on the next request, not when the token expires.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/logging/logger";
import { verifyPassword } from "./passwords";
import { isRole } from "./permissions";
import { signInSchema } from "./schemas";
import { accountKey, clientKeyFrom, recentFailures, recordSignInAttempt, throttleDelayMs } from "./sign-in-throttle";

const SESSION_HOURS = 12;

export async function authorizeCredentials(credentials: unknown, headers: Record<string, string | string[] | undefined> | undefined) {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const clientKey = clientKeyFrom(headers);
  const keys = [clientKey, accountKey(parsed.data.email)];
  const failures = await Promise.all(keys.map((key) => recentFailures(key)));
  const delay = throttleDelayMs(Math.max(...failures));
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));

  const user = await db().user.findUnique({
    where: { email: parsed.data.email },
    omit: { passwordHash: false },
  });
  const passwordOk = await verifyPassword(parsed.data.password, user?.passwordHash);
  const succeeded = Boolean(user && user.active && passwordOk);
  await Promise.all(keys.map((key) => recordSignInAttempt(key, succeeded)));
  if (!succeeded || !user) {
    logger.info({ clientKey, delayMs: delay }, "sign-in refused");
    return null;
  }
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      authorize: (credentials, request) => authorizeCredentials(credentials, request?.headers),
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user && "role" in user && isRole(user.role)) {
        token.sub = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub && isRole(token.role)) {
        session.user.id = token.sub;
        session.user.role = token.role;
      }
      return session;
    },
  },
  logger: {
    error: (code, metadata) => logger.error({ code, metadata: metadata instanceof Error ? metadata.message : undefined }, "next-auth error"),
    warn: (code) => logger.warn({ code }, "next-auth warning"),
    debug: () => {},
  },
};
