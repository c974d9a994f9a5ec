import { PrismaPg } from "@prisma/adapter-pg";
import { databaseUrl } from "@/lib/config/env";
import { PrismaClient } from "./generated/client";

// One client per process (kept on globalThis so that dev-mode reloads reuse it).
// Secret columns are omitted by default: a query must ask for them explicitly.
function createClient() {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl(), max: 10 }),
    omit: {
      user: { passwordHash: true },
      connection: { apiKeyCiphertext: true },
      connectionDraft: { apiKeyCiphertext: true },
    },
  });
}

export type Db = ReturnType<typeof createClient>;
const holder = globalThis as unknown as { ferryDb?: Db };

export function db(): Db {
  holder.ferryDb ??= createClient();
  return holder.ferryDb;
}
