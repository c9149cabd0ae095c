import { afterAll, beforeAll, beforeEach } from "vitest";
import prisma from "~/db.server";
import { action as ordersCreate } from "~/routes/webhooks.orders.create";
import { action as ordersUpdated } from "~/routes/webhooks.orders.updated";
import { routeShopifyRequestsTo } from "~/shopify/transport.server";
import { createShopifyEmulator, orderWebhookPayload, type OrderRecord, type OrderSeed, type ShopifyEmulator } from "../../dev/emulator";
import { installShop, OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { webhookRequest } from "../support/webhooks";

// In the past of the real clock, which the job queue reads.
export const NOW = new Date("2026-11-21T12:00:00Z");

// runJobs runs webhook processing, backfill, analytics rollups and cost refresh (the code sync is
// not queued by these tests).
export { adminFor, givenCampaign, runJobs } from "../support/factories";

export interface ShopifyHarness {
  emulator: ShopifyEmulator;
  /** Every Admin API operation the app sent, by name, in order. */
  operations: string[];
  /** When set and true for an operation, Shopify answers it with an internal error instead. */
  failWhen: ((operation: string, operations: string[]) => boolean) | null;
}

/**
 * Both test shops in a Shopify emulator (throttling off, clock fixed at NOW) with the app's Admin
 * traffic routed to it, installed afresh before each test; restores the network afterwards.
 */
export function shopifyForEachTest(): ShopifyHarness {
  const harness = { operations: [] as string[], failWhen: null } as ShopifyHarness;
  beforeAll(() => {
    routeShopifyRequestsTo(async (input, init) => {
      const body = typeof init?.body === "string" ? init.body : "";
      const operation = /query (\w+)/.exec(body)?.[1] ?? "unknown";
      harness.operations.push(operation);
      if (harness.failWhen?.(operation, harness.operations)) {
        return Response.json({ errors: [{ message: "Internal error. Looks like something went wrong on our end." }] });
      }
      return harness.emulator.fetch(input, init);
    });
  });
  beforeEach(async () => {
    harness.emulator = createShopifyEmulator({ shops: [TEST_SHOP, OTHER_SHOP], throttle: false, now: () => NOW });
    harness.operations.length = 0;
    harness.failWhen = null;
    await prisma.job.deleteMany();
    await prisma.shop.deleteMany();
    await installShop(TEST_SHOP);
    await installShop(OTHER_SHOP);
  });
  afterAll(() => routeShopifyRequestsTo());
  return harness;
}

/** A product with one variant of known unit cost and one without, in `shop`. */
export function seedCatalogue(emulator: ShopifyEmulator, shop: string = TEST_SHOP) {
  const product = emulator.seedFor(shop).product({
    title: "Linen shirt",
    variants: [
      { title: "M", sku: "LIN-M", price: "40.00", cost: "15.00" },
      { title: "L", sku: "LIN-L", price: "20.00" },
    ],
  });
  const [costed, uncosted] = [...emulator.store(shop).variants.values()].filter((variant) => variant.productId === product.id);
  return { costed: costed.id, uncosted: uncosted.id };
}

/** An order with `code` taking 10% off its two lines, bought by a new customer. */
export function seedOrderWithCode(emulator: ShopifyEmulator, code: string, overrides: Partial<OrderSeed> = {}, shop: string = TEST_SHOP): OrderRecord {
  const { costed, uncosted } = seedCatalogue(emulator, shop);
  const customer = emulator.seedFor(shop).customer({ email: "Ana@Example.com", firstName: "Ana" });
  return emulator.seedFor(shop).order({
    customerId: customer.id,
    lines: [{ variantId: costed, quantity: 2 }, { variantId: uncosted }],
    discounts: [{ code, percentage: 10 }],
    shippingLines: [{ price: "5.00" }],
    landingSite: "/collections/summer?utm_source=newsletter&utm_medium=email&utm_campaign=autumn",
    referringSite: "https://mail.example.com/",
    clientDetails: { browserIp: "203.0.113.9", userAgent: "Mozilla/5.0 (Test)" },
    ...overrides,
  });
}

export function orderPayload(emulator: ShopifyEmulator, order: OrderRecord, shop: string = TEST_SHOP) {
  return orderWebhookPayload(emulator.store(shop), order);
}

const routes = { "orders/create": ordersCreate, "orders/updated": ordersUpdated } as const;

/** Sends a signed order webhook to the app's route, as Shopify does; returns the HTTP status. */
export async function sendOrderWebhook(
  topic: keyof typeof routes,
  payload: unknown,
  options: { shop?: string; webhookId?: string; secret?: string } = {},
): Promise<number> {
  const request = webhookRequest(`/webhooks/${topic}`, { topic, payload, ...options });
  return (await callAction(routes[topic], request)).status;
}

/** Calls a Remix action; a thrown Response (Shopify's verification refusing) is the answer. */
export async function callAction(action: (args: never) => Promise<Response>, request: Request): Promise<Response> {
  try {
    return await action({ request, params: {}, context: {} } as never);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
