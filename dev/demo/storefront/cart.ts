// The shopper's cart and checkout session, kept per browser (a cookie names it) for as long as
// the demo runs, and the cart as Shopify's AJAX API reports it (/cart.js).
import { randomBytes } from "node:crypto";
import type { CheckoutResult } from "../../emulator/checkout";
import type { StorefrontCustomer, StorefrontProduct } from "./store-data";

export const CART_COOKIE = "promoguard_storefront_cart";

export interface CartSession {
  token: string;
  lines: { variantId: string; quantity: number }[];
  /** The demo customer the shopper logged in as; null for a guest. */
  customerId: string | null;
  email: string;
  countryCode: string;
  /** Discount codes in the order entered, as typed. */
  codes: string[];
  deliveryHandle: string;
  /** A message shown once, after the action that caused it. */
  notice: string | null;
  /** The order just placed, for its order status page. */
  lastOrder: { id: string; name: string; email: string | null; customerId: string | null; firstOrder: boolean; result: CheckoutResult } | null;
}

const sessions = new Map<string, CartSession>();

export function cartSession(cookieHeader: string | undefined): { session: CartSession; isNew: boolean } {
  const token = new RegExp(`(?:^|;\\s*)${CART_COOKIE}=([a-f0-9]+)`).exec(cookieHeader ?? "")?.[1];
  const existing = token ? sessions.get(token) : undefined;
  if (existing) return { session: existing, isNew: false };
  const session: CartSession = {
    token: randomBytes(12).toString("hex"),
    lines: [],
    customerId: null,
    email: "",
    countryCode: "US",
    codes: [],
    deliveryHandle: "standard",
    notice: null,
    lastOrder: null,
  };
  sessions.set(session.token, session);
  return { session, isNew: true };
}

export function setQuantity(session: CartSession, variantId: string, quantity: number, mode: "add" | "set") {
  const line = session.lines.find((candidate) => candidate.variantId === variantId);
  const next = Math.max(0, Math.min(99, Math.floor(mode === "add" ? (line?.quantity ?? 0) + quantity : quantity)));
  if (line && next === 0) session.lines.splice(session.lines.indexOf(line), 1);
  else if (line) line.quantity = next;
  else if (next > 0) session.lines.push({ variantId, quantity: next });
}

/** After an order the cart is empty again; who is logged in stays. */
export function clearCart(session: CartSession) {
  Object.assign(session, { lines: [], codes: [], deliveryHandle: "standard", notice: null });
}

export function currentCustomer(session: CartSession, customers: StorefrontCustomer[]) {
  return customers.find((customer) => customer.id === session.customerId) ?? null;
}

const cents = (amount: string) => Math.round(Number(amount) * 100);

/** The subset of Shopify's /cart.js the theme extension reads, plus what a theme usually shows. */
export function ajaxCart(session: CartSession, products: StorefrontProduct[], currency: string) {
  const items = session.lines.flatMap(({ variantId, quantity }) => {
    const product = products.find((candidate) => candidate.variants.some((variant) => variant.id === variantId));
    const variant = product?.variants.find((candidate) => candidate.id === variantId);
    if (!product || !variant) return [];
    const id = Number(variantId.split("/").pop());
    const price = cents(variant.price);
    return [
      {
        id,
        variant_id: id,
        quantity,
        title: `${product.title} - ${variant.title}`,
        product_title: product.title,
        variant_title: variant.title,
        vendor: product.vendor,
        price,
        original_price: price,
        line_price: price * quantity,
        original_line_price: price * quantity,
        final_line_price: price * quantity,
      },
    ];
  });
  const total = items.reduce((sum, item) => sum + item.line_price, 0);
  return {
    token: session.token,
    item_count: items.reduce((sum, item) => sum + item.quantity, 0),
    items,
    currency,
    original_total_price: total,
    items_subtotal_price: total,
    total_price: total,
    total_discount: 0,
    requires_shipping: items.length > 0,
  };
}
