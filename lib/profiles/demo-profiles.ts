// Deterministic synthetic profiles for demos, tests and benchmarks. Generated inside
// PostgreSQL (INSERT ... SELECT over generate_series), so one million rows take seconds and
// never pass through Node's memory. The same N always gives the same profiles: every value
// derives from the row number through hashint8extended with a per-attribute salt.
import { availableParallelism } from "node:os";
import { db } from "@/lib/db/client";
import { SEARCH_INDEX } from "./search-index";
import type { AttributeType } from "@/lib/db/generated/client";

export const DEMO_ATTRIBUTES: { name: string; type: AttributeType; description: string }[] = [
  { name: "first_name", type: "TEXT", description: "Given name" },
  { name: "last_name", type: "TEXT", description: "Family name" },
  { name: "email", type: "TEXT", description: "Primary email, clean" },
  { name: "contact_email", type: "TEXT", description: "Email typed by the customer: blanks, upper case, stray spaces, invalid values" },
  { name: "country", type: "TEXT", description: "Country (ISO 3166 alpha-2)" },
  { name: "city", type: "TEXT", description: "City" },
  { name: "loyalty_tier", type: "TEXT", description: "bronze, silver, gold or platinum" },
  { name: "lifetime_value", type: "NUMBER", description: "Lifetime value in EUR" },
  { name: "last_purchase_date", type: "DATE", description: "Date of the last purchase (absent if none)" },
  { name: "marketing_opt_in", type: "BOOLEAN", description: "Agreed to marketing email" },
  { name: "created_date", type: "DATE", description: "When the customer first appeared" },
];

// Fixed anchor, not now(): the same seed gives the same dates whenever it runs.
const ANCHOR_DATE = "2026-11-01";
const CHUNK = 100_000;
const PARALLEL = Math.max(2, availableParallelism());

const FIRST_NAMES = ["Ana", "Luis", "María", "Carlos", "Lucía", "Javier", "Sofía", "Pablo", "Elena", "Diego", "Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Mia", "Lucas", "Chloé", "Hugo", "Léa", "Jonas", "Mila", "Felix", "Ines", "Tomás", "Valentina", "Mateo", "Zoe", "Omar"];
const LAST_NAMES = ["García", "Martínez", "López", "Sánchez", "Pérez", "Gómez", "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Müller", "Schmidt", "Schneider", "Dubois", "Martin", "Bernard", "Rossi", "Russo", "Silva", "Santos", "Oliveira", "Kowalski", "Novak", "Jensen", "O'Brien", "Nguyen", "Kim", "Singh", "Cohen"];
const PLACES: [string, string][] = [
  ["ES", "Madrid"], ["ES", "Barcelona"], ["ES", "Sevilla"], ["ES", "Valencia"], ["MX", "Ciudad de México"], ["MX", "Guadalajara"],
  ["US", "New York"], ["US", "Chicago"], ["US", "Austin"], ["US", "Seattle"], ["GB", "London"], ["GB", "Manchester"],
  ["DE", "Berlin"], ["DE", "München"], ["FR", "Paris"], ["FR", "Lyon"], ["IT", "Milano"], ["BR", "São Paulo"],
  ["CA", "Toronto"], ["AR", "Buenos Aires"], ["CO", "Bogotá"], ["NL", "Amsterdam"], ["PT", "Lisboa"], ["IE", "Dublin"],
];

function sqlArray(values: string[]): string {
  return `ARRAY[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(",")}]::text[]`;
}

// h(k) is a deterministic, well-mixed non-negative number for row i and salt k.
const h = (salt: number) => `abs(hashint8extended(i, ${salt}))`;

function insertSql(from: number, to: number): string {
  const first = `(${sqlArray(FIRST_NAMES)})[1 + ${h(1)} % ${FIRST_NAMES.length}]`;
  const last = `(${sqlArray(LAST_NAMES)})[1 + ${h(2)} % ${LAST_NAMES.length}]`;
  const place = `1 + ${h(3)} % ${PLACES.length}`;
  return `
WITH rows AS (
  SELECT i, ${first} AS first_name, ${last} AS last_name, ${place} AS place,
         ${h(4)} % 100 AS email_kind, ${h(5)} % 100 AS tier_roll, ${h(6)} AS money,
         ${h(7)} % 100 AS purchase_roll, ${h(8)} % 730 AS purchase_age, ${h(9)} % 10 AS opt_in,
         ${h(10)} % 1825 AS created_age
  FROM generate_series(${from}::bigint, ${to}::bigint) AS i
), shaped AS (
  SELECT rows.*,
    translate(lower(first_name || '.' || replace(last_name, '''', '')), 'áéíóúüçñ', 'aeiouucn') || '.' || i AS local_part,
    CASE WHEN tier_roll < 50 THEN 'bronze' WHEN tier_roll < 80 THEN 'silver' WHEN tier_roll < 95 THEN 'gold' ELSE 'platinum' END AS tier
  FROM rows
)
INSERT INTO profiles (customer_id, attributes, created_at, updated_at)
SELECT 'C' || lpad(i::text, 8, '0'),
  jsonb_strip_nulls(jsonb_build_object(
    'first_name', first_name,
    'last_name', last_name,
    'email', local_part || '@example.com',
    'contact_email', CASE
      WHEN email_kind < 55 THEN local_part || '@example.com'
      WHEN email_kind < 63 THEN upper(local_part || '@Example.COM')
      WHEN email_kind < 70 THEN '  ' || local_part || '@example.com '
      WHEN email_kind < 76 THEN ''
      WHEN email_kind < 80 THEN NULL
      WHEN email_kind < 82 THEN local_part || '.example.com'
      WHEN email_kind < 84 THEN local_part || '@'
      WHEN email_kind < 86 THEN local_part || '@example.notatld'
      WHEN email_kind < 88 THEN local_part || '@@example.com'
      WHEN email_kind < 90 THEN 'shared.household.' || (i % 500) || '@example.org'
      ELSE local_part || '@mail.example.net' END,
    'country', (${sqlArray(PLACES.map((p) => p[0]))})[place],
    'city', (${sqlArray(PLACES.map((p) => p[1]))})[place],
    'loyalty_tier', tier,
    'lifetime_value', round((money % 500000) / 100.0 * CASE tier WHEN 'platinum' THEN 8 WHEN 'gold' THEN 4 WHEN 'silver' THEN 2 ELSE 1 END, 2),
    'last_purchase_date', CASE WHEN purchase_roll < 95 THEN to_char(DATE '${ANCHOR_DATE}' - purchase_age::int, 'YYYY-MM-DD') END,
    'marketing_opt_in', opt_in < 7,
    'created_date', to_char(DATE '${ANCHOR_DATE}' - created_age::int - 730, 'YYYY-MM-DD')
  )),
  now(), now()
FROM shaped
ON CONFLICT (customer_id) DO NOTHING`;
}

// The SQL is built from constants and integers only (no user input), hence $executeRawUnsafe.
/** Creates profiles C00000001..C{count} (existing ones are left as they are) and the catalog. */
export async function seedDemoProfiles(count: number, onProgress?: (done: number) => void) {
  const client = db();
  for (const attribute of DEMO_ATTRIBUTES) {
    await client.attribute.upsert({ where: { name: attribute.name }, create: attribute, update: {} });
  }
  // Maintaining the GIN search index row by row makes a big seed several times slower than
  // building it once afterwards.
  const rebuildIndex = count >= INDEX_REBUILD_FROM;
  if (rebuildIndex) await client.$executeRawUnsafe(`DROP INDEX IF EXISTS "${SEARCH_INDEX}"`);
  try {
    return await insertProfiles(count, onProgress);
  } finally {
    if (rebuildIndex) {
      await client.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe("SET LOCAL maintenance_work_mem = '1GB'");
          await tx.$executeRawUnsafe(`CREATE INDEX IF NOT EXISTS "${SEARCH_INDEX}" ON profiles USING GIN (attributes jsonb_path_ops)`);
        },
        { timeout: 600_000 },
      );
    }
  }
}

const INDEX_REBUILD_FROM = 100_000;

async function insertProfiles(count: number, onProgress?: (done: number) => void) {
  const client = db();
  // Chunks run on as many connections as there are cores: PostgreSQL does the work.
  const chunks: [number, number][] = [];
  for (let from = 1; from <= count; from += CHUNK) chunks.push([from, Math.min(count, from + CHUNK - 1)]);
  let inserted = 0;
  let done = 0;
  const worker = async () => {
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
      const rows = await client.$executeRawUnsafe(insertSql(chunk[0], chunk[1]));
      inserted += rows;
      done += chunk[1] - chunk[0] + 1;
      onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, chunks.length) }, worker));
  if (inserted > 0) await client.$executeRawUnsafe("ANALYZE profiles");
  return { inserted };
}
