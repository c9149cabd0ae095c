// Benchmark: 100,000 pool codes become redeem codes of one campaign's discount through the
// real code-sync job, against the local Shopify emulator with the standard plan's rate limit
// on. Simulated time governs the bucket: the emulator and the job share a clock that only
// moves when the job waits (for the bucket, or between polls), so "codes per second" is what
// Shopify's limit allows this implementation, not how fast this machine is.
import { Readable } from "node:stream";
import { Session } from "@shopify/shopify-api";
import { BENCH_SHOP, format, freshBenchDatabase } from "../pools/bench-database";

const CODES = Number(process.env.BENCH_CODES ?? 100_000);
const START = Date.parse("2026-11-02T12:00:00Z");

freshBenchDatabase("sync");
process.env.SHOPIFY_API_KEY ??= "bench-api-key";
process.env.SHOPIFY_API_SECRET ??= "bench-api-secret";
process.env.SHOPIFY_APP_URL ??= "https://promoguard.bench";
const { default: prisma } = await import("~/db.server");
const { recordInstall } = await import("~/domain/shops.server");
const { poolStore } = await import("~/domain/pools/store.server");
const { createPool } = await import("~/domain/pools/pools.server");
const { createImport, runImport } = await import("~/domain/pools/imports.server");
const { sessionStorage, unauthenticated } = await import("~/shopify.server");
const { routeShopifyRequestsTo } = await import("~/shopify/transport.server");
const { simulatedClock } = await import("~/lib/clock");
const { enqueueCodeSync, getCodeSyncStatus } = await import("~/domain/campaigns/code-sync.server");
const { jobHandlers } = await import("~/jobs/handlers.server");
const { createJobWorker } = await import("~/jobs/worker.server");
const { createShopifyEmulator, PLAN_RATE_LIMITS } = await import("../../dev/emulator");

// The shop: installed (offline session), a pool of CODES codes, a published campaign on it.
await recordInstall(prisma, BENCH_SHOP, { name: "Bench", currencyCode: "USD", ianaTimezone: "UTC" });
await sessionStorage.storeSession(
  new Session({ id: `offline_${BENCH_SHOP}`, shop: BENCH_SHOP, state: "installed", isOnline: false, accessToken: "shpat_bench" }),
);
const store = poolStore();
const clock = simulatedClock(START);
const pool = await createPool(store, BENCH_SHOP, "Sync benchmark", clock.now());
const upload = await createImport(store, pool, { source: "csv" });
const codes = Array.from({ length: CODES }, (_, index) => `SYNC-${String(index).padStart(6, "0")}`);
await runImport(store, pool, upload.id, Readable.from([Buffer.from(`code\n${codes.join("\n")}\n`)]), { now: clock.now() });

const rateLimit = PLAN_RATE_LIMITS.standard;
const emulator = createShopifyEmulator({ shops: [BENCH_SHOP], now: () => clock.now(), rateLimit, throttle: true });
emulator.seed.function({ handle: "promo-discount" });
const discount = emulator.seed.discount({ kind: "APP", functionHandle: "promo-discount", title: "Benchmark campaign", codes: [codes[0]] });
const campaign = await prisma.campaign.create({
  data: {
    shopDomain: BENCH_SHOP,
    name: "Benchmark campaign",
    ownerName: "Bench",
    ownerEmail: "bench@example.com",
    purpose: "Benchmark",
    channel: "email",
    config: "{}",
    codeSource: "pool",
    poolId: pool.id,
    initialCode: codes[0],
    startsAt: clock.now(),
    status: "live",
    shopifyDiscountId: discount.id,
    publishedAt: clock.now(),
  },
});

// Every Admin call the job makes, by operation, and what one redeem-code addition costs.
const callsByOperation = new Map<string, number>();
let throttledAnswers = 0;
let additionCost = 0;
let pointsRequested = 0;
routeShopifyRequestsTo(async (input, init) => {
  const request = new Request(input, init);
  const { query } = (await request.clone().json()) as { query: string };
  const operation = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "anonymous";
  callsByOperation.set(operation, (callsByOperation.get(operation) ?? 0) + 1);
  const response = await emulator.fetch(request);
  const body = (await response.clone().json()) as {
    errors?: { extensions?: { code?: string } }[];
    extensions?: { cost?: { requestedQueryCost: number; actualQueryCost: number | null } };
  };
  if (body.errors?.some((error) => error.extensions?.code === "THROTTLED")) throttledAnswers++;
  else pointsRequested += body.extensions?.cost?.actualQueryCost ?? body.extensions?.cost?.requestedQueryCost ?? 0;
  if (body.errors === undefined && operation === "PromoGuardRedeemCodesAdd") additionCost = body.extensions?.cost?.requestedQueryCost ?? additionCost;
  return response;
});

const worker = createJobWorker({
  db: prisma,
  clock,
  concurrency: 1,
  handlers: jobHandlers({ adminFor: async (shop) => (await unauthenticated.admin(shop)).admin }),
});
await enqueueCodeSync(prisma, { shopDomain: BENCH_SHOP, campaignId: campaign.id }, { now: clock.now() });
const wallStart = performance.now();
const simulatedStart = clock.epochMs;
await worker.runDueJobs();
const wallSeconds = (performance.now() - wallStart) / 1000;
const simulatedSeconds = (clock.epochMs - simulatedStart) / 1000;

const onShopify = emulator.store(BENCH_SHOP).redeemCodeCountOf(discount.id);
const status = await getCodeSyncStatus(prisma, campaign.id, clock.now());
const added = CODES - 1; // the discount was created with the first code
const codesPerCall = 250;
// Theoretical maximum: the bucket starts full, so its first maximumAvailable ÷ cost additions
// go at once; after that the bucket refills at restoreRate points/s, i.e. restoreRate ÷ cost
// additions/s of codesPerCall codes each. Polling and bookkeeping calls are left out: the
// bound is what the additions alone allow.
const burstCodes = Math.floor(rateLimit.maximumAvailable / additionCost) * codesPerCall;
const sustainedCodesPerSecond = (rateLimit.restoreRate / additionCost) * codesPerCall;
const minimumSeconds = Math.max(0, added - burstCodes) / sustainedCodesPerSecond;
const theoreticalCodesPerSecond = minimumSeconds === 0 ? Infinity : added / minimumSeconds;
const measuredCodesPerSecond = added / simulatedSeconds;
const totalCalls = [...callsByOperation.values()].reduce((sum, count) => sum + count, 0);
// The same bound for every call the job made (additions and polls alike): the shortest time in
// which the bucket could have paid for all of them.
const minimumSecondsForAllCalls = Math.max(0, pointsRequested - rateLimit.maximumAvailable) / rateLimit.restoreRate;

console.info(
  `Code sync: ${format(added)} codes added to one discount through the emulator (standard plan: bucket ${format(rateLimit.maximumAvailable)} points, restore ${rateLimit.restoreRate} points/s)`,
);
console.info(
  `  on Shopify afterwards   ${format(onShopify)} redeem codes (sync status: ${format(status.synced)} synced, ${status.pending} pending, ${status.failed} failed)`,
);
console.info(`  simulated time          ${format(simulatedSeconds, 2)} s`);
console.info(`  throughput              ${format(measuredCodesPerSecond)} codes/s (simulated)`);
console.info(`  theoretical maximum     ${format(theoreticalCodesPerSecond)} codes/s`);
console.info(
  `    = ${format(added)} codes ÷ ((${format(added)} − ${format(burstCodes)} codes from the full bucket) ÷ (${rateLimit.restoreRate} points/s ÷ ${additionCost} points per call × ${codesPerCall} codes per call))`,
);
console.info(`  ratio                   ${format((measuredCodesPerSecond / theoreticalCodesPerSecond) * 100, 1)} % of the maximum`);
console.info(
  `  with its polls counted   ${format(pointsRequested)} points spent in all ⇒ at least ${format(minimumSecondsForAllCalls, 2)} s ⇒ ${format(added / minimumSecondsForAllCalls)} codes/s; measured ${format((minimumSecondsForAllCalls / simulatedSeconds) * 100, 1)} % of that`,
);
console.info(
  `  API calls               ${format(totalCalls)} (${[...callsByOperation].map(([operation, count]) => `${operation} ${format(count)}`).join(", ")}); THROTTLED answers ${throttledAnswers}`,
);
console.info(`  wall time               ${format(wallSeconds, 2)} s`);

routeShopifyRequestsTo();
store.close();
await prisma.$disconnect();
if (onShopify !== CODES || status.synced !== CODES) process.exit(1);
