// The demo's Shopify Flow journey, run once on a fresh demo store after the app is listening: the
// store's newsletter workflow (a Shopify Flow run over 200 subscribers) calls PromoGuard's action
// "Assign a coupon from a pool" for each of them — real signed requests to the app's runtime URL —
// and the campaign the pool feeds holds 10% of them out. Then some of them shop (orders placed in
// the emulated store, their orders/create webhooks delivered signed to the app): more of those who
// got a code than of those held out, so the campaign's holdout comparison has a figure to show.
// Everything the app records comes through its real routes; the worker does the rest.
import { createHash } from "node:crypto";
import { buildWebhookRequest, orderWebhookPayload, type ShopifyEmulator } from "../emulator";
import type { Database } from "../../app/db.server";
import type { AdminGraphql } from "../../app/shopify/discounts.server";
import { createDemoCampaign } from "./campaigns";
import { DEMO_FLOW_CAMPAIGN, DEMO_PRODUCTS, DEMO_RESPONSE, DEMO_SHOP, DEMO_SUBSCRIBERS } from "./catalogue";

export interface FlowJourneyResult {
  campaignId: number;
  assigned: number;
  heldOut: number;
  orders: number;
}

const ASSIGN_ACTION = "assign-coupon-from-pool";
/** Steps Flow runs at once (a workflow's "For each" sends them a few at a time). */
const PARALLEL_STEPS = 4;

/** A number in [0, 1) that a text always maps to: who shops and what they buy stay the same in every fresh demo. */
function share(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32BE(0) / 2 ** 32;
}

const codeOf = (index: number) => `${DEMO_FLOW_CAMPAIGN.codePrefix}-${createHash("sha256").update(`news-${index}`).digest("hex").slice(0, 6).toUpperCase()}`;

/** The subscribers in the emulated store (created once), by email. */
function seedSubscribers(emulator: ShopifyEmulator): Map<string, string> {
  const store = emulator.store(DEMO_SHOP.domain);
  const existing = new Map([...store.customers.values()].flatMap((customer) => (customer.email ? [[customer.email, customer.id] as const] : [])));
  for (const subscriber of DEMO_SUBSCRIBERS) {
    if (existing.has(subscriber.email)) continue;
    const { countryCode, ...person } = subscriber;
    const customer = emulator.seedFor(DEMO_SHOP.domain).customer({ ...person, address: { countryCode } });
    existing.set(subscriber.email, customer.id);
  }
  return existing;
}

/** The pool of codes and the live campaign it feeds, with its 10% holdout, made as the Manager makes them. */
async function preparePoolCampaign(prisma: Database, admin: AdminGraphql): Promise<number> {
  const [{ createPool }, { addCoupon }, { poolStore }] = await Promise.all([
    import("../../app/domain/pools/pools.server"),
    import("../../app/domain/pools/coupons.server"),
    import("../../app/domain/pools/store.server"),
  ]);
  const pool = await createPool(poolStore(), DEMO_SHOP.domain, DEMO_FLOW_CAMPAIGN.poolName);
  for (let index = 1; index <= DEMO_FLOW_CAMPAIGN.codes; index++) {
    await addCoupon(poolStore(), pool, { code: codeOf(index), message: `${DEMO_FLOW_CAMPAIGN.percentage}% off your next order`, userExpirationDays: "30" });
  }
  const campaignId = await createDemoCampaign(prisma, admin, DEMO_SHOP.domain, {
    ...DEMO_FLOW_CAMPAIGN,
    poolId: pool.id,
    config: { version: 1, effects: [{ type: "percentage", percentage: DEMO_FLOW_CAMPAIGN.percentage, appliesTo: "order" }] },
  });
  // As the campaign's measurement settings card sets it.
  await prisma.campaign.update({ where: { id: campaignId }, data: { holdoutPercent: DEMO_FLOW_CAMPAIGN.holdoutPercent } });
  return campaignId;
}

interface StepAnswer {
  email: string;
  customerId: string;
  code: string | null;
}

/** The Flow run: one signed action request per subscriber, a few at a time, as Flow sends them. */
async function runWorkflow(emulator: ShopifyEmulator, origin: string, subscribers: Map<string, string>): Promise<StepAnswer[]> {
  const queue = DEMO_SUBSCRIBERS.map((subscriber) => ({ email: subscriber.email, customerId: subscribers.get(subscriber.email)! }));
  const answers: StepAnswer[] = [];
  const lane = async () => {
    for (let step = queue.shift(); step; step = queue.shift()) {
      const result = await emulator.flow.runAction({
        shop: DEMO_SHOP.domain,
        handle: ASSIGN_ACTION,
        properties: { customer_id: step.customerId, pool: DEMO_FLOW_CAMPAIGN.poolName },
        appUrl: origin,
        retries: 2,
      });
      const body = JSON.parse(result.attempts.at(-1)!.body) as { outcome?: string; code?: string; message?: string };
      if (result.status !== 200) throw new Error(`The demo's Flow step for ${step.email} failed (${result.status}): ${body.message ?? "no reason given"}`);
      answers.push({ ...step, code: body.outcome === "assigned" ? body.code! : null });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_STEPS }, lane));
  return answers;
}

/** The subscribers who shop: a code-holder pays with it; a held-out subscriber pays full price. */
async function placeOrders(emulator: ShopifyEmulator, origin: string, apiSecret: string, answers: StepAnswer[]): Promise<number> {
  const store = emulator.store(DEMO_SHOP.domain);
  const variantsBySku = new Map([...store.variants.values()].map((variant) => [variant.sku, variant.id]));
  let placed = 0;
  for (const answer of answers) {
    const rate = answer.code ? DEMO_RESPONSE.treated : DEMO_RESPONSE.heldOut;
    if (share(`shops:${answer.email}`) >= rate) continue;
    const product = DEMO_PRODUCTS[Math.floor(share(`buys:${answer.email}`) * DEMO_PRODUCTS.length)];
    const order = emulator.seedFor(DEMO_SHOP.domain).order({
      customerId: answer.customerId,
      email: answer.email,
      lines: [{ variantId: variantsBySku.get(product.variants[0].sku)!, quantity: 1 + Math.floor(share(`many:${answer.email}`) * 2) }],
      discounts: answer.code ? [{ code: answer.code, percentage: DEMO_FLOW_CAMPAIGN.percentage }] : [],
      shippingLines: [{ title: "Standard", price: "8.00" }],
      landingSite: "/storefront",
      sourceName: "web",
    });
    const request = buildWebhookRequest({
      url: new URL("/webhooks/orders/create", origin),
      topic: "orders/create",
      shop: DEMO_SHOP.domain,
      payload: orderWebhookPayload(store, order),
      secret: apiSecret,
    });
    const response = await fetch(request);
    if (!response.ok) throw new Error(`The app refused the demo's orders/create webhook (${response.status})`);
    placed++;
  }
  return placed;
}

export async function runFlowJourney(options: {
  emulator: ShopifyEmulator;
  origin: string;
  apiSecret: string;
  prisma: Database;
  admin: AdminGraphql;
}): Promise<FlowJourneyResult> {
  const { emulator, origin } = options;
  const subscribers = seedSubscribers(emulator);
  const campaignId = await preparePoolCampaign(options.prisma, options.admin);
  const answers = await runWorkflow(emulator, origin, subscribers);
  const orders = await placeOrders(emulator, origin, options.apiSecret, answers);
  const assigned = answers.filter((answer) => answer.code !== null).length;
  return { campaignId, assigned, heldOut: answers.length - assigned, orders };
}
