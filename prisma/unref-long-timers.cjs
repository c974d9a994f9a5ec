// Preloaded into the Prisma CLI only (see lib/db/prisma-cli.ts). Prisma 6.19's Wasm schema
// engine leaves a long timer pending after it finishes, so `migrate deploy` hangs 10-60 s after
// success. Unref'ing long timers lets the process exit as soon as real work is done.
const LONG_MS = 5000;
const original = global.setTimeout;
global.setTimeout = function patchedSetTimeout(fn, ms, ...args) {
  const timer = original(fn, ms, ...args);
  if (typeof ms === "number" && ms >= LONG_MS && timer && typeof timer.unref === "function") timer.unref();
  return timer;
};
