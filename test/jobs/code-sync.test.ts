import { afterEach, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { assignCoupon, revokeAssignment } from "~/domain/pools/assignments.server";
import { addCoupon } from "~/domain/pools/coupons.server";
import { enqueueCodeSync, enqueueCodeSyncsForPool, getCodeSyncStatus, retryFailedCodes } from "~/domain/campaigns/code-sync.server";
import { enqueueLiveCampaignSyncs } from "~/domain/campaigns/code-sync/schedule.server";
import { routeShopifyRequestsTo } from "~/shopify/transport.server";
import { codeList, importInto, testStore } from "../pools/support";
import { TEST_SHOP } from "../support/shopify-app";
import { expectedCodes, givenSyncedCampaignWorld, LEASE_MS } from "./support";

afterEach(() => routeShopifyRequestsTo());

const DAY_MS = 24 * 60 * 60 * 1000;

describe("redeem-code sync", () => {
  it("adds every pool code to the discount in batches of at most 250 while the bucket is drained", async () => {
    const world = await givenSyncedCampaignWorld({ codes: 600 });
    world.emulator.throttle.setAvailable(0, TEST_SHOP);
    await enqueueCodeSync(prisma, { shopDomain: TEST_SHOP, campaignId: world.campaign.id }, { now: world.clock.now() });
    const before = world.clock.epochMs;

    expect(await world.worker("a").runDueJobs()).toBe(1);

    expect(world.shopifyCodes()).toEqual(expectedCodes(world.prefix, 600));
    const creations = [...world.emulator.store(TEST_SHOP).bulkCreations.values()];
    expect(creations.map((creation) => creation.codes.length)).toEqual([250, 250, 99]);
    // Three additions of 10 points each from an empty bucket refilling at 100 points a second.
    expect(world.clock.epochMs - before).toBeGreaterThanOrEqual(300);
    const status = await getCodeSyncStatus(prisma, world.campaign.id, world.clock.now());
    expect(status).toMatchObject({ total: 600, synced: 600, pending: 0, failed: 0, failures: [], running: false });
    expect(status.lastRunAt).toEqual(new Date(before));
  });

  it("records a code another discount already uses as a failure the merchant sees, and retries it on request", async () => {
    const world = await givenSyncedCampaignWorld({ codes: 10 });
    const newsletter = world.emulator.seedFor(TEST_SHOP).discount({ title: "Newsletter", codes: [`${world.prefix}-7`], summary: "5% off" });
    await enqueueCodeSync(prisma, { shopDomain: TEST_SHOP, campaignId: world.campaign.id }, { now: world.clock.now() });
    await world.worker("a").runDueJobs();

    expect(world.shopifyCodes()).toEqual(expectedCodes(world.prefix, 10, [`${world.prefix}-7`]));
    const status = await getCodeSyncStatus(prisma, world.campaign.id, world.clock.now());
    expect(status).toMatchObject({ total: 10, synced: 9, failed: 1 });
    expect(status.failures).toEqual([{ code: `${world.prefix}-7`, message: expect.stringContaining("Another discount in your store already uses this code") }]);

    // A periodic run leaves the failure alone; once the merchant freed the code, a retry adds it.
    await enqueueCodeSync(prisma, { shopDomain: TEST_SHOP, campaignId: world.campaign.id }, { now: world.clock.now() });
    await world.worker("a").runDueJobs();
    expect((await getCodeSyncStatus(prisma, world.campaign.id, world.clock.now())).failed).toBe(1);
    const store = world.emulator.store(TEST_SHOP);
    for (const code of store.redeemCodesOf(newsletter.id)) store.removeRedeemCode(code.id);
    expect(await retryFailedCodes(prisma, { shopDomain: TEST_SHOP, campaignId: world.campaign.id }, world.clock.now())).toBe(1);
    await world.worker("a").runDueJobs();
    expect(world.shopifyCodes()).toEqual(expectedCodes(world.prefix, 10));
    expect(await getCodeSyncStatus(prisma, world.campaign.id, world.clock.now())).toMatchObject({ total: 10, synced: 10, failed: 0, failures: [] });
  });

  it.each([
    ["after Shopify accepted a batch but before its answer was recorded", "PromoGuardRedeemCodesAdd"],
    ["after a batch was recorded but before it was polled", "PromoGuardRedeemCodesBulkCreation"],
  ])("resumes after the worker dies %s, ending with exactly the pool's codes", async (_when, operation) => {
    const world = await givenSyncedCampaignWorld({ codes: 600, emulator: { jobs: { pendingPolls: 1, completeAfterMs: 2_000 } } });
    let died!: () => void;
    const death = new Promise<void>((resolve) => (died = resolve));
    let seen = 0;
    // The second request of that kind reaches Shopify, and then the process is gone: no answer.
    routeShopifyRequestsTo(async (input, init) => {
      const request = new Request(input, init);
      const { query } = (await request.clone().json()) as { query: string };
      const response = await world.emulator.fetch(request);
      if (new RegExp(`(query|mutation) ${operation}\\b`).test(query) && ++seen === 2) {
        died();
        return new Promise<Response>(() => {});
      }
      return response;
    });
    await enqueueCodeSync(prisma, { shopDomain: TEST_SHOP, campaignId: world.campaign.id }, { now: world.clock.now() });
    void world.worker("dying").runDueJobs();
    await death;

    routeShopifyRequestsTo(world.emulator.fetch);
    expect(await world.worker("restarted").runDueJobs()).toBe(0); // the dead worker's lease still holds
    world.clock.advance(LEASE_MS + 1);
    expect(await world.worker("restarted").runDueJobs()).toBe(1);

    expect(world.shopifyCodes()).toEqual(expectedCodes(world.prefix, 600));
    const status = await getCodeSyncStatus(prisma, world.campaign.id, world.clock.now());
    expect(status).toMatchObject({ total: 600, synced: 600, pending: 0, failed: 0 });
    const job = await prisma.job.findFirstOrThrow({ where: { type: "code-sync" } });
    expect(job).toMatchObject({ status: "succeeded", attempts: 2 });
    const submitted = [...world.emulator.store(TEST_SHOP).bulkCreations.values()].flatMap((creation) => creation.codes.map((entry) => entry.code));
    if (operation === "PromoGuardRedeemCodesAdd") {
      // The batch whose answer was lost is the only one sent twice; Shopify kept one copy.
      expect(submitted).toHaveLength(599 + 250);
    } else {
      // Recorded batches are polled after the restart, never sent again.
      expect(submitted).toHaveLength(599);
    }
  });

  it("follows codes added to the pool later and sweeps revoked and user-expired codes off Shopify", async () => {
    const world = await givenSyncedCampaignWorld({ codes: 20 });
    const store = testStore();
    const expiring = await addCoupon(store, world.pool, { code: "SHORT-LIVED", userExpirationDays: 1 }, { now: world.clock.now() });
    await enqueueLiveCampaignSyncs(prisma, world.clock.now());
    await world.worker("a").runDueJobs();
    expect(world.shopifyCodes()).toEqual([...expectedCodes(world.prefix, 20), expiring.code].sort());

    // Hand out every code (so SHORT-LIVED goes too), revoke one, add new ones, let a day pass.
    const assignments = [];
    for (let index = 0; index < 21; index++) {
      assignments.push((await assignCoupon(store, world.pool, { email: `shopper${index}@example.com`, source: "manual" }, world.clock.now())).assignment);
    }
    const revoked = assignments.find((assignment) => assignment.code === `${world.prefix}-5`)!;
    await revokeAssignment(store, world.pool, revoked.id, world.clock.now());
    await importInto(world.pool, codeList("LATER", 3), { now: world.clock.now() });
    world.clock.advance(DAY_MS + 1);

    expect(await enqueueCodeSyncsForPool(prisma, world.pool.id, world.clock.now())).toBe(1);
    expect(await world.worker("a").runDueJobs()).toBe(1);

    expect(world.shopifyCodes()).toEqual([...expectedCodes(world.prefix, 20, [revoked.code]), ...expectedCodes("LATER", 3)].sort());
    expect(await getCodeSyncStatus(prisma, world.campaign.id, world.clock.now())).toMatchObject({ total: 22, synced: 22 });
  });
});
