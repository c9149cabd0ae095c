// The REST JSON of orders/create and orders/updated, read into OrderFacts. Only the fields
// PromoGuard records are checked; anything else Shopify sends is ignored.
import { z } from "zod";
import type { DiscountAllocationFact, OrderFacts } from "./order-facts";

const id = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);
const amount = z.union([z.string().regex(/^-?\d+(\.\d+)?$/), z.number()]).transform(String);
const optionalText = z
  .string()
  .nullish()
  .transform((value) => value || null);
const priceSet = z.object({ shop_money: z.object({ amount }), presentment_money: z.object({ amount, currency_code: z.string() }) });
const allocations = z
  .array(z.object({ amount, discount_application_index: z.number().int().nonnegative() }))
  .default([])
  .transform((list): DiscountAllocationFact[] =>
    list.map((allocation) => ({ applicationIndex: allocation.discount_application_index, amount: allocation.amount })),
  );

const restOrder = z.object({
  id,
  admin_graphql_api_id: z.string().optional(),
  name: z.string(),
  email: z.string().nullish(),
  created_at: z.string().datetime({ offset: true }),
  updated_at: z.string().datetime({ offset: true }),
  processed_at: z.string().datetime({ offset: true }).nullish(),
  currency: z.string(),
  presentment_currency: z.string().nullish(),
  subtotal_price: amount,
  total_price: amount,
  total_price_set: priceSet.optional(),
  total_discounts: amount,
  landing_site: optionalText,
  referring_site: optionalText,
  source_name: optionalText,
  browser_ip: optionalText,
  client_details: z.object({ browser_ip: optionalText, user_agent: optionalText }).nullish(),
  customer: z.object({ id, admin_graphql_api_id: z.string().optional(), email: z.string().nullish() }).nullish(),
  discount_applications: z
    .array(z.object({ type: z.string(), code: z.string().nullish(), target_selection: z.string().nullish(), target_type: z.string().nullish() }))
    .default([]),
  shipping_address: z
    .object({ address1: optionalText, address2: optionalText, city: optionalText, zip: optionalText, province_code: optionalText, country_code: optionalText })
    .nullish(),
  line_items: z.array(
    z.object({
      variant_id: id.nullish(),
      sku: optionalText,
      title: z.string(),
      quantity: z.number().int(),
      price: amount,
      discount_allocations: allocations,
    }),
  ),
  shipping_lines: z.array(z.object({ discount_allocations: allocations })).default([]),
});

/** Thrown for a webhook body that is not an order PromoGuard can read; retrying cannot help. */
export class UnreadableOrderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnreadableOrderError";
  }
}

const lowerCased = (email: string | null | undefined) => (email?.trim() ? email.trim().toLowerCase() : null);

export function orderFactsFromWebhook(payload: unknown): OrderFacts {
  const parsed = restOrder.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UnreadableOrderError(`The order webhook's ${issue.path.join(".") || "body"} is not valid: ${issue.message}`);
  }
  const order = parsed.data;
  const customer = order.customer;
  return {
    orderId: order.admin_graphql_api_id ?? `gid://shopify/Order/${order.id}`,
    orderName: order.name,
    createdAt: new Date(order.created_at),
    updatedAt: new Date(order.updated_at),
    processedAt: new Date(order.processed_at ?? order.created_at),
    customerId: customer ? (customer.admin_graphql_api_id ?? `gid://shopify/Customer/${customer.id}`) : null,
    email: lowerCased(order.email ?? customer?.email),
    currency: order.currency,
    presentmentCurrency: order.presentment_currency ?? order.total_price_set?.presentment_money.currency_code ?? order.currency,
    subtotal: order.subtotal_price,
    total: order.total_price,
    totalDiscount: order.total_discounts,
    presentmentTotal: order.total_price_set?.presentment_money.amount ?? order.total_price,
    landingSite: order.landing_site,
    referringSite: order.referring_site,
    sourceName: order.source_name,
    clientIp: order.client_details?.browser_ip ?? order.browser_ip,
    userAgent: order.client_details?.user_agent ?? null,
    // Allocations point at applications by their position in this list.
    applications: order.discount_applications.map((application, index) => ({
      index,
      code: application.type === "discount_code" ? (application.code ?? null) : null,
      orderLevel: application.target_selection === "all" && application.target_type === "line_item",
    })),
    lines: order.line_items.map((line) => ({
      variantId: line.variant_id ? `gid://shopify/ProductVariant/${line.variant_id}` : null,
      sku: line.sku,
      title: line.title,
      quantity: line.quantity,
      price: line.price,
      allocations: line.discount_allocations,
    })),
    shippingAllocations: order.shipping_lines.flatMap((line) => line.discount_allocations),
    shippingAddress: order.shipping_address
      ? {
          address1: order.shipping_address.address1,
          address2: order.shipping_address.address2,
          city: order.shipping_address.city,
          zip: order.shipping_address.zip,
          provinceCode: order.shipping_address.province_code,
          countryCode: order.shipping_address.country_code,
        }
      : null,
  };
}
