// Orders on the Admin API: the backfill's pages (every order, with or without a code: the
// orders without one are the baseline of AOV lift), and the facts a webhook body lacks (the
// customer's order history, the variants' unit costs).
// Calls go through an AdminCall (throttledAdmin): a long backfill paces itself to Shopify's
// rate limit instead of failing on THROTTLED.
import type { LineFact, OrderContext, OrderFacts } from "~/domain/redemptions/order-facts";
import type { AdminCall } from "~/shopify/admin-graphql.server";
import type { BackfillOrdersQuery, OrderLineItemsPageQuery, RedemptionOrderContextQuery } from "~/types/admin.generated";

// Query costs (Shopify's defaults: 1 per object, 2 + first × node per connection): an order with
// its first 10 lines, discount applications and shipping lines asks about 120 points, so 7 orders
// stay under the 1,000-point ceiling of one query. Bigger orders fetch their other lines after.
export const ORDERS_PAGE_SIZE = 7;
const LINES_PAGE_SIZE = 10;
// A customer node with its recent orders asks 13 points: 60 ids per call.
const CONTEXT_IDS_PER_CALL = 60;
// Enough of a customer's latest orders to see past a few placed after the one being recorded.
const RECENT_ORDERS = 10;

const BACKFILL_ORDERS = `#graphql
  query BackfillOrders($first: Int!, $after: String, $query: String!, $lines: Int!) {
    orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        name
        createdAt
        updatedAt
        processedAt
        email
        customer { id }
        currencyCode
        presentmentCurrencyCode
        subtotalPriceSet { shopMoney { amount } }
        totalPriceSet { shopMoney { amount } presentmentMoney { amount } }
        totalDiscountsSet { shopMoney { amount } }
        sourceName
        clientIp
        customerJourneySummary { firstVisit { landingPage referrerUrl } }
        shippingAddress { address1 address2 city zip provinceCode countryCodeV2 }
        # Checkout takes at most five codes; the rest of the ten are automatic discounts.
        discountApplications(first: 10) {
          nodes { index targetSelection targetType ... on DiscountCodeApplication { code } }
        }
        lineItems(first: $lines) {
          pageInfo { hasNextPage endCursor }
          nodes {
            variant { id }
            sku
            title
            quantity
            originalUnitPriceSet { shopMoney { amount } }
            discountAllocations {
              allocatedAmountSet { shopMoney { amount } }
              discountApplication { index }
            }
          }
        }
        shippingLines(first: 3) {
          nodes {
            discountAllocations {
              allocatedAmountSet { shopMoney { amount } }
              discountApplication { index }
            }
          }
        }
      }
    }
  }
`;

// The same line selection as BackfillOrders (each document is sent, and checked, on its own).
const ORDER_LINE_ITEMS = `#graphql
  query OrderLineItemsPage($id: ID!, $after: String, $lines: Int!) {
    order(id: $id) {
      lineItems(first: $lines, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes {
          variant { id }
          sku
          title
          quantity
          originalUnitPriceSet { shopMoney { amount } }
          discountAllocations {
            allocatedAmountSet { shopMoney { amount } }
            discountApplication { index }
          }
        }
      }
    }
  }
`;

const ORDER_CONTEXT = `#graphql
  query RedemptionOrderContext($ids: [ID!]!, $recentOrders: Int!) {
    nodes(ids: $ids) {
      ... on Customer {
        id
        numberOfOrders
        orders(first: $recentOrders, sortKey: CREATED_AT, reverse: true) { nodes { createdAt } }
      }
      ... on ProductVariant {
        id
        inventoryItem { unitCost { amount } }
      }
    }
  }
`;

type OrderNode = BackfillOrdersQuery["orders"]["nodes"][number];
type LineNode = OrderNode["lineItems"]["nodes"][number];

const allocationFacts = (allocations: LineNode["discountAllocations"]) =>
  allocations.map((allocation) => ({ applicationIndex: allocation.discountApplication.index, amount: String(allocation.allocatedAmountSet.shopMoney.amount) }));

const lineFact = (line: LineNode): LineFact => ({
  variantId: line.variant?.id ?? null,
  sku: line.sku ?? null,
  title: line.title,
  quantity: line.quantity,
  price: String(line.originalUnitPriceSet.shopMoney.amount),
  allocations: allocationFacts(line.discountAllocations),
});

/** Line items past the first page of a big order. */
async function remainingLines(call: AdminCall, orderId: string, after: string): Promise<LineFact[]> {
  const lines: LineFact[] = [];
  let cursor: string | null = after;
  while (cursor) {
    const data: OrderLineItemsPageQuery = await call(ORDER_LINE_ITEMS, { id: orderId, after: cursor, lines: LINES_PAGE_SIZE });
    if (!data.order) throw new Error(`Order ${orderId} disappeared while its line items were read`);
    lines.push(...data.order.lineItems.nodes.map(lineFact));
    cursor = data.order.lineItems.pageInfo.hasNextPage ? (data.order.lineItems.pageInfo.endCursor ?? null) : null;
  }
  return lines;
}

async function orderFacts(call: AdminCall, order: OrderNode): Promise<OrderFacts> {
  const firstVisit = order.customerJourneySummary?.firstVisit;
  const lines = order.lineItems.nodes.map(lineFact);
  if (order.lineItems.pageInfo.hasNextPage && order.lineItems.pageInfo.endCursor) {
    lines.push(...(await remainingLines(call, order.id, order.lineItems.pageInfo.endCursor)));
  }
  return {
    orderId: order.id,
    orderName: order.name,
    createdAt: new Date(order.createdAt),
    updatedAt: new Date(order.updatedAt),
    processedAt: new Date(order.processedAt),
    customerId: order.customer?.id ?? null,
    email: order.email?.trim() ? order.email.trim().toLowerCase() : null,
    currency: order.currencyCode,
    presentmentCurrency: order.presentmentCurrencyCode,
    subtotal: String(order.subtotalPriceSet?.shopMoney.amount ?? "0"),
    total: String(order.totalPriceSet.shopMoney.amount),
    totalDiscount: String(order.totalDiscountsSet?.shopMoney.amount ?? "0"),
    presentmentTotal: String(order.totalPriceSet.presentmentMoney.amount),
    landingSite: firstVisit?.landingPage ?? null,
    referringSite: firstVisit?.referrerUrl ?? null,
    sourceName: order.sourceName ?? null,
    clientIp: order.clientIp ?? null,
    userAgent: null,
    applications: order.discountApplications.nodes.map((application) => ({
      index: application.index,
      code: "code" in application ? application.code : null,
      orderLevel: application.targetSelection === "ALL" && application.targetType === "LINE_ITEM",
    })),
    lines,
    shippingAllocations: order.shippingLines.nodes.flatMap((line) => allocationFacts(line.discountAllocations)),
    shippingAddress: order.shippingAddress
      ? {
          address1: order.shippingAddress.address1 ?? null,
          address2: order.shippingAddress.address2 ?? null,
          city: order.shippingAddress.city ?? null,
          zip: order.shippingAddress.zip ?? null,
          provinceCode: order.shippingAddress.provinceCode ?? null,
          countryCode: order.shippingAddress.countryCodeV2 ?? null,
        }
      : null,
  };
}

export interface OrdersPage {
  orders: OrderFacts[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/**
 * One page of every order created since `since`, with or without a code, oldest first: the
 * orders without a code are the baseline analytics compares code orders with (AOV lift).
 */
export async function fetchOrders(call: AdminCall, since: Date, after: string | null): Promise<OrdersPage> {
  const query = `created_at:>='${since.toISOString()}'`;
  const data = await call<BackfillOrdersQuery>(BACKFILL_ORDERS, { first: ORDERS_PAGE_SIZE, after, query, lines: LINES_PAGE_SIZE });
  const orders: OrderFacts[] = [];
  for (const order of data.orders.nodes) orders.push(await orderFacts(call, order));
  return { orders, endCursor: data.orders.pageInfo.endCursor ?? null, hasNextPage: data.orders.pageInfo.hasNextPage };
}

type ContextNode = NonNullable<RedemptionOrderContextQuery["nodes"][number]>;
type CustomerNode = Extract<ContextNode, { numberOfOrders: unknown }>;
type VariantNode = Extract<ContextNode, { inventoryItem: unknown }>;

/**
 * A customer is new when this order is their first. Shopify's order count includes orders
 * placed after this one, so those are subtracted; when every recent order read is later, the
 * answer is unknown (null) rather than a guess.
 */
function isNewCustomer(customer: CustomerNode | undefined, order: OrderFacts): boolean | null {
  if (!customer) return null;
  const later = customer.orders.nodes.filter((node) => Date.parse(node.createdAt) > order.createdAt.getTime()).length;
  if (later === customer.orders.nodes.length && later === RECENT_ORDERS) return null;
  return Number(customer.numberOfOrders) - later <= 1;
}

/** The customer history and unit costs of several orders, read in as few calls as possible. */
export async function fetchOrderContexts(call: AdminCall, orders: OrderFacts[]): Promise<Map<string, OrderContext>> {
  const ids = [
    ...new Set(
      orders.flatMap((order) => [...(order.customerId ? [order.customerId] : []), ...order.lines.flatMap((line) => (line.variantId ? [line.variantId] : []))]),
    ),
  ];
  const customers = new Map<string, CustomerNode>();
  const variants = new Map<string, VariantNode>();
  for (let start = 0; start < ids.length; start += CONTEXT_IDS_PER_CALL) {
    const data = await call<RedemptionOrderContextQuery>(ORDER_CONTEXT, { ids: ids.slice(start, start + CONTEXT_IDS_PER_CALL), recentOrders: RECENT_ORDERS });
    for (const node of data.nodes) {
      if (node && "numberOfOrders" in node) customers.set(node.id, node);
      else if (node && "inventoryItem" in node) variants.set(node.id, node);
    }
  }
  return new Map(
    orders.map((order) => [
      order.orderId,
      {
        newCustomer: order.customerId ? isNewCustomer(customers.get(order.customerId), order) : null,
        unitCosts: new Map(
          order.lines.flatMap((line) => {
            if (!line.variantId) return [];
            const cost = variants.get(line.variantId)?.inventoryItem.unitCost?.amount;
            return [[line.variantId, cost == null ? null : String(cost)] as const];
          }),
        ),
      },
    ]),
  );
}
