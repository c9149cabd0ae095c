// The second bridge from the Admin emulator to checkout (order.ts is the first): the shop's app
// discounts that are live at an instant, as checkout runs them — each with the function its
// discount was created with — and the shop as functions see it. Metafields are stored under the
// app's resolved namespace ("app--<id>--promoguard"); functions ask for "$app:promoguard".
import { parseGid } from "../admin/ids";
import type { MetafieldRecord } from "../admin/records";
import type { ShopStore } from "../admin/store";
import type { ShopifyEmulator } from "../emulator";
import type { ActiveDiscount, Customer, Metafield, ShopContext, ShopifyFunction } from "shopify-checkout";
import { formatMoney as formatShopMoney } from "../admin/money";
import { orderTotals } from "../admin/order-totals";

/** An owner's metafields with the app's namespaces as functions and extensions name them ("$app:…"). */
export function appMetafields(emulator: ShopifyEmulator, ownerId: string, shop?: string): Metafield[] {
  const store = emulator.store(shop ?? emulator.defaultShop);
  return asFunctionsSeeThem(store, store.metafieldsOf(ownerId));
}

export function asFunctionsSeeThem(store: ShopStore, records: MetafieldRecord[]): Metafield[] {
  const appNamespace = `app--${parseGid(store.app.id)!.id}`;
  return records.map(({ namespace, key, type, value }) => ({
    namespace: namespace === appNamespace ? "$app" : namespace.startsWith(`${appNamespace}--`) ? `$app:${namespace.slice(appNamespace.length + 2)}` : namespace,
    key,
    type,
    value,
  }));
}

/** Whether Shopify applies the discount at `now`: started, not ended (deactivating ends it). */
function isLive(discount: { startsAt: string; endsAt: string | null }, now: Date): boolean {
  return Date.parse(discount.startsAt) <= now.getTime() && (discount.endsAt === null || Date.parse(discount.endsAt) > now.getTime());
}

/**
 * The shop's live app discounts for checkout. A discount whose function is not among `functions`
 * fails loudly: checkout cannot run what the app never deployed.
 */
export function liveAppDiscounts(
  emulator: ShopifyEmulator,
  functions: ReadonlyMap<string, ShopifyFunction>,
  options: { shop?: string; now: Date },
): ActiveDiscount[] {
  const store = emulator.store(options.shop ?? emulator.defaultShop);
  return [...store.discounts.values()]
    .filter((discount) => discount.kind === "APP" && isLive(discount, options.now))
    .map((discount): ActiveDiscount => {
      const handle = store.functions.find((fn) => fn.id === discount.functionId)?.handle;
      const fn = handle === undefined ? undefined : functions.get(handle);
      if (!fn) throw new Error(`Discount ${discount.id} is backed by function ${handle ?? discount.functionId}, which is not deployed here`);
      return {
        id: discount.id,
        title: discount.title,
        method: discount.method,
        codes: discount.method === "CODE" ? store.redeemCodesOf(discount.id).map((code) => code.code) : [],
        discountClasses: discount.discountClasses,
        combinesWith: discount.combinesWith,
        function: fn,
        metafields: asFunctionsSeeThem(store, store.metafieldsOf(discount.id)),
      };
    });
}

/** The shop as checkout and its functions see it. */
export function checkoutShop(emulator: ShopifyEmulator, shop?: string): ShopContext {
  const store = emulator.store(shop ?? emulator.defaultShop);
  return {
    currencyCode: store.shop.currencyCode,
    ianaTimezone: store.shop.ianaTimezone,
    metafields: asFunctionsSeeThem(store, store.metafieldsOf(store.shop.id)),
  };
}

/** A customer of the shop as checkout sees them when they are logged in: tags, orders, amount spent and metafields. */
export function checkoutCustomer(emulator: ShopifyEmulator, customerId: string, shop?: string): Customer {
  const store = emulator.store(shop ?? emulator.defaultShop);
  const customer = store.customers.get(customerId);
  if (!customer) throw new Error(`checkoutCustomer: ${store.shop.domain} has no customer ${customerId}`);
  const orders = store.ordersOf(customerId);
  const spent = orders.reduce((sum, order) => sum + orderTotals(order).total.shop, 0);
  return {
    id: customer.id,
    email: customer.email,
    firstName: customer.firstName,
    lastName: customer.lastName,
    tags: customer.tags,
    numberOfOrders: orders.length,
    amountSpentInShopCurrency: formatShopMoney(spent, store.shop.currencyCode),
    metafields: asFunctionsSeeThem(store, store.metafieldsOf(customer.id)),
  };
}
