// The cart a merchant tests, and how it travels: one zod schema (`cartSimulationSchema`) checks it
// for the "Test a cart" form in the browser, for the page's loader and for the public API's
// POST /api/v1/carts/validate, which takes the same object as its body. The form keeps a draft of
// plain strings; the page's URL carries the draft, so a test is a link. The form always sends
// every field: the messages for a field left out or of the wrong type are for API callers.
import { z } from "zod";

/** A test cart's size: a merchant's test, far below Shopify's 500 lines. */
export const MAX_CART_LINES = 100;
export const MAX_QUANTITY = 999;
/** Shopify takes at most 5 product or order discount codes and 1 shipping code on one order. */
export const MAX_PRODUCT_ORDER_CODES = 5;
export const MAX_SHIPPING_CODES = 1;
export const MAX_CODES = MAX_PRODUCT_ORDER_CODES + MAX_SHIPPING_CODES;
export const MAX_PROFILE_TAGS = 50;

export const DELIVERY_METHODS = ["SHIPPING", "PICK_UP", "LOCAL", "RETAIL", "PICKUP_POINT"] as const;
export const DELIVERY_METHOD_LABELS: Record<(typeof DELIVERY_METHODS)[number], string> = {
  SHIPPING: "Shipping",
  PICK_UP: "Pickup in store",
  LOCAL: "Local delivery",
  RETAIL: "Retail (point of sale)",
  PICKUP_POINT: "Pickup point",
};

/** One message for a field that is missing or of the wrong type. */
const needs = (message: string) => ({ required_error: message, invalid_type_error: message });
const gid = (type: string, message: string) => z.string(needs(message)).regex(new RegExp(`^gid://shopify/${type}/\\d+$`), message);
const flag = (message: string) => z.boolean(needs(message));
const B2B = flag("Say whether the buyer buys for a company: true or false");
const BUYER_KINDS = 'Say who buys: kind "guest", "customer" (with customerId and b2b) or "profile" (with tags, returning and b2b)';

export const cartSimulationSchema = z.object({
  lines: z
    .array(
      z.object(
        {
          variantId: gid("ProductVariant", "Choose a product from the store"),
          quantity: z
            .number(needs("Enter a quantity"))
            .int("Enter a whole number")
            .min(1, "Enter at least 1")
            .max(MAX_QUANTITY, `Enter at most ${MAX_QUANTITY}`),
        },
        needs("Give each line as a variantId and a quantity"),
      ),
      needs("Add at least one product"),
    )
    .min(1, "Add at least one product")
    .max(MAX_CART_LINES, `A test cart holds at most ${MAX_CART_LINES} products`)
    .superRefine((lines, context) => {
      lines.forEach((line, index) => {
        if (lines.findIndex((other) => other.variantId === line.variantId) < index) {
          context.addIssue({ code: "custom", path: [index, "variantId"], message: "This product is in the cart already: change its quantity instead" });
        }
      });
    }),
  buyer: z.discriminatedUnion(
    "kind",
    [
      z.object({ kind: z.literal("guest") }),
      z.object({ kind: z.literal("customer"), customerId: gid("Customer", "Choose a customer"), b2b: B2B }),
      z.object({
        kind: z.literal("profile"),
        tags: z
          .array(
            z.string(needs("A tag is text")).trim().min(1, "A tag can't be blank").max(255, "A tag has at most 255 characters"),
            needs("List the customer's tags (an empty list for none)"),
          )
          .max(MAX_PROFILE_TAGS, `Enter at most ${MAX_PROFILE_TAGS} tags`),
        returning: flag("Say whether the buyer has ordered before: true or false"),
        b2b: B2B,
      }),
    ],
    { errorMap: () => ({ message: BUYER_KINDS }) },
  ),
  countryCode: z.string(needs("Give the delivery country as a two-letter code, such as US")).regex(/^[A-Z]{2}$/, "Choose a country"),
  codes: z
    .array(
      z.string(needs("Enter a code")).trim().min(1, "Enter a code").max(255, "A code has at most 255 characters"),
      needs("List the codes entered (an empty list for none)"),
    )
    .max(MAX_CODES, `Shopify takes at most ${MAX_PRODUCT_ORDER_CODES} discount codes and ${MAX_SHIPPING_CODES} shipping code on an order`)
    .superRefine((codes, context) => {
      codes.forEach((code, index) => {
        if (codes.findIndex((other) => other.toUpperCase() === code.toUpperCase()) < index) {
          context.addIssue({ code: "custom", path: [index], message: `${code.toUpperCase()} has already been entered` });
        }
      });
    }),
  shipping: z.object(
    {
      cost: z
        .string(needs("Enter an amount like 8.00"))
        .trim()
        .regex(/^\d{1,7}(\.\d{1,2})?$/, "Enter an amount like 8.00"),
      method: z.enum(DELIVERY_METHODS, { errorMap: () => ({ message: "Choose how the order is delivered" }) }),
    },
    needs("Give the delivery rate: its cost and method"),
  ),
});

export type CartSimulationInput = z.infer<typeof cartSimulationSchema>;

/** Field path ("lines.0.quantity", "codes.2", "buyer.customerId") → the message for it. */
export type FieldErrors = Record<string, string>;

export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "general";
    errors[key] ??= issue.message;
  }
  return errors;
}

export type CheckedCart = { ok: true; input: CartSimulationInput } | { ok: false; errors: FieldErrors };

export function checkCart(value: unknown): CheckedCart {
  const parsed = cartSimulationSchema.safeParse(value);
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}

// ---- The form's draft: what the merchant typed, as strings, and its URL. ----

export interface DraftLine {
  variantId: string;
  quantity: string;
  /** What the page shows for the line ("Linen shirt - M"); not part of the test. */
  title: string;
}

export interface SimulatorDraft {
  lines: DraftLine[];
  buyer: "guest" | "customer" | "profile";
  customerId: string;
  /** Shown for the chosen customer; not part of the test. */
  customerName: string;
  /** The profile's customer tags, comma-separated. */
  tags: string;
  returning: boolean;
  b2b: boolean;
  countryCode: string;
  codes: string[];
  shippingCost: string;
  deliveryMethod: string;
}

export const EMPTY_DRAFT: SimulatorDraft = {
  lines: [],
  buyer: "guest",
  customerId: "",
  customerName: "",
  tags: "",
  returning: false,
  b2b: false,
  countryCode: "US",
  codes: [],
  shippingCost: "10.00",
  deliveryMethod: "SHIPPING",
};

const splitTags = (text: string) =>
  text
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);

/** The draft as the input `simulateCart` takes (unchecked: `checkCart` says what is wrong). */
export function draftInput(draft: SimulatorDraft): unknown {
  const buyer =
    draft.buyer === "customer"
      ? { kind: "customer", customerId: draft.customerId, b2b: draft.b2b }
      : draft.buyer === "profile"
        ? { kind: "profile", tags: splitTags(draft.tags), returning: draft.returning, b2b: draft.b2b }
        : { kind: "guest" };
  return {
    lines: draft.lines.map((line) => ({ variantId: line.variantId, quantity: line.quantity.trim() === "" ? Number.NaN : Number(line.quantity) })),
    buyer,
    countryCode: draft.countryCode.trim().toUpperCase(),
    codes: draft.codes.map((code) => code.trim()).filter(Boolean),
    shipping: { cost: draft.shippingCost, method: draft.deliveryMethod },
  };
}

/**
 * Errors keyed by the draft's fields: the schema's paths, with a blank code's position among the
 * codes typed (blank ones are dropped before checking) and the buyer's fields by their own names.
 */
export function draftErrors(draft: SimulatorDraft, errors: FieldErrors): FieldErrors {
  const typed = draft.codes.map((code, index) => ({ code: code.trim(), index })).filter(({ code }) => code !== "");
  const result: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    const code = /^codes\.(\d+)$/.exec(key);
    const field = code
      ? `codes.${typed[Number(code[1])]?.index ?? code[1]}`
      : key
          .replace(/^buyer\./, "")
          .replace(/^tags\.\d+$/, "tags")
          .replace(/^shipping\.cost$/, "shippingCost")
          .replace(/^shipping\.method$/, "deliveryMethod");
    result[field] ??= message;
  }
  return result;
}

const TRUE = "1";

/** The draft as the page's query string (`?test=1` runs the test). */
export function draftParams(draft: SimulatorDraft, run: boolean): URLSearchParams {
  const params = new URLSearchParams();
  for (const line of draft.lines) {
    params.append("variant", line.variantId);
    params.append("quantity", line.quantity);
  }
  for (const code of draft.codes) if (code.trim()) params.append("code", code.trim());
  params.set("buyer", draft.buyer);
  if (draft.buyer === "customer") params.set("customer", draft.customerId);
  if (draft.buyer === "profile") {
    if (draft.tags.trim()) params.set("tags", draft.tags);
    if (draft.returning) params.set("returning", TRUE);
  }
  if (draft.buyer !== "guest" && draft.b2b) params.set("b2b", TRUE);
  params.set("country", draft.countryCode);
  params.set("shipping", draft.shippingCost);
  params.set("delivery", draft.deliveryMethod);
  if (run) params.set("test", TRUE);
  return params;
}

const BUYERS = ["guest", "customer", "profile"] as const;

/** The draft a query string describes; anything missing keeps its default, so `?code=AUTUMN15` is a valid start. */
export function paramsDraft(params: URLSearchParams): { draft: SimulatorDraft; run: boolean } {
  const variants = params.getAll("variant");
  const quantities = params.getAll("quantity");
  const buyer = BUYERS.find((kind) => kind === params.get("buyer")) ?? EMPTY_DRAFT.buyer;
  return {
    draft: {
      lines: variants.map((variantId, index) => ({ variantId, quantity: quantities[index] ?? "1", title: "" })),
      buyer,
      customerId: params.get("customer") ?? "",
      customerName: "",
      tags: params.get("tags") ?? "",
      returning: params.get("returning") === TRUE,
      b2b: params.get("b2b") === TRUE,
      countryCode: params.get("country") ?? EMPTY_DRAFT.countryCode,
      codes: params.getAll("code"),
      shippingCost: params.get("shipping") ?? EMPTY_DRAFT.shippingCost,
      deliveryMethod: params.get("delivery") ?? EMPTY_DRAFT.deliveryMethod,
    },
    run: params.get("test") === TRUE,
  };
}

export const SIMULATOR_PATH = "/app/campaigns/simulator";

/** The simulator with codes filled in (a campaign page links to it with its code). */
export function simulatorLink(codes: string[]): string {
  const params = new URLSearchParams(codes.map((code) => ["code", code]));
  return `${SIMULATOR_PATH}?${params}`;
}
