// Benchmark: 50 concurrent callers make 20,000 assignments through assignCoupon, spread over
// several processes that each hold their own connection to one SQLite file (WAL), so the
// concurrency is real; then checks that no code went to two callers. Two spreads: one process
// per core, and more processes than cores.
import { Readable } from "node:stream";
import { BENCH_SHOP, format, freshBenchDatabase, percentiles } from "./bench-database";
import { runAssignWorkers } from "./assign-workers";

const ASSIGNMENTS = 20_000;
const CODES = 25_000;
const SPREADS = [
  { processes: 2, callersPerProcess: 25 },
  { processes: 5, callersPerProcess: 10 },
];

const databaseUrl = freshBenchDatabase("assign");
const { default: prisma } = await import("~/db.server");
const { recordInstall } = await import("~/domain/shops.server");
const { openPoolStore } = await import("~/domain/pools/store.server");
const { createPool } = await import("~/domain/pools/pools.server");
const { createImport, runImport } = await import("~/domain/pools/imports.server");

await recordInstall(prisma, BENCH_SHOP, { name: "Bench", currencyCode: "USD", ianaTimezone: "UTC" });
const store = openPoolStore(databaseUrl);
let failed = false;

for (const { processes, callersPerProcess } of SPREADS) {
  const pool = await createPool(store, BENCH_SHOP, `Assignment benchmark ${processes}×${callersPerProcess}`);
  const job = await createImport(store, pool, { source: "csv" });
  const codes = Array.from({ length: CODES }, (_, index) => `P${pool.id}-${index}`).join("\n");
  await runImport(store, pool, job.id, Readable.from([Buffer.from(`code\n${codes}\n`)]));

  const reports = await runAssignWorkers(
    Array.from({ length: processes }, (_, index) => ({
      databaseUrl,
      pool: { id: pool.id, shopDomain: pool.shopDomain },
      count: ASSIGNMENTS / processes,
      concurrency: callersPerProcess,
      label: `p${pool.id}-${index}`,
      startAt: Date.now() + 3_000,
    })),
  );

  const seconds = (Math.max(...reports.map((r) => r.finishedAt)) - Math.min(...reports.map((r) => r.startedAt))) / 1000;
  const handedOut = reports.flatMap((report) => report.codes);
  const { p50, p99 } = percentiles(reports.flatMap((report) => report.latenciesMs));
  const inDatabase = store
    .statement(`SELECT COUNT(*) - COUNT(DISTINCT "couponId") AS "duplicates" FROM "CouponAssignment" WHERE "poolId" = ?`)
    .get(pool.id) as { duplicates: number };
  const duplicates = handedOut.length - new Set(handedOut).size + inDatabase.duplicates;
  failed ||= duplicates !== 0 || handedOut.length !== ASSIGNMENTS;

  console.info(
    `assignCoupon: ${format(ASSIGNMENTS)} assignments by ${processes * callersPerProcess} concurrent callers, ` +
      `${processes} processes × ${callersPerProcess}`,
  );
  console.info(`  wall time        ${format(seconds, 2)} s`);
  console.info(`  throughput       ${format(handedOut.length / seconds)} assignments/s`);
  console.info(`  latency          p50 ${format(p50, 2)} ms, p99 ${format(p99, 2)} ms`);
  console.info(`  duplicates       ${duplicates} (codes handed out twice, checked in the results and in the database)`);
}
store.close();
await prisma.$disconnect();
if (failed) process.exit(1);
