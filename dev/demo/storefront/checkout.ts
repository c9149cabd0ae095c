// The demo checkout: the shopper's cart priced by the checkout emulator (every active PromoGuard
// discount's function run in QuickJS), Shopify's code limits, and the order placed in the
// emulator's shop with its orders/create webhook delivered, signed, to the app.
import { buildWebhookRequest, orderWebhookPayload, type ShopifyEmulator } from "../../emulator";
import { cartLineFor, checkoutCustomer, placeOrder, simulateCheckout, type Cart, type CheckoutResult, type DeliveryOption } from "../../emulator/checkout";
import { DEMO_SHOP } from "../catalogue";
import { currentCustomer, type CartSession } from "./cart";
import { activeDiscounts, appMetafieldsOf, type StorefrontCustomer } from "./store-data";

export const DELIVERY_OPTIONS: (DeliveryOption & { title: string; description: string })[] = [
  { handle: "standard", title: "Standard", description: "5 to 8 business days", cost: "8.00", methodType: "SHIPPING" },
  { handle: "express", title: "Express", description: "1 to 2 business days", cost: "20.00", methodType: "SHIPPING" },
];

/** Shopify's checkout takes at most 5 product or order discount codes and 1 shipping code. */
const MAX_CODES = 5;
const MAX_SHIPPING_CODES = 1;

function checkoutCart(emulator: ShopifyEmulator, session: CartSession, customers: StorefrontCustomer[]): Cart {
  const shopper = currentCustomer(session, customers);
  // Checkout sees a logged-in customer with their app metafields (PromoGuard's use counts).
  const customer = shopper && checkoutCustomer(emulator, shopper.id, DEMO_SHOP.domain);
  const lines = session.lines.map(({ variantId, quantity }, index) =>
    cartLineFor(emulator, variantId, { quantity, id: `gid://shopify/CartLine/${index + 1}`, shop: DEMO_SHOP.domain }),
  );
  return {
    currencyCode: DEMO_SHOP.currencyCode,
    lines,
    buyerIdentity: customer ? { email: customer.email, isAuthenticated: true, customer } : { email: session.email || null, isAuthenticated: false },
    deliveryGroups: [
      {
        id: "gid://shopify/CartDeliveryGroup/1",
        lineIds: lines.map((line) => line.id),
        address: { countryCode: session.countryCode },
        options: DELIVERY_OPTIONS,
        selectedHandle: session.deliveryHandle,
      },
    ],
    enteredDiscountCodes: session.codes,
    localization: { countryCode: session.countryCode, languageCode: "EN" },
  };
}

export async function priceCheckout(
  emulator: ShopifyEmulator,
  session: CartSession,
  customers: StorefrontCustomer[],
  now = new Date(),
): Promise<CheckoutResult> {
  const store = emulator.store(DEMO_SHOP.domain);
  return simulateCheckout(checkoutCart(emulator, session, customers), await activeDiscounts(emulator, now), {
    shop: { currencyCode: store.shop.currencyCode, ianaTimezone: store.shop.ianaTimezone, metafields: appMetafieldsOf(emulator, store.shop.id) },
    now,
  });
}

/** Whether a code belongs to a discount that only discounts shipping (it counts towards the shipping code limit). */
function isShippingCode(emulator: ShopifyEmulator, code: string): boolean {
  const store = emulator.store(DEMO_SHOP.domain);
  const discount = [...store.discounts.values()].find((candidate) =>
    store.redeemCodesOf(candidate.id).some((redeem) => redeem.code.toUpperCase() === code.toUpperCase()),
  );
  return discount !== undefined && discount.discountClasses.every((discountClass) => discountClass === "SHIPPING");
}

/** Adds a code the shopper entered, or says why checkout won't take it. */
export function enterCode(emulator: ShopifyEmulator, session: CartSession, typed: string): string | null {
  const code = typed.trim();
  if (!code) return "Enter a discount code";
  if (session.codes.some((entered) => entered.toUpperCase() === code.toUpperCase())) return `${code.toUpperCase()} has already been entered`;
  const shipping = isShippingCode(emulator, code);
  const sameKind = session.codes.filter((entered) => isShippingCode(emulator, entered) === shipping).length;
  if (shipping && sameKind >= MAX_SHIPPING_CODES) return "Only 1 shipping discount code can be used on an order. Remove it to use another.";
  if (!shipping && sameKind >= MAX_CODES) return `Only ${MAX_CODES} discount codes can be used on an order. Remove one to add another.`;
  session.codes.push(code);
  return null;
}

/**
 * Places the order in the emulator's shop, as checkout computed it, and delivers its orders/create
 * webhook to the app like Shopify does (signed with the app's secret). Returns the order.
 */
export async function completeOrder(emulator: ShopifyEmulator, result: CheckoutResult, webhook: { origin: string; apiSecret: string }) {
  const order = placeOrder(emulator, result, { shop: DEMO_SHOP.domain, sourceName: "web", landingSite: "/storefront" });
  const request = buildWebhookRequest({
    url: new URL("/webhooks/orders/create", webhook.origin),
    topic: "orders/create",
    shop: DEMO_SHOP.domain,
    payload: orderWebhookPayload(emulator.store(DEMO_SHOP.domain), order),
    secret: webhook.apiSecret,
  });
  const response = await fetch(request);
  if (!response.ok) throw new Error(`The app refused the orders/create webhook (${response.status})`);
  return order;
}
