// Why a code gives nothing, for every kind of reason: a campaign's own conditions and effects (the
// rule vocabulary's sentences), the guard's refusals (first orders, exclusive codes, codes per
// order, uses per customer), combinations Shopify refuses, caps that paused a campaign (a budget,
// today's cap and when it resumes), campaigns not running, codes nobody has and discounts made
// outside PromoGuard. Campaigns are published, paused and capped the way the app does it; the
// simulator reads the emulated store.
import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { createCampaign } from "~/domain/campaigns/campaigns.server";
import { pauseCampaign, publishCampaign } from "~/domain/campaigns/publishing.server";
import type { CampaignInput } from "~/domain/campaigns/campaign-input";
import { setMetafields } from "~/shopify/discounts.server";
import { adminFor, orderPayload, runJobs, sendOrderWebhook, shopifyForEachTest } from "../redemptions/support";
import { campaignInput } from "../campaigns/support";
import { OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { codesOf, setStock, simulation } from "./support";
import { createShopifyEmulator, deployAppFunctions } from "../../dev/emulator";

const shopify = shopifyForEachTest();

/** A $40 shirt in an "Autumn" collection, a $20 mug, a returning customer tagged vip, the app's functions released. */
async function store() {
  // On the real clock: the simulator judges discounts live as Shopify reports them, now.
  shopify.emulator = createShopifyEmulator({ shops: [TEST_SHOP, OTHER_SHOP], throttle: false });
  const { emulator } = shopify;
  // Each test has a fresh emulator: the guard the last one created is not in it.
  await prisma.stackingGuard.deleteMany();
  deployAppFunctions(emulator, TEST_SHOP);
  const seed = emulator.seedFor(TEST_SHOP);
  const shirt = seed.product({ title: "Linen shirt", variants: [{ title: "M", sku: "LIN-M", price: "40.00" }] });
  const mug = seed.product({ title: "Clay mug", variants: [{ title: "Blue", sku: "MUG-B", price: "20.00" }] });
  const autumn = seed.collection({ title: "Autumn", productIds: [shirt.id] });
  const shoes = seed.collection({ title: "Shoes", productIds: [] });
  const ana = seed.customer({ firstName: "Ana", email: "ana@example.com", tags: ["vip"] });
  seed.order({ customerId: ana.id, email: "ana@example.com", lines: [{ variantId: mug.variantIds[0], quantity: 1 }] });
  return { shirt: shirt.variantIds[0], mug: mug.variantIds[0], autumn: autumn.id, shoes: shoes.id, ana: ana.id };
}

async function published(overrides: Partial<CampaignInput>) {
  const created = await createCampaign(prisma, TEST_SHOP, campaignInput({ usageLimit: null, oncePerCustomer: false, ...overrides }));
  const outcome = await publishCampaign(prisma, await adminFor(TEST_SHOP), created);
  if (!outcome.ok) throw new Error(`Publishing failed: ${JSON.stringify(outcome.errors)}`);
  return outcome.campaign;
}

const pct = (percentage: number, appliesTo: "lines" | "order" = "order") => [{ type: "percentage" as const, percentage, appliesTo }];

function cart(lines: [string, number][], codes: string[], buyer: unknown = { kind: "guest" }) {
  return {
    lines: lines.map(([variantId, quantity]) => ({ variantId, quantity })),
    buyer,
    countryCode: "US",
    codes,
    shipping: { cost: "8.00", method: "SHIPPING" },
  };
}

async function codes(lines: [string, number][], entered: string[], buyer?: unknown) {
  return codesOf(await simulation(TEST_SHOP, cart(lines, entered, buyer)));
}

describe("why a campaign's code gives nothing", () => {
  it("says what its own conditions and effects miss, in the rule vocabulary's words, and what the shopper sees", async () => {
    const { shirt, mug, shoes } = await store();
    await published({ sharedCode: "VIP15", config: { version: 1, customerTagsAny: ["vip"], effects: pct(15) } });
    await published({
      sharedCode: "BULK",
      config: { version: 1, effects: [{ type: "tiers", basis: "quantity", appliesTo: "lines", tiers: [{ from: 5, percentage: 5 }] }] },
    });
    await published({ sharedCode: "SHOES20", config: { version: 1, includedCollectionIds: [shoes], effects: pct(20, "lines") } });

    const first = await codes(
      [
        [shirt, 1],
        [mug, 1],
      ],
      ["VIP15", "BULK"],
    );
    expect(first.VIP15).toEqual({
      code: "VIP15",
      verdict: "refused",
      shopperMessage: "Discount code VIP15 doesn't apply to the items in this cart",
      reasons: ["VIP15 isn't available for your account"],
    });
    expect(first.BULK).toEqual({
      code: "BULK",
      verdict: "refused",
      shopperMessage: "Discount code BULK doesn't apply to the items in this cart",
      reasons: ["BULK: add 3 more eligible items to get 5% off"],
    });

    const shoesOnly = await simulation(TEST_SHOP, cart([[shirt, 1]], ["shoes20"]));
    expect(codesOf(shoesOnly).SHOES20.reasons).toEqual(["SHOES20 doesn't apply to the items in your cart"]);
    expect(shoesOnly.discounts[0].lines).toEqual([
      expect.objectContaining({ title: "Linen shirt - M", amount: "0.00", notes: ["SHOES20 doesn't cover this item"] }),
    ]);
  });

  it("gives the guard's refusals word for word: a minimum to reach, first orders, exclusive codes, codes per order", async () => {
    const { shirt, ana } = await store();
    await published({ sharedCode: "SPEND50", config: { version: 1, minimumSubtotal: "50.00", effects: pct(10) } });
    await published({ sharedCode: "FIRST20", config: { version: 1, firstOrder: true, effects: pct(20) } });
    await published({ sharedCode: "SOLO30", stackingCategory: "exclusive", priority: 9, config: { version: 1, effects: pct(30) } });
    await published({ sharedCode: "TEN", config: { version: 1, effects: pct(10) } });

    const returning = { kind: "customer", customerId: ana, b2b: false };
    const refused = await codes([[shirt, 1]], ["SPEND50", "FIRST20"], returning);
    expect(refused.SPEND50).toMatchObject({ verdict: "refused", shopperMessage: "SPEND50 needs 50.00 USD of eligible items: add 10.00 USD more" });
    expect(refused.SPEND50.reasons[0]).toBe("SPEND50 needs 50.00 USD of eligible items: add 10.00 USD more");
    expect(refused.FIRST20).toMatchObject({ verdict: "refused", shopperMessage: "FIRST20 is for first orders", reasons: ["FIRST20 is for first orders"] });

    const exclusive = await codes([[shirt, 2]], ["TEN", "SOLO30"]);
    expect(exclusive.SOLO30.verdict).toBe("applied");
    expect(exclusive.TEN).toMatchObject({
      verdict: "refused",
      shopperMessage: "TEN can't be combined with SOLO30",
      reasons: ["TEN can't be combined with SOLO30"],
    });
  });

  it("says which discount a code can't be combined with when Shopify's combinesWith refuses the pair", async () => {
    const { shirt } = await store();
    await published({ sharedCode: "ORDER10", config: { version: 1, effects: pct(10) } });
    await published({ sharedCode: "ORDER5", config: { version: 1, effects: pct(5) } });

    const combined = await codes([[shirt, 1]], ["ORDER5", "ORDER10"]);
    expect(combined.ORDER10.verdict).toBe("applied");
    expect(combined.ORDER5).toEqual({
      code: "ORDER5",
      verdict: "refused",
      shopperMessage: "Discount couldn't be used with your existing discounts.",
      reasons: [
        "ORDER5 can't be combined with ORDER10: neither combines with other order discounts. Checkout keeps the combination that saves the shopper most.",
      ],
    });
  });

  it("counts a customer's uses of a per-customer-limited offer as the guard does", async () => {
    const { shirt, ana } = await store();
    await published({ sharedCode: "LOYAL3", config: { version: 1, maxUsesPerCustomer: 3, effects: pct(10) } });
    const errors = await setMetafields(await adminFor(TEST_SHOP), [
      { ownerId: ana, namespace: "$app:promoguard", key: "uses", type: "json", value: JSON.stringify({ LOYAL3: 3 }) },
    ]);
    expect(errors).toEqual([]);

    const used = await codes([[shirt, 1]], ["LOYAL3"], { kind: "customer", customerId: ana, b2b: false });
    expect(used.LOYAL3).toEqual({
      code: "LOYAL3",
      verdict: "refused",
      shopperMessage: "You've already used LOYAL3 3 times: it can be used 3 times per customer",
      reasons: ["You've already used LOYAL3 3 times: it can be used 3 times per customer"],
    });
    // A profile has no uses: the same code applies.
    expect((await codes([[shirt, 1]], ["LOYAL3"], { kind: "profile", tags: [], returning: true, b2b: false })).LOYAL3.verdict).toBe("applied");
  });
});

describe("caps and campaigns that are not running", () => {
  /** An order with `code` taking $4 off, delivered to the app as orders/create (the caps check runs on it). */
  async function orderWithCode(variantId: string, code: string) {
    const order = shopify.emulator
      .seedFor(TEST_SHOP)
      .order({ lines: [{ variantId, quantity: 10 }], discounts: [{ code, percentage: 10 }], processedAt: new Date().toISOString() });
    expect(await sendOrderWebhook("orders/create", orderPayload(shopify.emulator, order))).toBe(200);
  }

  it("explains a campaign its budget switched off, and one whose daily cap is used up with when it resumes", async () => {
    const { shirt } = await store();
    const budget = await published({ name: "Budget ten", sharedCode: "BUDGET10", budgetDiscount: "50.00", config: { version: 1, effects: pct(10) } });
    const daily = await published({ name: "Daily two", sharedCode: "DAILY2", dailyCap: 2, config: { version: 1, effects: pct(10) } });
    await orderWithCode(shirt, "BUDGET10");
    await orderWithCode(shirt, "BUDGET10");
    await orderWithCode(shirt, "DAILY2");
    await orderWithCode(shirt, "DAILY2");
    await runJobs();
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id: budget.id } })).pauseReason).toBe("budget");
    const paused = await prisma.campaign.findUniqueOrThrow({ where: { id: daily.id } });
    expect(paused.pauseReason).toBe("dailyCap");

    const simulated = await simulation(TEST_SHOP, cart([[shirt, 1]], ["BUDGET10", "DAILY2"]));
    const byCode = codesOf(simulated);
    expect(byCode.BUDGET10).toEqual({
      code: "BUDGET10",
      verdict: "refused",
      shopperMessage: "Enter a valid discount code",
      reasons: [
        "Budget ten is paused: it reached its budget of $50.00 in discounts, so PromoGuard switched its discount off. It resumes once the budget is raised and the campaign published.",
      ],
    });
    const resumes = new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", dateStyle: "medium", timeStyle: "short" }).format(paused.pausedUntil!);
    expect(resumes).toMatch(/12:00\sAM$/);
    expect(byCode.DAILY2.reasons).toEqual([`Daily two is paused for today: its daily cap of 2 redemptions is used up. It resumes by itself on ${resumes}.`]);
    expect(simulated.discounts.map((discount) => [discount.campaign?.name, discount.applied])).toEqual([
      ["Budget ten", false],
      ["Daily two", false],
    ]);
  });

  it("explains drafts, schedules, pauses, unknown codes and discounts made outside PromoGuard", async () => {
    const { shirt } = await store();
    await createCampaign(prisma, TEST_SHOP, campaignInput({ name: "Spring draft", sharedCode: "SPRING", config: { version: 1, effects: pct(10) } }));
    await published({ name: "Winter sale", sharedCode: "WINTER", startsAt: new Date("2027-01-15T14:00:00Z"), config: { version: 1, effects: pct(10) } });
    const paused = await published({ name: "Paused promo", sharedCode: "PAUSED", config: { version: 1, effects: pct(10) } });
    expect((await pauseCampaign(prisma, await adminFor(TEST_SHOP), paused)).ok).toBe(true);
    shopify.emulator.seedFor(TEST_SHOP).discount({ title: "Welcome 10% (newsletter)", codes: ["WELCOME10"], summary: "10% off entire order" });

    const byCode = await codes([[shirt, 1]], ["SPRING", "WINTER", "PAUSED", "WELCOME10", "NOPE"]);
    expect(byCode.SPRING.reasons).toEqual(["SPRING belongs to Spring draft, which isn't published yet"]);
    expect(byCode.WINTER.reasons).toEqual(["WINTER belongs to Winter sale, which starts on Jan 15, 2027, 9:00 AM"]);
    expect(byCode.PAUSED.reasons).toEqual(["Paused promo is paused: its discount is switched off until someone resumes it"]);
    expect(byCode.WELCOME10).toEqual({
      code: "WELCOME10",
      verdict: "not priced",
      shopperMessage: null,
      reasons: [
        'WELCOME10 belongs to "Welcome 10% (newsletter)", a discount made outside PromoGuard: Shopify applies it by its own rules, which the simulator doesn\'t run',
      ],
    });
    expect(byCode.NOPE).toEqual({
      code: "NOPE",
      verdict: "refused",
      shopperMessage: "Enter a valid discount code",
      reasons: ["No discount in the store has the code NOPE"],
    });
  });
});

describe("line by line", () => {
  it("names the items a stock-aware campaign leaves out and the overstocked ones it takes more off", async () => {
    const { shirt, mug } = await store();
    await published({
      sharedCode: "STOCK15",
      config: { version: 1, minimumStock: 5, effects: [{ type: "percentage", percentage: 15, overstock: { above: 100, percentage: 30 } }] },
    });
    await setStock(TEST_SHOP, shirt, 250);
    await setStock(TEST_SHOP, mug, 2);

    const simulated = await simulation(
      TEST_SHOP,
      cart(
        [
          [shirt, 1],
          [mug, 1],
        ],
        ["STOCK15"],
      ),
    );
    expect(simulated.discounts[0].lines.map(({ title, amount, notes }) => ({ title, amount, notes }))).toEqual([
      { title: "Linen shirt - M", amount: "12.00", notes: ["STOCK15 takes 30% off this item instead of 15%: 250 in stock, more than 100"] },
      { title: "Clay mug - Blue", amount: "0.00", notes: ["STOCK15 leaves this item out: only 2 in stock, fewer than 5"] },
    ]);
  });
});
