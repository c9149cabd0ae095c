// One cart, two ways: checked out on the demo storefront's checkout (the checkout emulator, run
// the way the storefront runs it) and tested in the admin's cart simulator (which reads the store
// through the Admin API). Both must give every line the same discounts and turn the same codes
// away with the same words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { createCampaign } from "~/domain/campaigns/campaigns.server";
import { publishCampaign } from "~/domain/campaigns/publishing.server";
import type { CampaignInput } from "~/domain/campaigns/campaign-input";
import { routeShopifyRequestsTo } from "~/shopify/transport.server";
import { unauthenticated } from "~/shopify.server";
import { createShopifyEmulator, deployAppFunctions, type ShopifyEmulator } from "../../dev/emulator";
import { placeOrder } from "../../dev/emulator/checkout";
import { DEMO_SHOP } from "../../dev/demo/catalogue";
import type { CartSession } from "../../dev/demo/storefront/cart";
import { priceCheckout } from "../../dev/demo/storefront/checkout";
import { storefrontCustomers } from "../../dev/demo/storefront/store-data";
import { campaignInput } from "../campaigns/support";
import { installShop } from "../support/shopify-app";
import { fromCheckout, fromSimulator, setStock, simulation } from "./support";

const SHOP = DEMO_SHOP.domain;
let emulator: ShopifyEmulator;
const variants: Record<string, string> = {};
let customerId: string;

async function publish(overrides: Partial<CampaignInput>) {
  const { admin } = await unauthenticated.admin(SHOP);
  const outcome = await publishCampaign(
    prisma,
    admin,
    await createCampaign(prisma, SHOP, campaignInput({ usageLimit: null, oncePerCustomer: false, ...overrides })),
  );
  if (!outcome.ok) throw new Error(`Publishing failed: ${JSON.stringify(outcome.errors)}`);
  return outcome.campaign;
}

beforeAll(async () => {
  emulator = createShopifyEmulator({ shops: [{ domain: SHOP, currencyCode: "USD", ianaTimezone: DEMO_SHOP.ianaTimezone }], throttle: false });
  deployAppFunctions(emulator, SHOP);
  routeShopifyRequestsTo(emulator.fetch);
  await installShop(SHOP);
  const seed = emulator.seedFor(SHOP);
  const product = (title: string, price: string) => {
    const record = seed.product({ title, variants: [{ title: "Default Title", sku: title.toUpperCase().replace(/ /g, "-"), price }] });
    variants[title] = record.variantIds[0];
    return record;
  };
  const shirt = product("Linen shirt", "40.00");
  const coat = product("Wool coat", "150.00");
  product("Clay mug", "20.00");
  const candle = product("Candle", "12.50");
  const autumn = seed.collection({ title: "Autumn", productIds: [shirt.id, coat.id] });
  const customer = seed.customer({ firstName: "Ana", lastName: "Returning", email: "ana@example.com", tags: ["vip"] });
  customerId = customer.id;
  seed.order({ customerId, email: "ana@example.com", lines: [{ variantId: variants["Clay mug"], quantity: 1 }] });
  await setStock(SHOP, variants["Clay mug"], 3);
  await setStock(SHOP, variants["Wool coat"], 400);
  await setStock(SHOP, variants["Linen shirt"], 40);

  await publish({
    name: "Autumn 10%",
    sharedCode: "AUTUMN10",
    combinesWithOrder: true,
    config: { version: 1, includedCollectionIds: [autumn.id], effects: [{ type: "percentage", percentage: 10 }] },
  });
  await publish({
    name: "Basket 5% over $300",
    sharedCode: "BASKET5",
    config: { version: 1, minimumSubtotal: "300.00", effects: [{ type: "percentage", percentage: 5, appliesTo: "order" }] },
  });
  await publish({
    name: "First order 20%",
    sharedCode: "FIRST20",
    config: { version: 1, firstOrder: true, effects: [{ type: "percentage", percentage: 20, appliesTo: "order" }] },
  });
  await publish({
    name: "Stock clearance",
    sharedCode: "STOCK15",
    combinesWithProduct: true,
    combinesWithOrder: true,
    stackingCategory: "joint",
    config: {
      version: 1,
      minimumStock: 5,
      excludedProductIds: [candle.id],
      effects: [{ type: "percentage", percentage: 15, overstock: { above: 100, percentage: 30 } }],
    },
  });
}, 120_000);

afterAll(() => routeShopifyRequestsTo());

function session(lines: [string, number][], codes: string[]): CartSession {
  return {
    token: "test",
    lines: lines.map(([title, quantity]) => ({ variantId: variants[title], quantity })),
    customerId,
    email: "ana@example.com",
    countryCode: "US",
    codes,
    deliveryHandle: "standard",
    notice: null,
    lastOrder: null,
  };
}

async function bothWays(lines: [string, number][], codes: string[]) {
  const cart = session(lines, codes);
  const checkout = await priceCheckout(emulator, cart, storefrontCustomers(emulator));
  const simulated = await simulation(SHOP, {
    lines: cart.lines.map(({ variantId, quantity }) => ({ variantId, quantity })),
    buyer: { kind: "customer", customerId, b2b: false },
    countryCode: cart.countryCode,
    codes,
    shipping: { cost: "8.00", method: "SHIPPING" },
  });
  return { checkout, simulated };
}

describe("the cart simulator and the storefront's checkout", () => {
  it("give the same discounts on every line and refuse the same codes with the same words", async () => {
    const { checkout, simulated } = await bothWays(
      [
        ["Linen shirt", 2],
        ["Wool coat", 1],
        ["Clay mug", 1],
        ["Candle", 2],
      ],
      ["autumn10", "BASKET5", "first20", "NOPE"],
    );
    expect(fromSimulator(simulated)).toEqual(fromCheckout(checkout));

    // What both said, spelled out: AUTUMN10 takes 10% off the shirt and the coat; the returning
    // shopper can't use FIRST20; the guard turns BASKET5 away: it needs $300 of items, the cart has $275.
    expect(fromCheckout(checkout).codes).toEqual({
      AUTUMN10: "APPLIED",
      BASKET5: "BASKET5 needs 300.00 USD of eligible items: add 25.00 USD more",
      FIRST20: "FIRST20 is for first orders",
      NOPE: "Enter a valid discount code",
    });
    expect(checkout.totals).toMatchObject({ subtotal: "275.00", lineDiscounts: "23.00" });
    // The order the storefront would place takes the same figures.
    expect(placeOrder(emulator, checkout, { shop: SHOP }).lineItems.length).toBe(4);
  });

  it("agree on stock-aware discounts, combinations and the guard's limit of codes per order", async () => {
    const { checkout, simulated } = await bothWays(
      [
        ["Linen shirt", 1],
        ["Wool coat", 2],
        ["Clay mug", 2],
        ["Candle", 1],
      ],
      ["STOCK15", "AUTUMN10", "BASKET5"],
    );
    expect(fromSimulator(simulated)).toEqual(fromCheckout(checkout));
    const codes = fromCheckout(checkout).codes;
    // The guard takes 2 PromoGuard codes per order, the best first: the third is turned away.
    expect(Object.values(codes).filter((verdict) => verdict === "APPLIED").length).toBeGreaterThan(0);
    expect(Object.values(codes)).toContain("BASKET5 wasn't applied: only 2 discount codes can be used on one order");
    // STOCK15 takes 30% off the overstocked coats and nothing off the mug (3 in stock) or the candle (excluded).
    const stock = simulated.discounts.find((discount) => discount.title === "Stock clearance")!;
    expect(stock.lines.map((line) => [line.title, line.amount])).toEqual([
      ["Linen shirt - Default Title", "6.00"],
      ["Wool coat - Default Title", "90.00"],
      ["Clay mug - Default Title", "0.00"],
      ["Candle - Default Title", "0.00"],
    ]);
  });
});
