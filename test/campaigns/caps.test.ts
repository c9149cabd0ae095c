// Caps that stop the spend, driven the way they happen: orders placed in the emulated shop, their
// orders/create webhooks delivered signed to the app, the job queue run on a clock, the Shopify
// discount (and the shopper's checkout) as the emulator then holds them.
import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { campaignCaps, capResumeRefusal } from "~/domain/campaigns/caps.server";
import { createCampaign } from "~/domain/campaigns/campaigns.server";
import { localDayBounds, nextLocalMidnight, startOfLocalDay } from "~/domain/campaigns/local-days";
import { toStaff } from "~/domain/governance/staff.server";
import { changeLifecycleAudited, editPublished, publishGoverned, type Acting } from "~/domain/governance/workflow.server";
import { simulatedClock } from "~/lib/clock";
import { createShopifyEmulator, deployAppFunctions, type ShopifyEmulator } from "../../dev/emulator";
import { cartLineFor, checkoutCustomer, simulateCheckout, type Cart } from "../../dev/emulator/checkout";
import { OTHER_SHOP, TEST_SHOP, testStaff } from "../support/shopify-app";
import { adminFor, orderPayload, runJobs, sendOrderWebhook, shopifyForEachTest } from "../redemptions/support";
import { campaignInput, checkoutOf } from "./support";
import { campaignInputOf } from "~/domain/campaigns/campaigns.server";
import type { CampaignInput } from "~/domain/campaigns/campaign-input";

const shopify = shopifyForEachTest();

async function actingAs(role: "owner" | "manager"): Promise<Acting> {
  return { db: prisma, staff: toStaff(await testStaff(role)), admin: await adminFor(TEST_SHOP) };
}

/** A shop with a $40 shirt, the app's functions deployed, on the emulator's clock `now`. */
function shopWithShirt(now?: () => Date): { emulator: ShopifyEmulator; shirt: string } {
  if (now) shopify.emulator = createShopifyEmulator({ shops: [TEST_SHOP, OTHER_SHOP], throttle: false, now });
  const { emulator } = shopify;
  deployAppFunctions(emulator, TEST_SHOP);
  const product = emulator.seedFor(TEST_SHOP).product({ title: "Linen shirt", variants: [{ title: "M", sku: "LIN-M", price: "40.00" }] });
  const shirt = [...emulator.store(TEST_SHOP).variants.values()].find((variant) => variant.productId === product.id)!.id;
  return { emulator, shirt };
}

async function publishedCampaign(input: Partial<CampaignInput>) {
  const owner = await actingAs("owner");
  const campaign = await createCampaign(
    prisma,
    TEST_SHOP,
    campaignInput({ usageLimit: null, oncePerCustomer: false, ownerStaffId: (await testStaff("manager")).id, ...input }),
    owner.staff.id,
  );
  const published = await publishGoverned(owner, campaign);
  expect(published.publish.ok).toBe(true);
  return prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
}

/** An order with `code` taking 10% off `quantity` shirts ($4.00 each), delivered to the app as orders/create. */
async function orderWithCode(
  emulator: ShopifyEmulator,
  shirt: string,
  code: string,
  options: { quantity?: number; customerId?: string; processedAt?: string } = {},
) {
  const order = emulator.seedFor(TEST_SHOP).order({
    lines: [{ variantId: shirt, quantity: options.quantity ?? 10 }],
    discounts: [{ code, percentage: 10 }],
    customerId: options.customerId ?? null,
    ...(options.processedAt ? { processedAt: options.processedAt, createdAt: options.processedAt } : {}),
  });
  expect(await sendOrderWebhook("orders/create", orderPayload(emulator, order))).toBe(200);
  return order;
}

const discountOf = (emulator: ShopifyEmulator, id: string) => emulator.store(TEST_SHOP).discounts.get(id)!;
const isOn = (emulator: ShopifyEmulator, id: string, at: Date) => {
  const discount = discountOf(emulator, id);
  return Date.parse(discount.startsAt) <= at.getTime() && (discount.endsAt === null || Date.parse(discount.endsAt) > at.getTime());
};

describe("a campaign budget", () => {
  it("switches the discount off on the order that crosses $100 of discounts, once, and says so to the owner and the approvers", async () => {
    const { emulator, shirt } = shopWithShirt();
    const campaign = await publishedCampaign({ sharedCode: "BUDGET10", budgetDiscount: "100.00" });
    const discountId = campaign.shopifyDiscountId!;

    // Two orders of $40 off each: $80 of $100.
    await orderWithCode(emulator, shirt, "BUDGET10");
    await orderWithCode(emulator, shirt, "budget10");
    await runJobs();
    expect(await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).toMatchObject({ status: "live", budgetReachedAt: null });
    expect(isOn(emulator, discountId, new Date())).toBe(true);
    expect((await campaignCaps(prisma, campaign))?.budgets).toEqual([{ kind: "discount", cap: 100, used: 80, reached: false, overshoot: 0 }]);

    // The third takes it to $120: the discount goes off with it.
    const crossing = await orderWithCode(emulator, shirt, "BUDGET10");
    await runJobs();
    const stopped = await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
    expect(stopped).toMatchObject({ status: "paused", pauseReason: "budget", budgetReachedBy: "discount" });
    expect(stopped.budgetReachedAt).not.toBeNull();
    expect(isOn(emulator, discountId, new Date())).toBe(false);
    expect((await checkoutOf(emulator, new Date())).discounts.map((discount) => discount.id)).not.toContain(discountId);

    const notified = await prisma.notification.findMany({ where: { shopDomain: TEST_SHOP, kind: "campaign.budget-reached" } });
    const staffIds = notified.map((notification) => notification.staffId).sort();
    const expected = [(await testStaff("owner")).id, (await testStaff("approver")).id, (await testStaff("manager")).id].sort();
    expect(staffIds).toEqual(expected);
    expect(notified[0].message).toBe(
      `${campaign.name} reached its budget of $100.00 in discounts: PromoGuard switched its discount off. Orders already in checkout went $20.00 over it.`,
    );
    expect(await prisma.auditEntry.count({ where: { shopDomain: TEST_SHOP, action: "campaign.budget-reached" } })).toBe(1);

    // An order that was already in checkout, and Shopify repeating the crossing order's webhook:
    // counted (the overshoot grows), never a second stop.
    await orderWithCode(emulator, shirt, "BUDGET10", { quantity: 5 });
    await sendOrderWebhook("orders/updated", { ...orderPayload(emulator, crossing), updated_at: new Date(Date.now() + 1000).toISOString() });
    await runJobs();
    expect(await prisma.notification.count({ where: { shopDomain: TEST_SHOP, kind: "campaign.budget-reached" } })).toBe(expected.length);
    expect(await prisma.auditEntry.count({ where: { shopDomain: TEST_SHOP, action: "campaign.budget-reached" } })).toBe(1);
    const caps = await campaignCaps(prisma, await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } }));
    expect(caps).toMatchObject({ budgets: [{ kind: "discount", cap: 100, used: 140, reached: true, overshoot: 40 }], budgetReached: { kind: "discount" } });

    // Resuming by hand is refused while the budget holds; raising it is an edit, and resumes.
    const paused = await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
    expect(await capResumeRefusal(prisma, paused)).toBe(
      "This campaign reached its budget of $100.00 in discounts. Raise it (edit the campaign and publish), and the campaign resumes.",
    );
    expect(await changeLifecycleAudited(await actingAs("owner"), paused, "resume")).toMatchObject({ ok: false });
    const raised = await editPublished(await actingAs("owner"), paused, { ...campaignInputOf(paused), budgetDiscount: "200.00" });
    expect(raised).toMatchObject({ applied: true });
    const resumed = await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
    expect(resumed).toMatchObject({ status: "live", pauseReason: null, budgetReachedAt: null });
    expect(isOn(emulator, discountId, new Date())).toBe(true);
  });

  it("counts redemptions and the orders' net revenue too, and only the shop's own orders", async () => {
    const { emulator, shirt } = shopWithShirt();
    const byCount = await publishedCampaign({ sharedCode: "TWICE", budgetRedemptions: 2 });
    const byRevenue = await publishedCampaign({ sharedCode: "GOAL", budgetRevenue: "500.00" });
    await orderWithCode(emulator, shirt, "TWICE");
    await orderWithCode(emulator, shirt, "GOAL"); // $360 net
    await runJobs();
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id: byCount.id } })).status).toBe("live");
    await orderWithCode(emulator, shirt, "TWICE");
    await orderWithCode(emulator, shirt, "GOAL"); // $720 net
    await runJobs();
    expect(await prisma.campaign.findUniqueOrThrow({ where: { id: byCount.id } })).toMatchObject({ status: "paused", budgetReachedBy: "redemptions" });
    expect(await prisma.campaign.findUniqueOrThrow({ where: { id: byRevenue.id } })).toMatchObject({ status: "paused", budgetReachedBy: "revenue" });
    const notice = await prisma.notification.findFirstOrThrow({ where: { kind: "campaign.budget-reached", message: { startsWith: byRevenue.name } } });
    expect(notice.message).toBe(
      `${byRevenue.name} reached its revenue goal of $500.00: PromoGuard switched its discount off. Orders already in checkout went $220.00 over it.`,
    );
  });

  it("leaves a campaign the merchant paused paused, and a campaign without caps alone", async () => {
    const { emulator, shirt } = shopWithShirt();
    const capped = await publishedCampaign({ sharedCode: "CAPPED", budgetRedemptions: 1 });
    const free = await publishedCampaign({ sharedCode: "FREE" });
    await changeLifecycleAudited(await actingAs("owner"), capped, "pause");
    await orderWithCode(emulator, shirt, "CAPPED");
    await orderWithCode(emulator, shirt, "FREE");
    await runJobs();
    expect(await prisma.campaign.findUniqueOrThrow({ where: { id: capped.id } })).toMatchObject({
      status: "paused",
      pauseReason: "manual",
      budgetReachedBy: "redemptions",
    });
    expect(await prisma.campaign.findUniqueOrThrow({ where: { id: free.id } })).toMatchObject({ status: "live", budgetReachedAt: null });
    expect(await prisma.job.count({ where: { type: "campaigns.caps-check", payload: { contains: `"campaignId":${free.id}` } } })).toBe(0);
  });
});

describe("shop-local days", () => {
  it("start at the first instant of the day, where daylight saving skips midnight too", () => {
    expect(startOfLocalDay("2027-03-14", "America/New_York").toISOString()).toBe("2027-03-14T05:00:00.000Z");
    expect(startOfLocalDay("2027-03-15", "America/New_York").toISOString()).toBe("2027-03-15T04:00:00.000Z");
    // Santiago moves its clocks from 00:00 to 01:00: the day starts at 01:00 local.
    expect(startOfLocalDay("2026-09-06", "America/Santiago").toISOString()).toBe("2026-09-06T04:00:00.000Z");
    expect(nextLocalMidnight(new Date("2026-09-06T03:30:00Z"), "America/Santiago").toISOString()).toBe("2026-09-06T04:00:00.000Z");
    const fallBack = localDayBounds(new Date("2027-11-07T12:00:00Z"), "America/New_York");
    expect(fallBack.end.getTime() - fallBack.start.getTime()).toBe(25 * 60 * 60 * 1000);
  });
});

describe("a daily cap", () => {
  it("pauses the campaign until the shop's midnight and resumes it then, across a daylight-saving change", async () => {
    // Saturday 13 March 2027, 20:00 in New York (EST, UTC−5); clocks go forward that night at 02:00.
    const clock = simulatedClock(new Date("2027-03-14T01:00:00Z"));
    const { emulator, shirt } = shopWithShirt(() => clock.now());
    const campaign = await publishedCampaign({ sharedCode: "DAILY2", dailyCap: 2, startsAt: new Date("2027-01-01T00:00:00Z") });
    const discountId = campaign.shopifyDiscountId!;

    await orderWithCode(emulator, shirt, "DAILY2", { processedAt: clock.now().toISOString() });
    await runJobs(clock);
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe("live");
    await orderWithCode(emulator, shirt, "DAILY2", { processedAt: clock.now().toISOString() });
    await runJobs(clock);
    const paused = await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
    // Midnight EST is 05:00 UTC.
    expect(paused).toMatchObject({ status: "paused", pauseReason: "dailyCap", pausedUntil: new Date("2027-03-14T05:00:00Z") });
    expect(isOn(emulator, discountId, clock.now())).toBe(false);
    expect(await campaignCaps(prisma, paused, clock.now())).toMatchObject({ daily: { cap: 2, today: 2 }, resumesAt: "2027-03-14T05:00:00.000Z" });
    expect(await capResumeRefusal(prisma, paused, clock.now())).toBe(
      "Today's 2 redemptions are used up. The campaign resumes by itself on Mar 14, 2027, 12:00 AM, or raise the daily cap.",
    );

    // A late order's check does not lose the one at midnight.
    await orderWithCode(emulator, shirt, "DAILY2", { processedAt: new Date("2027-03-14T01:30:00Z").toISOString() });
    clock.advance(3 * 60 * 60 * 1000 + 59 * 60 * 1000); // 04:59 UTC, 23:59 local
    await runJobs(clock);
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe("paused");
    clock.advance(60 * 1000); // midnight
    await runJobs(clock);
    expect(await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).toMatchObject({ status: "live", pauseReason: null, pausedUntil: null });
    expect(isOn(emulator, discountId, clock.now())).toBe(true);

    // Sunday 14 March has 23 hours (EDT from 02:00): its midnight is 04:00 UTC, not 05:00.
    clock.advance(19 * 60 * 60 * 1000); // 00:00Z on the 15th = 20:00 EDT on the 14th
    await orderWithCode(emulator, shirt, "DAILY2", { processedAt: clock.now().toISOString() });
    await orderWithCode(emulator, shirt, "DAILY2", { processedAt: clock.now().toISOString() });
    await runJobs(clock);
    expect(await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).toMatchObject({
      status: "paused",
      pausedUntil: new Date("2027-03-15T04:00:00Z"),
    });
    clock.advance(4 * 60 * 60 * 1000);
    await runJobs(clock);
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe("live");
    expect(await prisma.auditEntry.count({ where: { action: "campaign.daily-cap", entityId: String(campaign.id) } })).toBe(2);
    expect(await prisma.auditEntry.count({ where: { action: "campaign.cap-resume", entityId: String(campaign.id) } })).toBe(2);
  });
});

describe("uses per customer", () => {
  function cartFor(emulator: ShopifyEmulator, shirt: string, customerId: string, code: string): Cart {
    const line = cartLineFor(emulator, shirt, { quantity: 1 });
    return {
      currencyCode: "USD",
      lines: [line],
      buyerIdentity: { email: "ana@example.com", isAuthenticated: true, customer: checkoutCustomer(emulator, customerId, TEST_SHOP) },
      deliveryGroups: [
        {
          id: "gid://shopify/CartDeliveryGroup/1",
          lineIds: [line.id],
          address: { countryCode: "US" },
          options: [{ handle: "standard", cost: "5.00", methodType: "SHIPPING" }],
          selectedHandle: "standard",
        },
      ],
      enteredDiscountCodes: [code],
      localization: { countryCode: "US", languageCode: "EN" },
    };
  }

  it("refuses the 4th use by a customer when each may use it 3 times, with the reason, and lets others use it", async () => {
    const { emulator, shirt } = shopWithShirt();
    await publishedCampaign({
      sharedCode: "LOYAL3",
      config: { version: 1, maxUsesPerCustomer: 3, effects: [{ type: "percentage", percentage: 10, appliesTo: "order" }] },
    });
    const ana = emulator.seedFor(TEST_SHOP).customer({ email: "ana@example.com", firstName: "Ana" });
    const ben = emulator.seedFor(TEST_SHOP).customer({ email: "ben@example.com", firstName: "Ben" });
    const codeAt = async (customerId: string) => {
      const { discounts, shop } = await checkoutOf(emulator, new Date());
      return (await simulateCheckout(cartFor(emulator, shirt, customerId, "LOYAL3"), discounts, { shop, now: new Date() })).codes.find(
        (code) => code.code.toUpperCase() === "LOYAL3",
      );
    };

    for (let use = 1; use <= 3; use++) {
      expect((await codeAt(ana.id))?.status).toBe("APPLIED");
      await orderWithCode(emulator, shirt, "LOYAL3", { customerId: ana.id, quantity: 1 });
      await runJobs();
    }
    expect(
      emulator
        .store(TEST_SHOP)
        .metafieldsOf(ana.id)
        .map((metafield) => JSON.parse(metafield.value)),
    ).toEqual([{ LOYAL3: 3 }]);
    expect(await codeAt(ana.id)).toMatchObject({ status: "REJECTED", message: "You've already used LOYAL3 3 times: it can be used 3 times per customer" });
    expect((await codeAt(ben.id))?.status).toBe("APPLIED");
  });
});
