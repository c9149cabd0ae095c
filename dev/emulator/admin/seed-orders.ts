import { randomBytes } from "node:crypto";
import { currencyDigits, toMinorUnits, type Amount } from "./money";
import { lineOriginalTotal } from "./order-totals";
import type { AddressRecord, LineItemRecord, MoneyPair, OrderDiscountApplicationRecord, OrderRecord, ShippingLineRecord } from "./records";
import type { ShopStore } from "./store";

const emptyAddress = (): AddressRecord => ({
  firstName: null,
  lastName: null,
  company: null,
  address1: null,
  address2: null,
  city: null,
  province: null,
  provinceCode: null,
  country: null,
  countryCode: null,
  zip: null,
  phone: null,
});

/** A full address record from the parts a seed gives. */
export const addressRecord = (seed: Partial<AddressRecord> | null | undefined) => (seed ? { ...emptyAddress(), ...seed } : null);

export interface OrderLineSeed {
  /** The variant bought; title, SKU, vendor and price default from it. */
  variantId?: string;
  title?: string;
  variantTitle?: string | null;
  sku?: string | null;
  vendor?: string | null;
  quantity?: number;
  /** Unit price before discounts, in shop currency. */
  price?: Amount;
  requiresShipping?: boolean;
  taxable?: boolean;
  isGiftCard?: boolean;
  /** Exact allocations (the checkout simulator's); discounts without any are spread automatically. */
  discountAllocations?: { applicationIndex: number; amount: Amount }[];
}

export interface OrderDiscountSeed {
  /** A code the buyer entered (a DISCOUNT_CODE application) … */
  code?: string;
  /** … or the title of an automatic, manual or script discount. */
  title?: string;
  kind?: OrderDiscountApplicationRecord["kind"];
  percentage?: number;
  amount?: Amount;
  /** What it discounts: the line items (default) or shipping. */
  target?: "LINE_ITEMS" | "SHIPPING";
  allocationMethod?: OrderDiscountApplicationRecord["allocationMethod"];
  targetSelection?: OrderDiscountApplicationRecord["targetSelection"];
}

export interface OrderSeed {
  lines: OrderLineSeed[];
  customerId?: string | null;
  email?: string | null;
  phone?: string | null;
  discounts?: OrderDiscountSeed[];
  shippingLines?: { title?: string; code?: string | null; price: Amount; discountAllocations?: { applicationIndex: number; amount: Amount }[] }[];
  tax?: Amount;
  presentmentCurrencyCode?: string;
  /** Presentment units per shop unit (1 when the buyer paid in the shop's currency). */
  presentmentRate?: number;
  createdAt?: string;
  processedAt?: string;
  sourceName?: string;
  landingSite?: string | null;
  referringSite?: string | null;
  clientDetails?: Partial<OrderRecord["clientDetails"]>;
  shippingAddress?: Partial<AddressRecord> | null;
  billingAddress?: Partial<AddressRecord> | null;
  tags?: string[];
  note?: string | null;
  test?: boolean;
  financialStatus?: OrderRecord["financialStatus"];
}

/** Builds an order; discounts given without explicit allocations are spread over what they target. */
export function seedOrder(store: ShopStore, input: OrderSeed, now: () => Date): OrderRecord {
  if (input.lines.length === 0) throw new Error("seed.order: an order needs at least one line");
  const shopCurrency = store.shop.currencyCode;
  const presentmentCurrency = input.presentmentCurrencyCode ?? shopCurrency;
  const rate = input.presentmentRate ?? 1;
  const toPresentment = (shopMinor: number) => toMinorUnits((shopMinor / 10 ** currencyDigits(shopCurrency)) * rate, presentmentCurrency);
  const fromShopMinor = (shopMinor: number): MoneyPair => ({ shop: shopMinor, presentment: toPresentment(shopMinor) });
  const pair = (amount: Amount): MoneyPair => fromShopMinor(toMinorUnits(amount, shopCurrency));
  const customer = input.customerId ? store.customers.get(input.customerId) : undefined;
  if (input.customerId && !customer) throw new Error(`seed.order: no customer ${input.customerId} in ${store.shop.domain}`);

  const lineItems: LineItemRecord[] = input.lines.map((line) => {
    const variant = line.variantId ? store.variants.get(line.variantId) : undefined;
    if (line.variantId && !variant) throw new Error(`seed.order: no variant ${line.variantId} in ${store.shop.domain}`);
    const product = variant ? store.products.get(variant.productId) : undefined;
    return {
      id: store.newId("LineItem"),
      variantId: variant?.id ?? null,
      productId: product?.id ?? null,
      title: line.title ?? product?.title ?? "Custom item",
      variantTitle: line.variantTitle !== undefined ? line.variantTitle : variant && variant.title !== "Default Title" ? variant.title : null,
      sku: line.sku !== undefined ? line.sku : (variant?.sku ?? null),
      vendor: line.vendor !== undefined ? line.vendor : (product?.vendor ?? null),
      quantity: line.quantity ?? 1,
      unitPrice: line.price !== undefined ? pair(line.price) : fromShopMinor(variant?.price ?? 0),
      requiresShipping: line.requiresShipping ?? variant?.requiresShipping ?? true,
      taxable: line.taxable ?? variant?.taxable ?? true,
      isGiftCard: line.isGiftCard ?? false,
      discountAllocations: (line.discountAllocations ?? []).map((allocation) => ({
        applicationIndex: allocation.applicationIndex,
        amount: pair(allocation.amount),
      })),
    };
  });
  const shippingLines: ShippingLineRecord[] = (input.shippingLines ?? []).map((line) => ({
    id: store.newId("ShippingLine"),
    title: line.title ?? "Standard",
    code: line.code ?? null,
    price: pair(line.price),
    discountAllocations: (line.discountAllocations ?? []).map((allocation) => ({
      applicationIndex: allocation.applicationIndex,
      amount: pair(allocation.amount),
    })),
  }));

  const discountApplications = (input.discounts ?? []).map((discount, index): OrderDiscountApplicationRecord => {
    if ((discount.percentage === undefined) === (discount.amount === undefined)) {
      throw new Error("seed.order: each discount needs exactly one of percentage or amount");
    }
    const shipping = discount.target === "SHIPPING";
    return {
      index,
      kind: discount.kind ?? (discount.code ? "DISCOUNT_CODE" : "AUTOMATIC"),
      code: discount.code ?? null,
      title: discount.code ? null : (discount.title ?? "Discount"),
      description: null,
      value: discount.percentage !== undefined ? { percentage: discount.percentage } : { amount: toMinorUnits(discount.amount!, shopCurrency) },
      allocationMethod: discount.allocationMethod ?? "ACROSS",
      targetSelection: discount.targetSelection ?? "ALL",
      targetType: shipping ? "SHIPPING_LINE" : "LINE_ITEM",
    };
  });
  for (const application of discountApplications) {
    const targets = application.targetType === "SHIPPING_LINE" ? shippingLines : lineItems;
    const alreadyAllocated = targets.some((target) => target.discountAllocations.some((allocation) => allocation.applicationIndex === application.index));
    if (!alreadyAllocated)
      allocate(application, targets, targets === lineItems ? lineItems.map(lineOriginalTotal) : shippingLines.map((line) => line.price), fromShopMinor);
  }

  const createdAt = input.createdAt ?? now().toISOString();
  const number = store.nextOrderNumber();
  const order: OrderRecord = {
    id: store.newId("Order"),
    number,
    name: `#${number}`,
    email: input.email !== undefined ? input.email : (customer?.email ?? null),
    phone: input.phone ?? null,
    customerId: customer?.id ?? null,
    currencyCode: shopCurrency,
    presentmentCurrencyCode: presentmentCurrency,
    createdAt,
    processedAt: input.processedAt ?? createdAt,
    updatedAt: createdAt,
    cancelledAt: null,
    lineItems,
    shippingLines,
    discountApplications,
    totalTax: pair(input.tax ?? 0),
    shippingAddress: addressRecord(input.shippingAddress),
    billingAddress: addressRecord(input.billingAddress),
    sourceName: input.sourceName ?? "web",
    landingSite: input.landingSite ?? null,
    referringSite: input.referringSite ?? null,
    clientDetails: { browserIp: null, userAgent: null, acceptLanguage: null, ...input.clientDetails },
    tags: input.tags ?? [],
    note: input.note ?? null,
    test: input.test ?? false,
    financialStatus: input.financialStatus ?? "PAID",
    token: randomBytes(16).toString("hex"),
  };
  store.orders.set(order.id, order);
  countCodeUsage(store, order);
  return order;
}

/** Spreads one application over its targets, in proportion to their prices; rounding goes to the last. */
function allocate(
  application: OrderDiscountApplicationRecord,
  targets: { discountAllocations: LineItemRecord["discountAllocations"] }[],
  prices: MoneyPair[],
  fromShopMinor: (shopMinor: number) => MoneyPair,
) {
  const base = prices.reduce((sum, price) => sum + price.shop, 0);
  if (base === 0) return;
  const total = "percentage" in application.value ? Math.round((base * application.value.percentage) / 100) : Math.min(application.value.amount, base);
  let remaining = total;
  targets.forEach((target, index) => {
    const share = index === targets.length - 1 ? remaining : Math.round((total * prices[index].shop) / base);
    remaining -= share;
    target.discountAllocations.push({ applicationIndex: application.index, amount: fromShopMinor(share) });
  });
}

/** An order that used a code counts towards the code's and its discount's asyncUsageCount. */
function countCodeUsage(store: ShopStore, order: OrderRecord) {
  for (const application of order.discountApplications) {
    if (application.kind !== "DISCOUNT_CODE" || !application.code) continue;
    const code = store.redeemCodeByCode(application.code);
    if (!code) continue;
    code.asyncUsageCount++;
    const discount = store.discounts.get(code.discountId);
    if (discount) discount.asyncUsageCount++;
  }
}
