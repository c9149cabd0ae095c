// A completed checkout as the order Shopify would create: the REST shape orders/create webhooks
// deliver, with amounts in the shop currency and each *_set carrying both currencies. Taxes are
// not simulated, so tax amounts are zero and prices exclude tax.
import { parseMoney, presentmentToShop, formatMoney, parseDecimal } from "./money";
import type { AppliedDiscount, CheckoutResult, DiscountAllocation, DiscountClass, MailingAddress } from "./types";

export interface CheckoutToOrderOptions {
  /** The order's numeric id (gid://shopify/Order/<id>). */
  id: number;
  /** Shopify's order_number, from 1001 up; the name is "#<order_number>". */
  orderNumber: number;
  /** Marks orders apps may treat as test orders. */
  test?: boolean;
}

interface MoneySet {
  shop_money: { amount: string; currency_code: string };
  presentment_money: { amount: string; currency_code: string };
}

interface RestDiscountAllocation {
  amount: string;
  amount_set: MoneySet;
  discount_application_index: number;
}

export interface RestOrder {
  id: number;
  admin_graphql_api_id: string;
  name: string;
  number: number;
  order_number: number;
  email: string | null;
  created_at: string;
  updated_at: string;
  processed_at: string;
  currency: string;
  presentment_currency: string;
  financial_status: "paid";
  test: boolean;
  source_name: "web";
  taxes_included: false;
  total_tax: string;
  subtotal_price: string;
  subtotal_price_set: MoneySet;
  total_line_items_price: string;
  total_line_items_price_set: MoneySet;
  total_discounts: string;
  total_discounts_set: MoneySet;
  total_shipping_price_set: MoneySet;
  total_price: string;
  total_price_set: MoneySet;
  discount_codes: { code: string; amount: string; type: "percentage" | "fixed_amount" | "shipping" }[];
  discount_applications: RestDiscountApplication[];
  line_items: RestLineItem[];
  shipping_lines: RestShippingLine[];
  customer: RestCustomer | null;
  shipping_address: Record<string, string | null> | null;
  note_attributes: { name: string; value: string | null }[];
}

export interface RestDiscountApplication {
  type: "discount_code" | "automatic";
  code?: string;
  title: string;
  description: string;
  value: string;
  value_type: "percentage" | "fixed_amount";
  allocation_method: "across" | "each";
  target_selection: "all" | "explicit";
  target_type: "line_item" | "shipping_line";
}

export interface RestLineItem {
  id: number;
  admin_graphql_api_id: string;
  variant_id: number;
  product_id: number;
  title: string;
  variant_title: string | null;
  name: string;
  sku: string | null;
  vendor: string | null;
  quantity: number;
  price: string;
  price_set: MoneySet;
  total_discount: string;
  total_discount_set: MoneySet;
  gift_card: boolean;
  requires_shipping: boolean;
  discount_allocations: RestDiscountAllocation[];
}

export interface RestShippingLine {
  id: number;
  title: string | null;
  code: string | null;
  source: "shopify";
  price: string;
  price_set: MoneySet;
  discounted_price: string;
  discounted_price_set: MoneySet;
  discount_allocations: RestDiscountAllocation[];
}

export interface RestCustomer {
  id: number;
  admin_graphql_api_id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  tags: string;
}

/** The numeric tail of a GID ("gid://shopify/ProductVariant/42" → 42), as REST payloads carry ids. */
function legacyId(gid: string): number {
  const match = /\/(\d+)$/.exec(gid);
  if (!match) throw new Error(`${gid} has no numeric id for a REST payload`);
  return Number(match[1]);
}

export function checkoutToOrder(result: CheckoutResult, options: CheckoutToOrderOptions): RestOrder {
  const cartCurrency = result.currencyCode;
  const shopCurrency = result.shopCurrencyCode;
  const rate = parseDecimal(result.presentmentCurrencyRate, "presentmentCurrencyRate");
  const minor = (amount: string) => parseMoney(amount, cartCurrency, "checkout amount");
  const shopAmount = (amount: string) => formatMoney(presentmentToShop(minor(amount), rate, shopCurrency, cartCurrency), shopCurrency);
  const moneySet = (amount: string): MoneySet => ({
    shop_money: { amount: shopAmount(amount), currency_code: shopCurrency },
    presentment_money: { amount, currency_code: cartCurrency },
  });
  const sum = (amounts: string[]) => formatMoney(amounts.reduce((total, amount) => total + minor(amount), 0), cartCurrency);

  // One discount application per applied discount and class, indexed in this order.
  const applications = result.appliedDiscounts.flatMap((discount) =>
    (Object.keys(discount.amounts) as DiscountClass[]).map((discountClass) => ({ discount, discountClass })),
  );
  const applicationIndex = (allocation: DiscountAllocation) =>
    applications.findIndex(({ discount, discountClass }) => discount.discountId === allocation.discountId && discountClass === allocation.discountClass);
  const restAllocations = (allocations: DiscountAllocation[]): RestDiscountAllocation[] =>
    allocations.map((allocation) => ({ amount: shopAmount(allocation.amount), amount_set: moneySet(allocation.amount), discount_application_index: applicationIndex(allocation) }));

  const line_items = result.lines.map((line, index): RestLineItem => {
    const cartLine = result.cart.lines.find((candidate) => candidate.id === line.id)!;
    const { variant } = cartLine;
    const totalDiscount = sum(line.allocations.map((allocation) => allocation.amount));
    const lineItemId = options.id * 1000 + index + 1;
    return {
      id: lineItemId,
      admin_graphql_api_id: `gid://shopify/LineItem/${lineItemId}`,
      variant_id: legacyId(variant.id),
      product_id: legacyId(variant.product.id),
      title: variant.product.title,
      variant_title: variant.title ?? null,
      name: variant.title ? `${variant.product.title} - ${variant.title}` : variant.product.title,
      sku: variant.sku,
      vendor: variant.product.vendor,
      quantity: line.quantity,
      price: shopAmount(line.unitPrice),
      price_set: moneySet(line.unitPrice),
      total_discount: shopAmount(totalDiscount),
      total_discount_set: moneySet(totalDiscount),
      gift_card: variant.product.isGiftCard,
      requires_shipping: variant.requiresShipping ?? !variant.product.isGiftCard,
      discount_allocations: restAllocations(line.allocations),
    };
  });

  const shipping_lines = result.deliveryGroups.flatMap((group, index): RestShippingLine[] => {
    const selected = group.options.find((option) => option.handle === group.selectedHandle);
    if (!selected) return [];
    const option = result.cart.deliveryGroups.find((candidate) => candidate.id === group.id)!.options.find((candidate) => candidate.handle === selected.handle)!;
    return [
      {
        id: options.id * 1000 + 500 + index,
        title: option.title ?? null,
        code: option.code ?? option.title ?? null,
        source: "shopify",
        price: shopAmount(selected.cost),
        price_set: moneySet(selected.cost),
        discounted_price: shopAmount(selected.discountedCost),
        discounted_price_set: moneySet(selected.discountedCost),
        discount_allocations: restAllocations(group.allocations),
      },
    ];
  });

  const { totals } = result;
  const subtotal = formatMoney(minor(totals.subtotal) - minor(totals.lineDiscounts) - minor(totals.orderDiscounts), cartCurrency);
  const discounts = sum([totals.lineDiscounts, totals.orderDiscounts, totals.shippingDiscounts]);
  const shippingPaid = formatMoney(minor(totals.shipping) - minor(totals.shippingDiscounts), cartCurrency);
  const buyer = result.cart.buyerIdentity;
  const customer = buyer?.customer ?? null;

  return {
    id: options.id,
    admin_graphql_api_id: `gid://shopify/Order/${options.id}`,
    name: `#${options.orderNumber}`,
    number: options.orderNumber - 1000,
    order_number: options.orderNumber,
    email: buyer?.email ?? customer?.email ?? null,
    created_at: result.checkedOutAt,
    updated_at: result.checkedOutAt,
    processed_at: result.checkedOutAt,
    currency: shopCurrency,
    presentment_currency: cartCurrency,
    financial_status: "paid",
    test: options.test ?? false,
    source_name: "web",
    taxes_included: false,
    total_tax: formatMoney(0, shopCurrency),
    subtotal_price: shopAmount(subtotal),
    subtotal_price_set: moneySet(subtotal),
    total_line_items_price: shopAmount(totals.subtotal),
    total_line_items_price_set: moneySet(totals.subtotal),
    total_discounts: shopAmount(discounts),
    total_discounts_set: moneySet(discounts),
    total_shipping_price_set: moneySet(shippingPaid),
    total_price: shopAmount(totals.total),
    total_price_set: moneySet(totals.total),
    discount_codes: result.appliedDiscounts
      .filter((discount) => discount.code !== null)
      .map((discount) => ({ code: discount.code!, amount: shopAmount(discount.total), type: discountCodeType(discount) })),
    discount_applications: applications.map(({ discount, discountClass }) => discountApplication(discount, discountClass, shopAmount)),
    line_items,
    shipping_lines,
    customer: customer
      ? {
          id: legacyId(customer.id),
          admin_graphql_api_id: customer.id,
          email: customer.email ?? null,
          first_name: customer.firstName ?? null,
          last_name: customer.lastName ?? null,
          tags: customer.tags.join(", "),
        }
      : null,
    shipping_address: restAddress(result.cart.deliveryGroups.find((group) => group.address)?.address ?? null),
    note_attributes: (result.cart.attributes ?? []).map(({ key, value }) => ({ name: key, value })),
  };
}

function discountCodeType(discount: AppliedDiscount): "percentage" | "fixed_amount" | "shipping" {
  const merchandise = discount.values.PRODUCT ?? discount.values.ORDER;
  if (!merchandise) return "shipping";
  return merchandise.type;
}

function discountApplication(discount: AppliedDiscount, discountClass: DiscountClass, shopAmount: (amount: string) => string): RestDiscountApplication {
  const value = discount.values[discountClass]!;
  return {
    type: discount.code !== null ? "discount_code" : "automatic",
    ...(discount.code !== null ? { code: discount.code } : {}),
    title: discount.code ?? discount.title,
    description: discount.title,
    value: value.type === "percentage" ? value.percentage : shopAmount(value.amount),
    value_type: value.type,
    allocation_method: value.allocationMethod === "EACH" ? "each" : "across",
    target_selection: discountClass === "ORDER" ? "all" : "explicit",
    target_type: discountClass === "SHIPPING" ? "shipping_line" : "line_item",
  };
}

function restAddress(address: MailingAddress | null): Record<string, string | null> | null {
  if (!address) return null;
  return {
    first_name: address.firstName ?? null,
    last_name: address.lastName ?? null,
    company: address.company ?? null,
    address1: address.address1 ?? null,
    address2: address.address2 ?? null,
    city: address.city ?? null,
    province_code: address.provinceCode ?? null,
    country_code: address.countryCode ?? null,
    zip: address.zip ?? null,
    phone: address.phone ?? null,
  };
}
