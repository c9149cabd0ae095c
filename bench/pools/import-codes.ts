// Benchmark: import a 1,000,000-code CSV file through runImport, the path an upload takes.
// Prints wall time, codes/s and the process's peak RSS, sampled while the import runs; then the
// ceiling: the same rows inserted straight into an empty, identically migrated Coupon table (one
// transaction, multi-row prepared statements, no parsing, no checks), measured in the same run.
import { createReadStream, createWriteStream, readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { once } from "node:events";
import path from "node:path";
import { BENCH_DIRECTORY, BENCH_SHOP, format, freshBenchDatabase } from "./bench-database";

const CODES = Number(process.env.BENCH_IMPORT_CODES ?? 1_000_000);

/** Unique, unsorted codes in the shape shops import (prefix, base-36 serial, check digits). */
async function writeCodeFile(file: string) {
  const out = createWriteStream(file);
  out.write("code\n");
  let chunk = "";
  for (let index = 0; index < CODES; index++) {
    chunk += `WELCOME-${index.toString(36).toUpperCase()}-${String((index * 7919) % 100_000).padStart(5, "0")}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
  return out.bytesWritten;
}

freshBenchDatabase("import");
const { default: prisma } = await import("~/db.server");
const { recordInstall } = await import("~/domain/shops.server");
const { openPoolStore } = await import("~/domain/pools/store.server");
const { createPool } = await import("~/domain/pools/pools.server");
const { createImport, runImport } = await import("~/domain/pools/imports.server");

await recordInstall(prisma, BENCH_SHOP, { name: "Bench", currencyCode: "USD", ianaTimezone: "UTC" });
const store = openPoolStore(process.env.DATABASE_URL);
const pool = await createPool(store, BENCH_SHOP, "Import benchmark");
const file = path.join(BENCH_DIRECTORY, "codes.csv");
const bytes = await writeCodeFile(file);
const job = await createImport(store, pool, { source: "csv", fileName: "codes.csv", totalBytes: bytes });

const rssBefore = process.memoryUsage().rss;
let peakRss = rssBefore;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const started = performance.now();
const summary = await runImport(store, pool, job.id, createReadStream(file, { highWaterMark: 256 * 1024 }));
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

if (summary.status !== "COMPLETED" || summary.imported !== CODES) {
  throw new Error(`Import ended ${summary.status} with ${summary.imported} codes: ${summary.rejectionReason}`);
}
const mb = (value: number) => format(value / 1024 / 1024, 1);
console.info(`CSV import of ${format(CODES)} codes (${mb(bytes)} MB file, staged outside the pool, published in one transaction)`);
console.info(`  wall time        ${format(seconds, 2)} s`);
console.info(`  throughput       ${format(CODES / seconds)} codes/s`);
console.info(`  peak RSS         ${mb(peakRss)} MB (${mb(rssBefore)} MB before the import started)`);
store.close();
await prisma.$disconnect();

/** Rows/s of the bare INSERTs of the same codes into the same table shape, on a fresh database. */
function rawInsertCeiling(): number {
  const codes = readFileSync(file, "utf8")
    .split("\n")
    .slice(1, CODES + 1);
  const db = new Database(freshBenchDatabase("import-ceiling").slice("file:".length));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.prepare(`INSERT INTO "Shop" ("domain", "updatedAt") VALUES (?, ?)`).run(BENCH_SHOP, new Date().toISOString());
  const poolId = db
    .prepare(`INSERT INTO "CouponPool" ("shopDomain", "name", "nameKey", "updatedAt") VALUES (?, 'Ceiling', 'ceiling', '2026-01-01') RETURNING "id"`)
    .pluck()
    .get(BENCH_SHOP);
  const perStatement = 200;
  const insert = db.prepare(
    `INSERT INTO "Coupon" ("shopDomain", "poolId", "code", "codeKey") VALUES ${Array.from({ length: perStatement }, () => "(?, ?, ?, ?)").join(", ")}`,
  );
  const started = performance.now();
  db.transaction(() => {
    for (let index = 0; index + perStatement <= codes.length; index += perStatement) {
      insert.run(codes.slice(index, index + perStatement).flatMap((code) => [BENCH_SHOP, poolId, code, code]));
    }
  })();
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return codes.length / seconds;
}
const ceiling = rawInsertCeiling();
console.info(`  raw SQLite       ${format(ceiling)} rows/s inserting the same codes into an empty Coupon table (same run)`);
console.info(`  import / raw     ${format((CODES / seconds / ceiling) * 100)}%`);
