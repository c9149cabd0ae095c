import { APP_EXTENSIONS, createShopifyEmulator, deployAppFunctions, type ShopifyEmulator } from "../../dev/emulator";
import { checkoutShop, liveAppDiscounts, loadShopifyFunctions, type ActiveDiscount, type ShopContext, type ShopifyFunction } from "../../dev/emulator/checkout";
import { describeCatalogue, type StackingCatalogue } from "promo-discount/config";
import type { CompiledCatalogue } from "promo-discount/checkout";
import { NO_CAPS, type CampaignInput } from "~/domain/campaigns/campaign-input";
import { routeShopifyRequestsTo } from "~/shopify/transport.server";
import { OTHER_SHOP, TEST_SHOP, installShop } from "../support/shopify-app";

/** A Shopify emulator with both test shops, PromoGuard's function extensions released in each, and
 * the app's Admin API traffic routed to it. Call `stop` (afterAll) to restore the network. */
export async function startShopify(options: { withFunction?: boolean; now?: () => Date } = {}) {
  const emulator = createShopifyEmulator({ shops: [TEST_SHOP, OTHER_SHOP], throttle: false, now: options.now });
  if (options.withFunction !== false) {
    for (const shop of [TEST_SHOP, OTHER_SHOP]) deployAppFunctions(emulator, shop);
  }
  routeShopifyRequestsTo(emulator.fetch);
  await installShop(TEST_SHOP);
  await installShop(OTHER_SHOP);
  return { emulator, stop: () => routeShopifyRequestsTo() };
}

export { adminFor } from "../support/factories";

/** The app's own metafield namespace as the emulator stores it ("$app:promoguard" resolved). */
export function appNamespace(emulator: ShopifyEmulator, shop: string = TEST_SHOP): string {
  return `app--${emulator.store(shop).app.id.split("/").pop()}--promoguard`;
}

/** A PromoGuard metafield of a discount: its compiled "rules" (what the function reads) or its "input" variables. */
export function discountMetafield(emulator: ShopifyEmulator, discountId: string, shop: string = TEST_SHOP, key: "rules" | "input" = "rules"): unknown {
  const record = emulator.store(shop).findMetafield(discountId, appNamespace(emulator, shop), key);
  return record ? JSON.parse(record.value) : undefined;
}

let functions: Promise<ReadonlyMap<string, ShopifyFunction>> | undefined;

/** PromoGuard's function extensions as `shopify app deploy` ships them, bundled once per test file. */
export function promoGuardFunctions(): Promise<ReadonlyMap<string, ShopifyFunction>> {
  functions ??= loadShopifyFunctions(APP_EXTENSIONS);
  return functions;
}

/** The shop's live PromoGuard discounts and the shop, as checkout sees them at `now`. */
export async function checkoutOf(emulator: ShopifyEmulator, now: Date, shop: string = TEST_SHOP): Promise<{ discounts: ActiveDiscount[]; shop: ShopContext }> {
  return { discounts: liveAppDiscounts(emulator, await promoGuardFunctions(), { shop, now }), shop: checkoutShop(emulator, shop) };
}

/** The stacking catalogue the shop metafield holds, read back into its readable form. */
export function shopCatalogue(emulator: ShopifyEmulator, shop: string = TEST_SHOP): StackingCatalogue {
  const store = emulator.store(shop);
  const record = store.findMetafield(store.shop.id, appNamespace(emulator, shop), "stacking-catalogue");
  if (!record) throw new Error("The shop has no stacking catalogue metafield");
  return describeCatalogue(JSON.parse(record.value) as CompiledCatalogue);
}

let counter = 0;

export function campaignInput(overrides: Partial<CampaignInput> = {}): CampaignInput {
  counter++;
  return {
    name: `Autumn ${counter}`,
    ownerName: "Ana Owner",
    ownerEmail: "ana@example.com",
    purpose: "Win back lapsed customers",
    channel: "email",
    config: { version: 1, effects: [{ type: "percentage", percentage: 10, appliesTo: "order" }] },
    codeSource: "shared",
    sharedCode: `AUTUMN${counter}`,
    generatedCount: null,
    generatedPrefix: null,
    generatedLength: null,
    poolId: null,
    startsAt: new Date("2026-01-01T00:00:00Z"),
    endsAt: new Date("2027-12-31T00:00:00Z"),
    usageLimit: 500,
    oncePerCustomer: true,
    ...NO_CAPS,
    combinesWithProduct: false,
    combinesWithOrder: false,
    combinesWithShipping: true,
    stackingCategory: "joint",
    priority: 5,
    ...overrides,
  };
}
