// npm run drill:import — the crash drill: a 1,000,000-row import killed with SIGKILL at a random
// moment, five times, each time in a fresh process (the "restart"). Each round must end with
// every code imported exactly once, or the import visibly FAILED and the pool exactly as before.
// Exits non-zero on the first round that does not.
import { BENCH_SHOP, format, freshBenchDatabase } from "./bench-database";

const ROUNDS = 5;
const CODES = Number(process.env.DRILL_CODES ?? 1_000_000);
// The kill falls at a random moment of a whole import's time, measured first on this machine by
// an import left to finish (round 0, checked like the others); DRILL_WINDOW_MS sets it instead.
const GIVEN_WINDOW_MS = Number(process.env.DRILL_WINDOW_MS) || null;

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
let window = GIVEN_WINDOW_MS ?? Number.MAX_SAFE_INTEGER;
let killed = 0;
for (let round = GIVEN_WINDOW_MS ? 1 : 0; round <= ROUNDS; round++) {
  const before = await count();
  const job = await createImport(store, pool, { source: "csv", fileName: `round-${round}.csv` });
  const { outcome, afterMs } = await killImportAtRandom({
    pool,
    importId: job.id,
    codes: CODES,
    prefix: `R${round}`,
    window: round === 0 ? 2 ** 31 - 1 : window,
  });
  if (round === 0) window = afterMs;
  if (outcome === "killed") killed++;
  const at = (afterMs / 1000).toFixed(1);
  const summary = (await findImport(store, pool, job.id))!;
  const [after, ofRound] = [await count(), await count({ code: { startsWith: `R${round}-` } })];
  const exactlyOnce = summary.status === "COMPLETED" && summary.imported === CODES && ofRound === CODES && after === before + CODES;
  const untouched = summary.status === "FAILED" && summary.rejectionReason === INTERRUPTED && ofRound === 0 && after === before;
  const ok = outcome === "finished" ? exactlyOnce : exactlyOnce || untouched;
  if (!ok) failures++;
  console.info(
    `${round === 0 ? "round 0 (timing the window)" : `round ${round}`}: ${outcome === "killed" ? `killed after ${at} s` : `finished in ${at} s`} → ${summary.status}` +
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
console.info(
  `${ROUNDS} of ${ROUNDS} rounds (${killed} killed mid-import, the kill within ${(window / 1000).toFixed(1)} s of the start): ` +
    "every code imported exactly once, or the import visibly failed with the pool as before.",
);
