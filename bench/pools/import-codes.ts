// Benchmark: import a 1,000,000-code CSV file through runImport, the path an upload takes.
// Prints wall time, codes/s and the process's peak RSS, sampled while the import runs.
import { createReadStream, createWriteStream } from "node:fs";
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
console.info(`CSV import of ${format(CODES)} codes (${mb(bytes)} MB file, one transaction per 5,000 rows, published at once)`);
console.info(`  wall time        ${format(seconds, 2)} s`);
console.info(`  throughput       ${format(CODES / seconds)} codes/s`);
console.info(`  peak RSS         ${mb(peakRss)} MB (${mb(rssBefore)} MB before the import started)`);
store.close();
await prisma.$disconnect();
