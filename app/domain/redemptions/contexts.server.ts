// What recording an order needs beyond its own facts. Orders with a code: the customer's
// history and the variants' current unit costs, read from the Admin API (the costs then refresh
// the cache). Orders without one: unit costs from the cache, Shopify asked only for variants the
// cache lacks; their customer's history is not needed (new vs returning is a code figure).
import type { Database } from "~/db.server";
import { storeVariantCosts, unitCostsFor } from "~/domain/analytics/costs.server";
import type { AdminCall } from "~/shopify/admin-graphql.server";
import { fetchOrderContexts } from "~/shopify/orders.server";
import { hasDiscountCode, variantIdsOf, type OrderContext, type OrderFacts } from "./order-facts";

export async function orderContextsFor(
  db: Database,
  callFor: () => Promise<AdminCall>,
  shopDomain: string,
  orders: readonly OrderFacts[],
): Promise<Map<string, OrderContext>> {
  const withCodes = orders.filter(hasDiscountCode);
  const contexts = withCodes.length > 0 ? await fetchOrderContexts(await callFor(), withCodes) : new Map<string, OrderContext>();
  const fresh = new Map<string, string | null>();
  for (const context of contexts.values()) for (const [variantId, cost] of context.unitCosts) fresh.set(variantId, cost);
  await storeVariantCosts(
    db,
    shopDomain,
    [...fresh].map(([variantId, unitCost]) => ({ variantId, unitCost, inventoryItemId: null })),
  );

  const withoutCodes = orders.filter((order) => !hasDiscountCode(order));
  const costs = await unitCostsFor(db, callFor, shopDomain, [...new Set(withoutCodes.flatMap(variantIdsOf))]);
  for (const order of withoutCodes) contexts.set(order.orderId, { newCustomer: null, unitCosts: costs });
  return contexts;
}
