// "Test a cart": the merchant's cart checked out the way Shopify's checkout does it, on the store's
// own data. Everything functions see is read from the store through the Admin API (the variants
// with their product facts, collections and stock metafield; the customer with their tags, orders
// and use counts; the shop's stacking catalogue; the discounts with their rules and query
// variables), the checkout model (shopify-checkout) builds each function's input by executing its
// real input query on that data and runs the same bundles Shopify runs, and explain.server.ts
// says why each code gives what it gives.
import {
  simulateCheckout,
  type ActiveDiscount,
  type Cart,
  type CartLine,
  type Customer,
  type ExternalCodeDiscount,
  type SimulateCheckoutOptions,
} from "shopify-checkout";
import type { Database } from "~/db.server";
import type { AdminCall } from "~/shopify/admin-graphql.server";
import {
  readActiveAutomaticDiscounts,
  readCodeDiscount,
  readCustomer,
  readShop,
  readVariants,
  type StoreCustomer,
  type StoreDiscount,
  type StoreShop,
  type StoreVariant,
} from "~/shopify/cart-data.server";
import { MAX_PRODUCT_ORDER_CODES, MAX_SHIPPING_CODES, checkCart, type CartSimulationInput, type FieldErrors } from "./cart-input";
import { explainSimulation } from "./explain.server";
import { appFunctions, type FunctionRegistry } from "./functions.server";
import type { CartSimulation } from "./simulation";

export interface SimulatorContext {
  db: Database;
  /** Admin API calls for the shop, throttle-aware. */
  call: AdminCall;
  shopDomain: string;
  now?: Date;
  /** The function bundles to run; the app's own by default. */
  functions?: FunctionRegistry;
}

export type SimulationOutcome = { ok: true; simulation: CartSimulation } | { ok: false; errors: FieldErrors };

/** A discount of the store that one of the app's functions backs, with that function. */
export interface RunnableDiscount {
  store: StoreDiscount;
  active: ActiveDiscount;
}

/** An entered code and the store's discount that holds it (null when none does). */
export interface EnteredCode {
  typed: string;
  discount: (StoreDiscount & { code: string }) | null;
}

/** Who a profile's buyer is: a logged-in customer with these facts and no record in the store. */
const PROFILE_CUSTOMER_ID = "gid://shopify/Customer/0";
/** A B2B buyer buys for a company location; functions ask only whether there is one. */
const TEST_COMPANY = {
  company: { id: "gid://shopify/Company/0", name: "Test company" },
  location: { id: "gid://shopify/CompanyLocation/0", name: "Test location" },
};
const DELIVERY_HANDLE = "test-rate";

const numericId = (gid: string) => Number(gid.split("/").pop());

/**
 * Checks out `value` (validated with `cartSimulationSchema` first) in the shop as Shopify would at
 * `now`. Bad input, a product or customer the store no longer has, or more codes of a kind than
 * Shopify takes come back as field errors; nothing is written anywhere.
 */
export async function simulateCart(context: SimulatorContext, value: unknown): Promise<SimulationOutcome> {
  const checked = checkCart(value);
  if (!checked.ok) return checked;
  const input = checked.input;
  const now = context.now ?? new Date();
  const functions = context.functions ?? (await appFunctions());
  const { call } = context;

  const shop = await readShop(call);
  const automatic = await readActiveAutomaticDiscounts(call);
  const entered: EnteredCode[] = [];
  for (const typed of input.codes) entered.push({ typed, discount: await readCodeDiscount(call, typed) });
  const codeErrors = codeLimitErrors(entered);
  if (codeErrors) return { ok: false, errors: codeErrors };

  const runnable = runnableDiscounts(shop, functions, automatic, entered);
  const external = externalDiscounts(shop, functions, entered);
  const variants = await readVariants(
    call,
    input.lines.map((line) => line.variantId),
    referencedCollections(runnable),
  );
  const customer = input.buyer.kind === "customer" ? await readCustomer(call, input.buyer.customerId) : null;
  const errors: FieldErrors = {};
  input.lines.forEach((line, index) => {
    if (!variants.some((variant) => variant.id === line.variantId)) errors[`lines.${index}.variantId`] = "This product is no longer in the store: remove it";
  });
  if (input.buyer.kind === "customer" && customer === null) errors["buyer.customerId"] = "This customer is no longer in the store: choose another";
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const cart = checkoutCart(input, shop, variants, customer);
  const options: SimulateCheckoutOptions = {
    shop: { currencyCode: shop.currencyCode, ianaTimezone: shop.ianaTimezone, metafields: shop.metafields },
    now,
    external,
  };
  const discounts = runnable.map((discount) => discount.active);
  let result;
  try {
    result = await simulateCheckout(cart, discounts, options);
  } catch (error) {
    // A function checkout could not run (its input too large, its output refused): Shopify would
    // apply none of its discount. Said plainly; the details go to the log.
    console.error(`Cart simulation failed for ${context.shopDomain}:`, error);
    return {
      ok: false,
      errors: {
        general:
          "PromoGuard couldn't run its discounts on this cart, so checkout would give none of them. Try a smaller cart, or contact support if this keeps happening.",
      },
    };
  }
  const simulation = await explainSimulation({
    db: context.db,
    shopDomain: context.shopDomain,
    now,
    shop,
    cart,
    options,
    runnable,
    entered,
    variants,
    result,
    notPriced: automatic.filter((discount) => !functionOf(shop, functions, discount)).map((discount) => discount.title),
  });
  return { ok: true, simulation };
}

/** Shopify's own limit: 5 product or order codes and 1 shipping code (a code of a shipping-only discount). */
function codeLimitErrors(entered: EnteredCode[]): FieldErrors | null {
  const isShipping = ({ discount }: EnteredCode) =>
    discount !== null && discount.discountClasses.length > 0 && discount.discountClasses.every((discountClass) => discountClass === "SHIPPING");
  const shipping = entered.filter(isShipping).length;
  if (shipping > MAX_SHIPPING_CODES)
    return { codes: `Only ${MAX_SHIPPING_CODES} shipping discount code can be used on an order. Remove one to test the others.` };
  if (entered.length - shipping > MAX_PRODUCT_ORDER_CODES)
    return { codes: `Only ${MAX_PRODUCT_ORDER_CODES} discount codes can be used on an order. Remove one to test another.` };
  return null;
}

function functionOf(shop: StoreShop, functions: FunctionRegistry, discount: StoreDiscount) {
  const handle = discount.functionId === null ? undefined : shop.functionHandles.get(discount.functionId);
  return handle === undefined ? undefined : functions.get(handle);
}

/** The active discounts one of the app's functions backs: every automatic one, and the code ones whose codes were entered. */
function runnableDiscounts(shop: StoreShop, functions: FunctionRegistry, automatic: StoreDiscount[], entered: EnteredCode[]): RunnableDiscount[] {
  const byId = new Map<string, { store: StoreDiscount; codes: string[] }>();
  for (const discount of automatic) byId.set(discount.id, { store: discount, codes: [] });
  for (const { discount } of entered) {
    if (!discount || discount.status !== "ACTIVE") continue;
    const known = byId.get(discount.id);
    if (known) known.codes.push(discount.code);
    else byId.set(discount.id, { store: discount, codes: [discount.code] });
  }
  return (
    [...byId.values()]
      .flatMap(({ store, codes }) => {
        const fn = functionOf(shop, functions, store);
        if (!fn) return [];
        const active: ActiveDiscount = {
          id: store.id,
          title: store.title,
          method: store.method,
          codes,
          discountClasses: store.discountClasses,
          combinesWith: store.combinesWith,
          function: fn,
          metafields: store.metafields,
        };
        return [{ store, active }];
      })
      // Checkout's ties go to the earlier discount: the order Shopify created them in.
      .sort((a, b) => numericId(a.store.id) - numericId(b.store.id))
  );
}

/** Active code discounts no function of the app backs (Shopify's own, other apps'), by their entered codes. */
function externalDiscounts(shop: StoreShop, functions: FunctionRegistry, entered: EnteredCode[]): ExternalCodeDiscount[] {
  const byId = new Map<string, ExternalCodeDiscount>();
  for (const { discount } of entered) {
    if (!discount || discount.status !== "ACTIVE" || functionOf(shop, functions, discount)) continue;
    const known = byId.get(discount.id);
    if (known) known.codes.push(discount.code);
    else byId.set(discount.id, { id: discount.id, title: discount.title, codes: [discount.code] });
  }
  return [...byId.values()];
}

/** Collections the discounts' input queries ask about: every collection id among their variables. */
function referencedCollections(runnable: RunnableDiscount[]): string[] {
  const ids = new Set<string>();
  for (const { active } of runnable) {
    const variables = active.function.inputVariables;
    const metafield = variables && active.metafields.find((candidate) => candidate.namespace === variables.namespace && candidate.key === variables.key);
    if (!metafield) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(metafield.value);
    } catch {
      continue; // checkout reports a broken variables metafield itself
    }
    for (const value of Object.values(parsed as Record<string, unknown>)) {
      if (!Array.isArray(value)) continue;
      for (const item of value) if (typeof item === "string" && item.startsWith("gid://shopify/Collection/")) ids.add(item);
    }
  }
  return [...ids];
}

function checkoutLine(variant: StoreVariant, quantity: number, index: number): CartLine {
  return {
    id: `gid://shopify/CartLine/${index + 1}`,
    quantity,
    unitPrice: variant.price,
    compareAtUnitPrice: variant.compareAtPrice,
    variant: {
      id: variant.id,
      title: variant.title,
      sku: variant.sku,
      requiresShipping: variant.requiresShipping,
      product: { ...variant.product },
      metafields: variant.metafields,
    },
  };
}

function buyerCustomer(input: CartSimulationInput, customer: StoreCustomer | null): Customer | null {
  if (input.buyer.kind === "customer" && customer) {
    return {
      id: customer.id,
      email: customer.email,
      firstName: customer.firstName,
      lastName: customer.lastName,
      tags: customer.tags,
      numberOfOrders: customer.numberOfOrders,
      amountSpentInShopCurrency: customer.amountSpent,
      metafields: customer.metafields,
    };
  }
  if (input.buyer.kind === "profile") {
    return {
      id: PROFILE_CUSTOMER_ID,
      tags: input.buyer.tags,
      numberOfOrders: input.buyer.returning ? 1 : 0,
      amountSpentInShopCurrency: "0.00",
      metafields: [],
    };
  }
  return null;
}

/** The cart as checkout holds it: in the shop's currency, one delivery group with the rate the merchant set. */
function checkoutCart(input: CartSimulationInput, shop: StoreShop, variants: StoreVariant[], customer: StoreCustomer | null): Cart {
  const lines = input.lines.map((line, index) =>
    checkoutLine(
      variants.find((variant) => variant.id === line.variantId)!,
      line.quantity,
      index,
    ),
  );
  const buyer = buyerCustomer(input, customer);
  const b2b = input.buyer.kind !== "guest" && input.buyer.b2b;
  return {
    currencyCode: shop.currencyCode,
    lines,
    buyerIdentity: buyer
      ? { email: buyer.email ?? null, isAuthenticated: true, customer: buyer, purchasingCompany: b2b ? TEST_COMPANY : null }
      : { email: null, isAuthenticated: false },
    deliveryGroups: [
      {
        id: "gid://shopify/CartDeliveryGroup/1",
        lineIds: lines.map((line) => line.id),
        address: { countryCode: input.countryCode },
        options: [{ handle: DELIVERY_HANDLE, title: "Delivery", cost: input.shipping.cost, methodType: input.shipping.method }],
        selectedHandle: DELIVERY_HANDLE,
      },
    ],
    enteredDiscountCodes: input.codes,
    localization: { countryCode: input.countryCode, languageCode: "EN" },
  };
}
