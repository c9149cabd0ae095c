import prisma from "~/db.server";
import { createPool, type Pool } from "~/domain/pools/pools.server";
import { jobHandlers } from "~/jobs/handlers.server";
import { simulatedClock } from "~/lib/clock";
import { createJobWorker, type JobWorker } from "~/jobs/worker.server";
import { routeShopifyRequestsTo } from "~/shopify/transport.server";
import { createShopifyEmulator, type ShopifyEmulatorOptions } from "../../dev/emulator";
import { codeList, importInto, testStore } from "../pools/support";
import { installShop, OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { adminFor } from "../support/factories";

export const START = Date.parse("2026-11-02T12:00:00Z");
export const LEASE_MS = 60_000;

let campaignCounter = 0;

/**
 * A published pool campaign against the local Shopify: the emulator (on a simulated clock the
 * app's jobs share) holds the campaign's code discount, created with the pool's first code as
 * the campaigns engineer publishes it; the app's Admin traffic goes to the emulator.
 */
export async function givenSyncedCampaignWorld(options: { codes?: number; emulator?: ShopifyEmulatorOptions } = {}) {
  const clock = simulatedClock(START);
  const emulator = createShopifyEmulator({ shops: [TEST_SHOP, OTHER_SHOP], now: () => clock.now(), ...options.emulator });
  routeShopifyRequestsTo(emulator.fetch);
  await installShop(TEST_SHOP);
  // A fresh emulator reuses discount ids: the app's side starts as empty as Shopify's.
  await prisma.$transaction([prisma.job.deleteMany(), prisma.codeSyncEntry.deleteMany(), prisma.campaign.deleteMany()]);
  const pool = await createPool(testStore(), TEST_SHOP, `Campaign pool ${++campaignCounter}`, clock.now());
  const prefix = `C${campaignCounter}`;
  await importInto(pool, codeList(prefix, options.codes ?? 600), { now: clock.now() });
  const initialCode = `${prefix}-1`;
  emulator.seed.function({ handle: "promo-discount" });
  const discount = emulator.seed.discount({ kind: "APP", functionHandle: "promo-discount", title: "Pool campaign", codes: [initialCode] });
  const campaign = await createCampaignRow(pool, discount.id, initialCode, clock.now());
  const worker = (workerId: string) => syncWorker(workerId, clock);
  const shopifyCodes = () =>
    emulator
      .store(TEST_SHOP)
      .redeemCodesOf(discount.id)
      .map((code) => code.code)
      .sort();
  return { clock, emulator, pool, discount, campaign, initialCode, prefix, worker, shopifyCodes };
}

export function syncWorker(workerId: string, clock: ReturnType<typeof simulatedClock>): JobWorker {
  return createJobWorker({
    db: prisma,
    clock,
    concurrency: 1,
    leaseMs: LEASE_MS,
    workerId,
    handlers: jobHandlers({ adminFor }),
  });
}

export function createCampaignRow(pool: Pool, discountId: string, initialCode: string, now: Date) {
  return prisma.campaign.create({
    data: {
      shopDomain: pool.shopDomain,
      name: `Campaign on ${pool.name}`,
      ownerName: "Ada",
      ownerEmail: "ada@example.com",
      purpose: "Welcome series",
      channel: "email",
      config: "{}",
      codeSource: "pool",
      poolId: pool.id,
      initialCode,
      startsAt: now,
      status: "live",
      shopifyDiscountId: discountId,
      publishedAt: now,
    },
  });
}

/** `PREFIX-1` … `PREFIX-count`, sorted as the emulator's codes are compared. */
export const expectedCodes = (prefix: string, count: number, except: string[] = []) =>
  Array.from({ length: count }, (_, index) => `${prefix}-${index + 1}`)
    .filter((code) => !except.includes(code))
    .sort();
