// The one place that reads process.env: parsed with zod once, exported as typed settings.
import path from "node:path";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  // Unset: the start command runs embedded PostgreSQL and sets it for the app it starts.
  DATABASE_URL: z.string().url().optional(),
  FERRY_DATA_DIR: z.string().default(".data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  FERRY_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  // Embedded PostgreSQL's server settings, comma-separated (lib/db/embedded-postgres.ts).
  FERRY_PG_SETTINGS: z.string().optional(),
  FERRY_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  FERRY_SANDBOX: z.enum(["on", "off"]).default("on"),
  FERRY_WORKER: z.enum(["on", "off"]).default("on"),
  FERRY_SEED_PROFILES: z.coerce.number().int().min(0).max(10_000_000).default(20_000),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  // Base64 of 32 random bytes; encrypts the connections' API keys. Unset outside production: generated
  // once into the data folder (lib/connections/master-keys.ts). PREVIOUS: comma-separated
  // older keys, still accepted for decryption during a rotation.
  FERRY_MASTER_KEY: z.string().min(1).optional(),
  FERRY_MASTER_KEY_PREVIOUS: z.string().optional(),
  // The local Iterable sandbox the start command runs: the wizard's default "Local sandbox" URL.
  FERRY_SANDBOX_URL: z.string().url().optional(),
  // Override Iterable's data-center hosts (an egress proxy; the end-to-end tests point them at
  // two sandboxes to simulate a key of the other data center).
  FERRY_ITERABLE_US_URL: z.string().url().optional(),
  FERRY_ITERABLE_EU_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // "1": logs to standard error. The CLI sets it for itself: its standard output is its result (--json).
  FERRY_LOG_STDERR: z.enum(["0", "1"]).optional(),
  // Until exports resolve their Connection (connections issue), a development target for every
  // export: the sandbox URL and its key. Used by `npm run worker`, the CLI and the benchmark.
  FERRY_EXPORT_TARGET_URL: z.string().url().optional(),
  FERRY_EXPORT_TARGET_KEY: z.string().min(1).optional(),
  FERRY_EXPORT_TARGET_RPS: z.coerce.number().positive().default(10),
  FERRY_EXPORT_TARGET_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  FERRY_EXPORT_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(1000),
});

export type Settings = z.infer<typeof schema> & { dataDir: string };

let cached: Settings | undefined;

export function settings(): Settings {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join(".")).join(", ");
      throw new Error(`Invalid environment settings: ${fields}`);
    }
    cached = { ...parsed.data, dataDir: path.resolve(parsed.data.FERRY_DATA_DIR) };
  }
  return cached;
}

// Read afresh: the start command sets it after it has started the embedded server.
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (the start command sets it for embedded PostgreSQL)");
  return url;
}
