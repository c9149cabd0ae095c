// Each Flow trigger fired from where its event happens, sent by the app's job worker with
// flowTriggerReceive and received by the emulator's Flow, which checks the payload against the
// trigger's toml: once per event, however often the cause repeats.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { refreshFraudCases } from "~/domain/analytics/fraud/refresh.server";
import { createCampaign } from "~/domain/campaigns/campaigns.server";
import { toStaff } from "~/domain/governance/staff.server";
import { publishGoverned } from "~/domain/governance/workflow.server";
import { refreshPoolAlerts } from "~/domain/pools/alerts.server";
import { addCoupon } from "~/domain/pools/coupons.server";
import { createPool, updateAlertSettings } from "~/domain/pools/pools.server";
import { poolStore } from "~/domain/pools/store.server";
import { legacyId } from "../../dev/emulator/admin/ids";
import type { ShopifyEmulator } from "../../dev/emulator";
import { redeem } from "../analytics/fraud-support";
import { adminFor, campaignInput, startShopify } from "../campaigns/support";
import { orderPayload, sendOrderWebhook } from "../redemptions/support";
import { TEST_SHOP, testStaff } from "../support/shopify-app";
import { runAppJobs } from "./support";

let emulator: ShopifyEmulator;
let stop: () => void;
let shirt: string;

beforeAll(async () => {
  ({ emulator, stop } = await startShopify());
  const product = emulator.seedFor(TEST_SHOP).product({ title: "Linen shirt", variants: [{ title: "M", sku: "LIN-M", price: "40.00", cost: "15.00" }] });
  shirt = product.variantIds[0];
});
afterAll(() => stop());

/** The triggers Flow receives while `work` runs (and the jobs it queued run). */
async function triggersDuring(work: () => Promise<unknown>) {
  const before = emulator.flow.triggerRuns().length;
  await work();
  await runAppJobs();
  return emulator.flow
    .triggerRuns()
    .slice(before)
    .map(({ handle, payload }) => ({ handle, payload }));
}

const ADMIN_APP = `https://${TEST_SHOP}/admin/apps/${process.env.SHOPIFY_API_KEY}`;

async function publishedCampaign(input: Parameters<typeof campaignInput>[0]) {
  const owner = toStaff(await testStaff("owner"));
  const campaign = await createCampaign(prisma, TEST_SHOP, campaignInput({ usageLimit: null, oncePerCustomer: false, ...input }), owner.id);
  const published = await publishGoverned({ db: prisma, staff: owner, admin: await adminFor(TEST_SHOP) }, campaign);
  expect(published.publish.ok).toBe(true);
  return prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
}

/** An order with 10% off its shirts by `code`, delivered to the app as orders/create (and once more, as Shopify repeats). */
async function orderWithCode(code: string, quantity: number) {
  const order = emulator.seedFor(TEST_SHOP).order({ lines: [{ variantId: shirt, quantity }], discounts: [{ code, percentage: 10 }], email: "kai@example.com" });
  const webhookId = `order-${order.id}`;
  for (let delivery = 0; delivery < 2; delivery++) expect(await sendOrderWebhook("orders/create", orderPayload(emulator, order), { webhookId })).toBe(200);
  return order;
}

describe("PromoGuard's Flow triggers", () => {
  it("Coupon pool running low: when a pool's alert opens, once per crossing", async () => {
    const store = poolStore();
    const pool = await createPool(store, TEST_SHOP, "Low pool");
    await updateAlertSettings(store, pool, { enabled: true, threshold: 5 });
    for (const code of ["LOW-1", "LOW-2", "LOW-3"]) await addCoupon(store, pool, { code });

    const fired = await triggersDuring(async () => {
      await refreshPoolAlerts(store, pool);
      await refreshPoolAlerts(store, pool);
    });
    expect(fired).toEqual([
      {
        handle: "coupon-pool-running-low",
        payload: {
          "Pool name": "Low pool",
          "Available codes": 3,
          "Projected days": 9999,
          Alert: "Below alert threshold",
          Details: "3 coupons left, below your alert threshold of 5.",
          "Pool page": `${ADMIN_APP}/app/pools/${pool.id}`,
        },
      },
    ]);
  });

  it("Campaign code redeemed: once per order and code, however often Shopify repeats the webhook", async () => {
    const campaign = await publishedCampaign({ name: "Redeemed 10%", sharedCode: "SHIRT10" });
    let order!: Awaited<ReturnType<typeof orderWithCode>>;
    const fired = await triggersDuring(async () => {
      order = await orderWithCode("SHIRT10", 2);
      await runAppJobs();
      await sendOrderWebhook("orders/updated", orderPayload(emulator, order));
    });
    expect(fired).toEqual([
      {
        handle: "campaign-code-redeemed",
        payload: { order_id: legacyId(order.id), Code: "SHIRT10", "Campaign name": campaign.name, "Discount amount": 8, Influence: "Applied" },
      },
    ]);
  });

  it("Campaign budget reached: once, when the order that crosses the budget switches the discount off", async () => {
    const campaign = await publishedCampaign({ name: "Budgeted 10%", sharedCode: "BUDGET10", budgetDiscount: "10.00" });
    const fired = await triggersDuring(async () => {
      await orderWithCode("BUDGET10", 2);
      await runAppJobs();
      await orderWithCode("BUDGET10", 2);
      await runAppJobs();
      await orderWithCode("BUDGET10", 1);
    });
    expect(await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).toMatchObject({ status: "paused", budgetReachedBy: "discount" });
    expect(fired.filter((run) => run.handle === "campaign-budget-reached")).toEqual([
      {
        handle: "campaign-budget-reached",
        payload: { "Campaign name": campaign.name, Budget: "Discount budget", Cap: 10, Used: 16, "Campaign page": `${ADMIN_APP}/app/campaigns/${campaign.id}` },
      },
    ]);
  });

  it("Fraud case opened: once per new case, not again when the case is refreshed", async () => {
    const now = new Date("2026-11-20T12:00:00Z");
    for (const email of ["ann@example.com", "bo@example.com", "cy@example.com"])
      await redeem({ email, clientIp: "198.51.100.7", processedAt: new Date("2026-11-19T10:00:00Z") });
    const fired = await triggersDuring(async () => {
      await refreshFraudCases(prisma, TEST_SHOP, { now });
      await refreshFraudCases(prisma, TEST_SHOP, { now });
    });
    expect(fired).toEqual([
      {
        handle: "fraud-case-opened",
        payload: { Signal: "Same IP address", Customers: 3, Redemptions: 3, "Discount given": 30, "Review page": `${ADMIN_APP}/app/analytics/fraud` },
      },
    ]);
  });
});
