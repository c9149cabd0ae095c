import type { GraphQLResolveInfo } from "graphql";
import { connection, inIdOrder, type PageArgs } from "../connection";
import type { AdminContext } from "../context";
import type { View } from "../field-resolver";
import { gid, numericId } from "../ids";
import { listConnection, type ListArgs, type Listing } from "../listing";
import { moneyBagView, moneyV2View } from "../money";
import { discountedShippingPrice, lineDiscountedTotal, lineDiscountTotal, lineOriginalTotal, orderTotals } from "../order-totals";
import type { DiscountAllocationRecord, LineItemRecord, MoneyPair, OrderDiscountApplicationRecord, OrderRecord, ShippingLineRecord } from "../records";
import { dateField, idField, textField } from "../search";
import { customerView, addressView } from "./customers";
import { metafieldOwnerFields } from "./metafields";
import { productView, variantView } from "./products";

/** Shopify hides orders older than 60 days from apps without the read_all_orders scope. */
const ORDER_WINDOW_MS = 60 * 24 * 60 * 60 * 1000;

export function visibleOrders(context: AdminContext, orders: Iterable<OrderRecord>): OrderRecord[] {
  if (context.store.app.accessScopes.includes("read_all_orders")) return [...orders];
  const oldest = context.now().getTime() - ORDER_WINDOW_MS;
  return [...orders].filter((order) => Date.parse(order.createdAt) >= oldest);
}

const APPLICATION_TYPENAMES: Record<OrderDiscountApplicationRecord["kind"], string> = {
  DISCOUNT_CODE: "DiscountCodeApplication",
  AUTOMATIC: "AutomaticDiscountApplication",
  MANUAL: "ManualDiscountApplication",
  SCRIPT: "ScriptDiscountApplication",
};

function applicationView(order: OrderRecord, application: OrderDiscountApplicationRecord): View {
  const value =
    "percentage" in application.value
      ? { __typename: "PricingPercentageValue", percentage: application.value.percentage }
      : { __typename: "MoneyV2", ...moneyV2View(application.value.amount, order.currencyCode) };
  const common = {
    __typename: APPLICATION_TYPENAMES[application.kind],
    index: application.index,
    allocationMethod: application.allocationMethod,
    targetSelection: application.targetSelection,
    targetType: application.targetType,
    value,
  };
  if (application.kind === "DISCOUNT_CODE") return { ...common, code: application.code };
  if (application.kind === "MANUAL") return { ...common, title: application.title, description: application.description };
  return { ...common, title: application.title };
}

function allocationViews(order: OrderRecord, allocations: DiscountAllocationRecord[]) {
  return allocations.map((allocation) => ({
    allocatedAmountSet: bag(order, allocation.amount),
    discountApplication: applicationView(
      order,
      order.discountApplications.find((application) => application.index === allocation.applicationIndex)!,
    ),
  }));
}

const bag = (order: OrderRecord, amount: MoneyPair) => moneyBagView(amount, { shop: order.currencyCode, presentment: order.presentmentCurrencyCode });

function lineItemView(context: AdminContext, order: OrderRecord, line: LineItemRecord): View {
  const discounted = lineDiscountedTotal(line);
  return {
    __typename: "LineItem",
    id: line.id,
    title: line.title,
    name: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
    variantTitle: line.variantTitle,
    sku: line.sku,
    vendor: line.vendor,
    quantity: line.quantity,
    currentQuantity: line.quantity,
    requiresShipping: line.requiresShipping,
    taxable: line.taxable,
    isGiftCard: line.isGiftCard,
    variant: () => {
      const variant = line.variantId ? context.store.variants.get(line.variantId) : undefined;
      return variant ? variantView(context, variant) : null;
    },
    product: () => {
      const product = line.productId ? context.store.products.get(line.productId) : undefined;
      return product ? productView(context, product) : null;
    },
    originalUnitPriceSet: bag(order, line.unitPrice),
    originalTotalSet: bag(order, lineOriginalTotal(line)),
    totalDiscountSet: bag(order, lineDiscountTotal(line)),
    discountedUnitPriceAfterAllDiscountsSet: bag(order, {
      shop: Math.round(discounted.shop / line.quantity),
      presentment: Math.round(discounted.presentment / line.quantity),
    }),
    discountAllocations: allocationViews(order, line.discountAllocations),
  };
}

function shippingLineView(order: OrderRecord, line: ShippingLineRecord): View {
  return {
    id: line.id,
    title: line.title,
    code: line.code,
    originalPriceSet: bag(order, line.price),
    discountedPriceSet: bag(order, discountedShippingPrice(line)),
    discountAllocations: allocationViews(order, line.discountAllocations),
  };
}

/** UTM parameters of the landing page, as Shopify reads them into the customer journey. */
function utmParameters(landingSite: string | null): View | null {
  if (!landingSite) return null;
  const params = new URL(landingSite, "https://shop.invalid").searchParams;
  const read = (name: string) => params.get(`utm_${name}`);
  if (!["source", "medium", "campaign", "term", "content"].some((name) => read(name) !== null)) return null;
  return { source: read("source"), medium: read("medium"), campaign: read("campaign"), term: read("term"), content: read("content") };
}

export function orderView(context: AdminContext, order: OrderRecord): View {
  const totals = orderTotals(order);
  const codes = order.discountApplications.filter((application) => application.kind === "DISCOUNT_CODE").map((application) => application.code!);
  const customer = () => {
    const record = order.customerId ? context.store.customers.get(order.customerId) : undefined;
    return record ? customerView(context, record) : null;
  };
  return {
    __typename: "Order",
    id: order.id,
    legacyResourceId: String(numericId(order.id)),
    name: order.name,
    number: order.number,
    email: order.email,
    phone: order.phone,
    createdAt: order.createdAt,
    processedAt: order.processedAt,
    updatedAt: order.updatedAt,
    cancelledAt: order.cancelledAt,
    test: order.test,
    tags: order.tags,
    note: order.note,
    currencyCode: order.currencyCode,
    presentmentCurrencyCode: order.presentmentCurrencyCode,
    sourceName: order.sourceName,
    clientIp: order.clientDetails.browserIp,
    displayFinancialStatus: order.financialStatus,
    customer,
    discountCode: codes[0] ?? null,
    discountCodes: codes,
    subtotalLineItemsQuantity: totals.itemQuantity,
    currentSubtotalLineItemsQuantity: totals.itemQuantity,
    subtotalPriceSet: bag(order, totals.subtotal),
    currentSubtotalPriceSet: bag(order, totals.subtotal),
    totalDiscountsSet: bag(order, totals.totalDiscounts),
    currentTotalDiscountsSet: bag(order, totals.totalDiscounts),
    cartDiscountAmountSet: bag(order, totals.cartDiscount),
    currentCartDiscountAmountSet: bag(order, totals.cartDiscount),
    totalShippingPriceSet: bag(order, totals.shipping),
    totalTaxSet: bag(order, totals.totalTax),
    currentTotalTaxSet: bag(order, totals.totalTax),
    totalPriceSet: bag(order, totals.total),
    currentTotalPriceSet: bag(order, totals.total),
    shippingAddress: order.shippingAddress ? addressView(order.shippingAddress) : null,
    billingAddress: order.billingAddress ? addressView(order.billingAddress) : null,
    shippingLine: order.shippingLines[0] ? shippingLineView(order, order.shippingLines[0]) : null,
    shippingLines: (args: PageArgs) =>
      connection(
        "shippingLines",
        inIdOrder(order.shippingLines, (line) => line.id),
        args,
        (line) => shippingLineView(order, line),
      ),
    lineItems: (args: PageArgs) =>
      connection(
        "lineItems",
        inIdOrder(order.lineItems, (line) => line.id),
        args,
        (line) => lineItemView(context, order, line),
      ),
    discountApplications: (args: PageArgs) =>
      connection(
        "discountApplications",
        inIdOrder(order.discountApplications, (application) => gid("DiscountApplication", application.index + 1)),
        args,
        (application) => applicationView(order, application),
      ),
    customerJourneySummary: {
      ready: true,
      firstVisit:
        order.landingSite || order.referringSite
          ? {
              landingPage: order.landingSite && new URL(order.landingSite, `https://${context.store.shop.domain}`).href,
              referrerUrl: order.referringSite,
              utmParameters: utmParameters(order.landingSite),
            }
          : null,
    },
    ...metafieldOwnerFields(order.id),
  };
}

export function orderListing(context: AdminContext, orders: Iterable<OrderRecord>): Listing<OrderRecord> {
  const codesOf = (order: OrderRecord) =>
    order.discountApplications.filter((application) => application.kind === "DISCOUNT_CODE").map((application) => application.code);
  return {
    items: visibleOrders(context, orders),
    searchSpec: {
      fields: {
        created_at: dateField((order) => order.createdAt),
        updated_at: dateField((order) => order.updatedAt),
        processed_at: dateField((order) => order.processedAt),
        discount_code: textField(codesOf, "exact"),
        email: textField((order) => order.email, "exact"),
        name: textField((order) => [order.name, String(order.number)], "exact"),
        customer_id: idField((order) => order.customerId ?? "gid://shopify/Customer/0"),
        financial_status: textField((order) => order.financialStatus, "exact"),
        tag: textField((order) => order.tags, "exact"),
        test: textField((order) => String(order.test), "exact"),
        sku: textField((order) => order.lineItems.map((line) => line.sku), "exact"),
        source_name: textField((order) => order.sourceName, "exact"),
        id: idField((order) => order.id),
      },
      freeText: (order) => [order.name, order.email, ...codesOf(order)],
    },
    sorts: {
      PROCESSED_AT: (order) => order.processedAt,
      CREATED_AT: (order) => order.createdAt,
      UPDATED_AT: (order) => order.updatedAt,
      ID: (order) => numericId(order.id),
      ORDER_NUMBER: (order) => order.number,
      TOTAL_PRICE: (order) => orderTotals(order).total.shop,
    },
    idOf: (order) => order.id,
    toNode: (order) => orderView(context, order),
  };
}

export const orderQueries = {
  order: ({ id }: { id: string }, context: AdminContext) => {
    const order = context.store.orders.get(id);
    return order && visibleOrders(context, [order]).length > 0 ? orderView(context, order) : null;
  },
  orders: (args: ListArgs, context: AdminContext, info: GraphQLResolveInfo) =>
    listConnection(context, info, args, orderListing(context, context.store.orders.values())),
};

export const orderNodes = {
  Order: (context: AdminContext, id: string) => orderQueries.order({ id }, context),
};
