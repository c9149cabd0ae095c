// npm run drill:import — the crash drill: a 1,000,000-row import killed with SIGKILL at a random
// moment, five times, each time in a fresh process (the "restart"). Each round must end with
// every code imported exactly once, or the import visibly FAILED and the pool exactly as before.
// Exits non-zero on the first round that does not.
import { BENCH_SHOP, format, freshBenchDatabase } from "./bench-database";

const ROUNDS = 5;
const CODES = Number(process.env.DRILL_CODES ?? 1_000_000);
// Kill within this long after the import process started: some rounds finish first.
const WINDOW_MS = Number(process.env.DRILL_WINDOW_MS ?? 12_000);

freshBenchDatabase("drill");
const { default: prisma } = await import("~/db.server");
const { recordInstall } = await import("~/domain/shops.server");
const { poolStore } = await import("~/domain/pools/store.server");
const { createPool } = await import("~/domain/pools/pools.server");
const { createImport, findImport, INTERRUPTED } = await import("~/domain/pools/imports.server");
const { addCoupon } = await import("~/domain/pools/coupons.server");
const { killImportAtRandom } = await import("../../test/support/import-child");

await recordInstall(prisma, BENCH_SHOP, { name: "Drill", currencyCode: "USD", ianaTimezone: "UTC" });
const store = poolStore();
const pool = await createPool(store, BENCH_SHOP, "Drill");
for (let index = 0; index < 1_000; index++) await addCoupon(store, pool, { code: `KEPT-${index}` });
const count = (where: object = {}) => prisma.coupon.count({ where: { poolId: pool.id, ...where } });

let failures = 0;
for (let round = 1; round <= ROUNDS; round++) {
  const before = await count();
  const job = await createImport(store, pool, { source: "csv", fileName: `round-${round}.csv` });
  const started = performance.now();
  const outcome = await killImportAtRandom({ pool, importId: job.id, codes: CODES, prefix: `R${round}`, window: WINDOW_MS });
  const at = ((performance.now() - started) / 1000).toFixed(1);
  const summary = (await findImport(store, pool, job.id))!;
  const [after, ofRound] = [await count(), await count({ code: { startsWith: `R${round}-` } })];
  const exactlyOnce = summary.status === "COMPLETED" && summary.imported === CODES && ofRound === CODES && after === before + CODES;
  const untouched = summary.status === "FAILED" && summary.rejectionReason === INTERRUPTED && ofRound === 0 && after === before;
  const ok = outcome === "finished" ? exactlyOnce : exactlyOnce || untouched;
  if (!ok) failures++;
  console.info(
    `round ${round}: ${outcome === "killed" ? `killed after ${at} s` : `finished in ${at} s`} → ${summary.status}` +
      `${summary.status === "FAILED" ? ` ("${summary.rejectionReason}")` : ""}; pool ${format(before)} → ${format(after)} codes,` +
      ` ${format(ofRound)} of this round's ${format(CODES)}: ${ok ? "OK" : "WRONG"}`,
  );
}
store.close();
await prisma.$disconnect();
if (failures > 0) {
  console.error(`${failures} of ${ROUNDS} rounds broke the rule`);
  process.exit(1);
}
console.info(`${ROUNDS} of ${ROUNDS} rounds: every code imported exactly once, or the import visibly failed with the pool as before.`);
