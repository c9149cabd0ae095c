// Webhook bodies are REST-shaped JSON (snake_case, numeric ids, amounts as "12.00" strings),
// built here from the emulator's records the way Shopify builds them for its own objects.
import { legacyId } from "./admin/ids";
import { formatMoney } from "./admin/money";
import { applicationTotal, discountedShippingPrice, lineDiscountTotal, orderTotals } from "./admin/order-totals";
import type { AddressRecord, MoneyPair, OrderDiscountApplicationRecord, OrderRecord } from "./admin/records";
import type { ShopStore } from "./admin/store";

type Currencies = { shop: string; presentment: string };

const amount = (value: MoneyPair, currencies: Currencies) => formatMoney(value.shop, currencies.shop);

const priceSet = (value: MoneyPair, currencies: Currencies) => ({
  shop_money: { amount: formatMoney(value.shop, currencies.shop), currency_code: currencies.shop },
  presentment_money: { amount: formatMoney(value.presentment, currencies.presentment), currency_code: currencies.presentment },
});

/** An amount and its price set, under `name` and `${name}_set`, as REST order fields come. */
function money<Name extends string>(name: Name, value: MoneyPair, currencies: Currencies) {
  return { [name]: amount(value, currencies), [`${name}_set`]: priceSet(value, currencies) } as Record<Name, string> &
    Record<`${Name}_set`, ReturnType<typeof priceSet>>;
}

function addressPayload(address: AddressRecord | null) {
  if (!address) return null;
  return {
    first_name: address.firstName,
    last_name: address.lastName,
    name: [address.firstName, address.lastName].filter(Boolean).join(" ") || null,
    company: address.company,
    address1: address.address1,
    address2: address.address2,
    city: address.city,
    province: address.province,
    province_code: address.provinceCode,
    country: address.country,
    country_code: address.countryCode,
    zip: address.zip,
    phone: address.phone,
    latitude: null,
    longitude: null,
  };
}

const APPLICATION_TYPES: Record<OrderDiscountApplicationRecord["kind"], string> = {
  DISCOUNT_CODE: "discount_code",
  AUTOMATIC: "automatic",
  MANUAL: "manual",
  SCRIPT: "script",
};

function applicationPayload(order: OrderRecord, application: OrderDiscountApplicationRecord) {
  const percentage = "percentage" in application.value;
  return {
    type: APPLICATION_TYPES[application.kind],
    ...(application.kind === "DISCOUNT_CODE" ? { code: application.code } : { title: application.title, description: application.description }),
    value: "percentage" in application.value ? application.value.percentage.toFixed(1) : formatMoney(application.value.amount, order.currencyCode),
    value_type: percentage ? "percentage" : "fixed_amount",
    allocation_method: application.allocationMethod.toLowerCase(),
    target_selection: application.targetSelection.toLowerCase(),
    target_type: application.targetType.toLowerCase(),
  };
}

function allocationsPayload(allocations: OrderRecord["lineItems"][number]["discountAllocations"], currencies: Currencies) {
  return allocations.map((allocation) => ({
    amount: amount(allocation.amount, currencies),
    amount_set: priceSet(allocation.amount, currencies),
    discount_application_index: allocation.applicationIndex,
  }));
}

function customerPayload(store: ShopStore, customerId: string | null) {
  const customer = customerId ? store.customers.get(customerId) : undefined;
  if (!customer) return null;
  return {
    id: legacyId(customer.id),
    admin_graphql_api_id: customer.id,
    email: customer.email,
    first_name: customer.firstName,
    last_name: customer.lastName,
    phone: customer.phone,
    state: "disabled",
    note: customer.note,
    verified_email: customer.verifiedEmail,
    multipass_identifier: null,
    tax_exempt: false,
    tags: customer.tags.join(", "),
    currency: store.shop.currencyCode,
    created_at: customer.createdAt,
    updated_at: customer.updatedAt,
    default_address: addressPayload(customer.defaultAddress),
  };
}

/** The orders/create (and orders/updated) body for an order of the emulator. */
export function orderWebhookPayload(store: ShopStore, order: OrderRecord) {
  const currencies = { shop: order.currencyCode, presentment: order.presentmentCurrencyCode };
  const totals = orderTotals(order);
  return {
    id: legacyId(order.id),
    admin_graphql_api_id: order.id,
    name: order.name,
    number: order.number - 1000,
    order_number: order.number,
    token: order.token,
    email: order.email,
    contact_email: order.email,
    phone: order.phone,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    processed_at: order.processedAt,
    cancelled_at: order.cancelledAt,
    cancel_reason: null,
    closed_at: null,
    confirmed: true,
    test: order.test,
    currency: order.currencyCode,
    presentment_currency: order.presentmentCurrencyCode,
    financial_status: order.financialStatus.toLowerCase(),
    fulfillment_status: null,
    source_name: order.sourceName,
    landing_site: order.landingSite,
    referring_site: order.referringSite,
    browser_ip: order.clientDetails.browserIp,
    client_details: {
      browser_ip: order.clientDetails.browserIp,
      user_agent: order.clientDetails.userAgent,
      accept_language: order.clientDetails.acceptLanguage,
      browser_height: null,
      browser_width: null,
      session_hash: null,
    },
    buyer_accepts_marketing: order.customerId ? (store.customers.get(order.customerId)?.acceptsMarketing ?? false) : false,
    tags: order.tags.join(", "),
    note: order.note,
    note_attributes: [],
    taxes_included: false,
    tax_lines: [],
    ...money("subtotal_price", totals.subtotal, currencies),
    ...money("current_subtotal_price", totals.subtotal, currencies),
    ...money("total_line_items_price", totals.lineItemsTotal, currencies),
    ...money("total_discounts", totals.totalDiscounts, currencies),
    ...money("current_total_discounts", totals.totalDiscounts, currencies),
    ...money("total_tax", totals.totalTax, currencies),
    ...money("current_total_tax", totals.totalTax, currencies),
    ...money("total_price", totals.total, currencies),
    ...money("current_total_price", totals.total, currencies),
    total_shipping_price_set: priceSet(totals.shipping, currencies),
    discount_codes: order.discountApplications
      .filter((application) => application.kind === "DISCOUNT_CODE")
      .map((application) => ({
        code: application.code,
        amount: amount(applicationTotal(order, application.index), currencies),
        type: application.targetType === "SHIPPING_LINE" ? "shipping" : "percentage" in application.value ? "percentage" : "fixed_amount",
      })),
    discount_applications: order.discountApplications.map((application) => applicationPayload(order, application)),
    line_items: order.lineItems.map((line) => ({
      id: legacyId(line.id),
      admin_graphql_api_id: line.id,
      variant_id: line.variantId ? legacyId(line.variantId) : null,
      product_id: line.productId ? legacyId(line.productId) : null,
      product_exists: line.productId !== null && store.products.has(line.productId),
      title: line.title,
      variant_title: line.variantTitle,
      name: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
      sku: line.sku,
      vendor: line.vendor,
      quantity: line.quantity,
      current_quantity: line.quantity,
      fulfillable_quantity: line.quantity,
      fulfillment_status: null,
      gift_card: line.isGiftCard,
      requires_shipping: line.requiresShipping,
      taxable: line.taxable,
      grams: 0,
      properties: [],
      tax_lines: [],
      ...money("price", line.unitPrice, currencies),
      ...money("total_discount", lineDiscountTotal(line), currencies),
      discount_allocations: allocationsPayload(line.discountAllocations, currencies),
    })),
    shipping_lines: order.shippingLines.map((line) => ({
      id: legacyId(line.id),
      title: line.title,
      code: line.code,
      source: "shopify",
      ...money("price", line.price, currencies),
      ...money("discounted_price", discountedShippingPrice(line), currencies),
      discount_allocations: allocationsPayload(line.discountAllocations, currencies),
      tax_lines: [],
    })),
    customer: customerPayload(store, order.customerId),
    shipping_address: addressPayload(order.shippingAddress),
    billing_address: addressPayload(order.billingAddress),
    fulfillments: [],
    refunds: [],
  };
}

const shopFields = (store: ShopStore) => ({ shop_id: legacyId(store.shop.id), shop_domain: store.shop.domain });

/** customers/redact: the customer to forget and their orders. */
export function customersRedactPayload(store: ShopStore, customerId: string) {
  const customer = store.customers.get(customerId);
  if (!customer) throw new Error(`No customer ${customerId} in ${store.shop.domain}`);
  return {
    ...shopFields(store),
    customer: { id: legacyId(customer.id), email: customer.email, phone: customer.phone },
    orders_to_redact: store.ordersOf(customer.id).map((order) => legacyId(order.id)),
  };
}

/** customers/data_request: what the app must hand over about one customer. */
export function customersDataRequestPayload(store: ShopStore, customerId: string, dataRequestId: number) {
  const { orders_to_redact, ...rest } = customersRedactPayload(store, customerId);
  return { ...rest, orders_requested: orders_to_redact, data_request: { id: dataRequestId } };
}

/** shop/redact: 48 hours after uninstall, erase the shop. */
export function shopRedactPayload(store: ShopStore) {
  return shopFields(store);
}

/** app/uninstalled: the shop object. */
export function appUninstalledPayload(store: ShopStore) {
  const { shop } = store;
  return {
    id: legacyId(shop.id),
    name: shop.name,
    email: shop.email,
    domain: shop.domain,
    myshopify_domain: shop.domain,
    currency: shop.currencyCode,
    iana_timezone: shop.ianaTimezone,
    plan_display_name: shop.planDisplayName,
    created_at: shop.createdAt,
  };
}

/** The emulator keeps one stock figure per variant: the shop's one location. */
export const EMULATED_LOCATION_ID = 24826418;

/** inventory_levels/update: a variant's item, as available at the shop's location now. */
export function inventoryLevelUpdatePayload(store: ShopStore, variantId: string, updatedAt = new Date().toISOString()) {
  const variant = store.variants.get(variantId);
  if (!variant) throw new Error(`No variant ${variantId} in ${store.shop.domain}`);
  const item = legacyId(variant.inventoryItemId);
  return {
    inventory_item_id: item,
    location_id: EMULATED_LOCATION_ID,
    available: variant.inventoryQuantity,
    updated_at: updatedAt,
    admin_graphql_api_id: `gid://shopify/InventoryLevel/${EMULATED_LOCATION_ID}?inventory_item_id=${item}`,
  };
}
