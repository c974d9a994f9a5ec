// Benchmark: import of a 1,000,000-row CSV into a database holding 1,000,000 profiles (half the
// rows update existing customers, half add new ones; 1 row in 10,000 is bad).
//   FERRY_PG_PORT=54441 npx tsx scripts/bench/import.ts [--rows 1000000]
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { settings } from "@/lib/config/env";
import { openBenchDatabase, seconds } from "./bench-db";

async function writeCsv(file: string, rows: number) {
  const out = fs.createWriteStream(file);
  out.write("customer_id,first_name,email,city,score,signup,vip\n");
  const offset = 500_000; // C00500001..: the first half exists in the 1M demo profiles.
  for (let i = 1; i <= rows; i += 1) {
    const id = `C${String(offset + i).padStart(8, "0")}`;
    const bad = i % 10_000 === 0;
    const line = `${id},Name ${i % 977},user.${i}@example.com,City ${i % 131},${bad ? "n/a" : (i % 100_000) / 10},2025-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")},${i % 3 === 0 ? "yes" : "no"}\n`;
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

async function main() {
  const flag = process.argv.indexOf("--rows");
  const rows = flag > 0 ? Number(process.argv[flag + 1]) : 1_000_000;
  const database = await openBenchDatabase(1_000_000);
  try {
    const { uploadsDir } = await import("@/lib/profiles/import/uploads");
    const { runImport } = await import("@/lib/profiles/import/run-import");
    const uploadId = randomUUID();
    fs.mkdirSync(uploadsDir(), { recursive: true });
    const file = path.join(uploadsDir(), `${uploadId}.csv`);
    let started = Date.now();
    await writeCsv(file, rows);
    console.log(`wrote ${rows.toLocaleString("en")} rows (${(fs.statSync(file).size / 1e6).toFixed(0)} MB) in ${seconds(started)} s to ${path.relative(settings().dataDir, file)}`);
    started = Date.now();
    let lastLog = 0;
    const result = await runImport(randomUUID(), { uploadId, idColumn: "customer_id", types: { score: "NUMBER", signup: "DATE", vip: "BOOLEAN" } }, {
      progress: async (progress) => {
        if (Date.now() - lastLog > 5000) {
          lastLog = Date.now();
          console.log(`  … ${Math.round(((progress.done ?? 0) / (progress.total ?? 1)) * 100)} % read after ${seconds(started)} s ${progress.message ?? ""}`);
        }
      },
    });
    console.log(`IMPORT ${rows.toLocaleString("en")} rows: ${seconds(started)} s (target ≤ 60 s)`, { ...result, errorsSample: result.errorsSample.length });
    const cpu = process.cpuUsage();
    console.log(`peak RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB, this process ${((cpu.user + cpu.system) / 1e6).toFixed(1)} CPU-s`);
    fs.rmSync(file, { force: true });
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
