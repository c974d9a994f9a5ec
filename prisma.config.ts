// Prisma CLI configuration for this offline machine: the JS (Wasm) schema engine runs
// migrations through the pg driver adapter, so no engine binary is ever downloaded.
// The workarounds below live here only; the app's runtime client is unaffected.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// adapter-pg 6.19 cannot deserialize PostgreSQL catalog columns of type `name` (OID 19) or
// `"char"` (OID 18), which the schema engine reads while describing a database. Report them as
// `text` (OID 25) before the adapter sees the result.
const CATALOG_TEXT_OIDS = new Set([18, 19]);
const TEXT_OID = 25;
type FieldLike = { dataTypeID: number };
const resultProto = (pg as unknown as { Result: { prototype: { addFields(f: FieldLike[]): void } } }).Result.prototype;
const addFields = resultProto.addFields;
resultProto.addFields = function addFieldsAsText(this: unknown, fields: FieldLike[]) {
  for (const field of fields) if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  return addFields.call(this, fields);
};

// The adapter builds the shadow database's pool by overriding `database` in the pool config,
// but in `pg` a `connectionString` wins over `database`: the "shadow" would be the real
// database. Pass the connection as separate fields.
function poolConfigFromUrl(url: string): pg.PoolConfig {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")),
    // The CLI never closes its pools: let the process exit once they are idle.
    allowExitOnIdle: true,
  };
}

// The adapter's shadow database is dropped while its own pool still holds a connection
// ("database is being accessed by other users"). Close the shadow pool first, then drop.
class OfflinePrismaPg extends PrismaPg {
  constructor(private readonly poolConfig: pg.PoolConfig) {
    super(poolConfig);
  }

  override async connectToShadowDb() {
    const admin = await this.connect();
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
    await admin.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new PrismaPg({ ...this.poolConfig, database }).connect();
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.dispose();
    };
    return shadow;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: run Prisma through `npm run db:*` scripts");
    return new OfflinePrismaPg(poolConfigFromUrl(url));
  },
});
