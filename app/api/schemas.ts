// The public API's shapes, as zod schemas: the same objects validate every request
// (app/api/serve.server.ts) and describe it in the OpenAPI document (app/api/openapi.server.ts).
import { extendZodWithOpenApi } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { API_SCOPES } from "~/domain/api-keys/scopes";
import { cartSimulationSchema, MAX_CART_LINES, MAX_CODES, MAX_PRODUCT_ORDER_CODES, MAX_QUANTITY, MAX_SHIPPING_CODES } from "~/domain/simulator/cart-input";
import type { CartSimulation } from "~/domain/simulator/simulation";
import { FEED_PAGE_MAX } from "~/domain/redemptions/feed.server";
import { METADATA_MAX_BYTES } from "~/domain/pools/rules";

extendZodWithOpenApi(z);

const dateTime = (description: string) => z.string().datetime({ offset: true }).openapi({ description, format: "date-time" });
const nullableDateTime = (description: string) => dateTime(description).nullable();

// --- Problems (RFC 9457) -----------------------------------------------------------------------

export const Problem = z
  .object({
    type: z.string().openapi({ description: "What kind of problem, as a URN (urn:promoguard:problem:…)", example: "urn:promoguard:problem:pool-empty" }),
    title: z.string().openapi({ description: "The kind of problem, in words" }),
    status: z.number().int(),
    detail: z.string().openapi({ description: "What went wrong with this request and how to fix it" }),
    instance: z.string().openapi({ description: "The request's path" }),
    requestId: z.string().openapi({ description: "Also in the X-Request-Id header; quote it when asking for help" }),
    errors: z.record(z.string()).optional().openapi({ description: "For invalid input: each field that is wrong, with why" }),
    requiredScope: z.enum(API_SCOPES).optional().openapi({ description: "For a missing scope: the scope the endpoint needs" }),
  })
  .openapi("Problem", { description: "An error, as application/problem+json" });

// --- Requests ----------------------------------------------------------------------------------

const resourceId = (what: string) =>
  z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number)
    .openapi({ description: `The ${what}'s id`, example: "12", param: { name: "id", in: "path" } });

export const PoolPathParams = z.object({ id: resourceId("pool") });

export const IdempotencyHeaders = z.object({
  "Idempotency-Key": z
    .string()
    .trim()
    .min(1, "The Idempotency-Key header is empty; leave it out or give a value.")
    .max(255, "Idempotency keys are at most 255 characters.")
    .optional()
    .openapi({
      description:
        "A value unique to this recipient and purpose (e.g. the flow and the profile). Repeating a request with the same key returns the first answer instead of assigning again; without it, every request is a new assignment.",
      example: "welcome-flow:01HZX3V9K2",
    }),
});

const metadataValue = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);

export const AssignmentRequest = z
  .object({
    email: z
      .string({ required_error: "Give the recipient's email address (email).", invalid_type_error: "email must be a string." })
      .openapi({ description: "Who gets the code", example: "ada@example.com" }),
    customerId: z
      .union([z.string(), z.number().int().nonnegative()])
      .nullable()
      .optional()
      .openapi({ description: "The Shopify customer, as a numeric id or gid://shopify/Customer/… (optional)", example: "gid://shopify/Customer/7294713323" }),
    source: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, 'source must be a short lower-case name such as "klaviyo" or "api".')
      .optional()
      .openapi({ description: "Where the request comes from, shown in Assigned History; defaults to api", example: "klaviyo" }),
    metadata: z
      .record(metadataValue)
      .nullable()
      .optional()
      .refine(
        (value) => !value || Buffer.byteLength(JSON.stringify(value)) <= METADATA_MAX_BYTES,
        `metadata may be at most ${METADATA_MAX_BYTES} bytes as JSON.`,
      )
      .openapi({
        description: `Your own notes about the assignment, kept with it: an object of strings, numbers, booleans (at most ${METADATA_MAX_BYTES} bytes as JSON)`,
        example: { flow: "welcome", step: 2 },
      }),
  })
  .strict()
  .openapi("AssignmentRequest");

export const RedemptionsQuery = z.object({
  since: dateTime("Redemptions recorded or changed at or after this instant (ISO 8601 with offset); default: all").optional(),
  cursor: z.string().max(200).optional().openapi({ description: "The nextCursor of the previous page" }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(FEED_PAGE_MAX)
    .default(100)
    .openapi({ description: `Redemptions per page, 1–${FEED_PAGE_MAX}`, example: 100 }),
});

// --- Answers -----------------------------------------------------------------------------------

export const AssignmentAnswer = z
  .object({
    code: z.string().nullable().openapi({ description: "The code for the recipient; null when held out", example: "WELCOME-7KX2" }),
    message: z.string().nullable().openapi({ description: "The code's message from the pool, if it has one" }),
    validUntil: nullableDateTime("When the code stops working for this recipient (the pool's user expiration); null when it does not expire"),
    heldOut: z
      .boolean()
      .openapi({ description: "True when the pool's live campaign holds this recipient out of its experiment: no code, and the decision is recorded" }),
    replayed: z.boolean().openapi({ description: "True when this is the first answer to an Idempotency-Key used before" }),
    assignedAt: dateTime("When the code was assigned, or the recipient held out"),
  })
  .openapi("Assignment");

const PoolAlert = z.object({
  kind: z.enum(["BELOW_THRESHOLD", "RUNNING_OUT", "EMPTY"]),
  detail: z.string(),
  firedAt: dateTime("When the alert fired"),
});

export const PoolAnswer = z
  .object({
    id: z.number().int(),
    name: z.string(),
    available: z.number().int().openapi({ description: "Unassigned, unexpired codes, ready to hand out" }),
    assigned: z.number().int(),
    expired: z.number().int().openapi({ description: "Unassigned codes past the pool's expiration" }),
    total: z.number().int(),
    assignedLast24Hours: z.number().int(),
    projectedRunOut: z
      .object({ days: z.number(), at: dateTime("When the pool runs out at the last 24 hours' rate") })
      .nullable()
      .openapi({ description: "When the available codes run out at the last 24 hours' rate; null when none were assigned" }),
    lowStockAlert: z.object({ enabled: z.boolean(), threshold: z.number().int() }),
    openAlerts: z.array(PoolAlert),
  })
  .openapi("Pool");

export const PoolList = z.object({ pools: z.array(PoolAnswer) }).openapi("PoolList");

const Budget = z.object({
  kind: z
    .enum(["discount", "revenue", "redemptions"])
    .openapi({ description: "discount: what the codes took off; revenue: the orders' net revenue; redemptions: orders" }),
  cap: z.number(),
  used: z.number(),
  reached: z.boolean(),
  overshoot: z.number().openapi({ description: "How far past the cap orders already in checkout went" }),
});

export const CampaignAnswer = z
  .object({
    id: z.number().int(),
    name: z.string(),
    status: z.enum(["draft", "scheduled", "live", "paused", "expired", "archived"]),
    channel: z.string(),
    codeSource: z.enum(["shared", "generated", "pool"]),
    codes: z.object({
      count: z.number().int().openapi({ description: "How many codes the campaign has (1 for a shared code)" }),
      sharedCode: z.string().nullable(),
      poolId: z.number().int().nullable(),
    }),
    startsAt: dateTime("When the campaign starts"),
    endsAt: nullableDateTime("When it ends; null: no end"),
    pause: z
      .object({
        reason: z.enum(["manual", "budget", "dailyCap"]),
        resumesAt: nullableDateTime("When a daily-cap pause ends by itself (the shop's next midnight); null otherwise"),
      })
      .nullable()
      .openapi({ description: "Why a paused campaign is paused; null unless paused" }),
    limits: z.object({
      usageLimit: z.number().int().nullable().openapi({ description: "Uses in total, as Shopify counts them" }),
      oncePerCustomer: z.boolean(),
      maxUsesPerCustomer: z.number().int().nullable().openapi({ description: "Uses per customer, enforced at checkout" }),
    }),
    caps: z
      .object({
        currency: z.string(),
        budgets: z.array(Budget),
        budgetReached: z.object({ at: dateTime("When a budget stopped the campaign"), kind: Budget.shape.kind }).nullable(),
        dailyCap: z
          .object({ cap: z.number().int(), today: z.number().int().openapi({ description: "Redemptions today, in the shop's time zone" }) })
          .nullable(),
      })
      .nullable()
      .openapi({ description: "Budgets and the daily cap with what is used of them; null for a campaign without caps" }),
  })
  .openapi("Campaign");

export const CampaignList = z.object({ campaigns: z.array(CampaignAnswer) }).openapi("CampaignList");

const money = z.string().openapi({ description: "An amount in the shop's currency, as a decimal string", example: "12.50" });

export const RedemptionAnswer = z
  .object({
    id: z.number().int(),
    orderId: z.string().openapi({ example: "gid://shopify/Order/5512345678" }),
    orderName: z.string().openapi({ example: "#1042" }),
    code: z.string(),
    campaignId: z.number().int().nullable(),
    customerId: z.string().nullable(),
    email: z.string().nullable(),
    processedAt: dateTime("When the order was placed"),
    updatedAt: dateTime("When PromoGuard recorded or last changed this redemption"),
    currency: z.string(),
    subtotal: money,
    total: money,
    codeDiscount: money,
    influence: z
      .enum(["influenced", "leaked", "applied"])
      .openapi({ description: "influenced: used by its recipient; leaked: by someone else; applied: a public code" }),
    newCustomer: z.boolean().nullable(),
  })
  .openapi("Redemption");

export const RedemptionPage = z
  .object({
    redemptions: z.array(RedemptionAnswer),
    nextCursor: z.string().nullable().openapi({ description: "Pass as cursor for the next page; null on the last page" }),
  })
  .openapi("RedemptionPage");

// --- Carts (the cart simulator, "Test a cart") -------------------------------------------------

/**
 * The simulator's own input schema (`cartSimulationSchema`, which the "Test a cart" page checks
 * with), its fields described for the document. The fields' schemas are the page's: the API only
 * refuses properties the simulator does not know, so a misspelled one is not silently dropped.
 */
const cart = cartSimulationSchema.shape;
export const CartValidationRequest = cartSimulationSchema
  .extend({
    lines: cart.lines.openapi({
      description: `The cart's products: 1–${MAX_CART_LINES} lines, each a product variant of the store (its GraphQL id) once, with a quantity of 1–${MAX_QUANTITY}`,
      example: [{ variantId: "gid://shopify/ProductVariant/1000005", quantity: 2 }],
    }),
    buyer: cart.buyer.openapi({
      description:
        "Who buys: a guest; a customer of the store (`customerId`, with their tags, orders and use of each code as the store has them; `b2b` when buying for a company); or a profile of a customer who is not in the store (their tags, whether they ordered before, `b2b`)",
      example: { kind: "profile", tags: ["vip"], returning: true, b2b: false },
    }),
    countryCode: cart.countryCode.openapi({ description: "The delivery country, as a two-letter ISO code", example: "US" }),
    codes: cart.codes.openapi({
      description: `The discount codes entered, as a shopper types them: at most ${MAX_PRODUCT_ORDER_CODES} product or order codes and ${MAX_SHIPPING_CODES} shipping code (${MAX_CODES} in all), each once`,
      example: ["AUTUMN15"],
    }),
    shipping: cart.shipping.openapi({
      description: "The delivery rate the shopper chose: its cost in the shop's currency and its method",
      example: { cost: "8.00", method: "SHIPPING" },
    }),
  })
  .strict()
  .openapi("CartValidationRequest");

const SimulatedCode = z
  .object({
    code: z.string().openapi({ description: "As the discount spells it (as entered when no discount has it)", example: "AUTUMN15" }),
    verdict: z.enum(["applied", "refused", "not priced"]).openapi({
      description:
        "applied; refused by checkout; not priced: a code of a discount made outside PromoGuard, which Shopify applies by rules the simulator does not run",
    }),
    shopperMessage: z
      .string()
      .nullable()
      .openapi({ description: "What checkout tells the shopper about a refused code; null when it applies", example: "Enter a valid discount code" }),
    reasons: z.array(z.string()).openapi({
      description: "Why it gives nothing, for the merchant; empty when it applies",
      example: ["AUTUMN15 needs 50.00 USD of eligible items: add 10.00 USD more"],
    }),
  })
  .strict()
  .openapi("SimulatedCode");

const SimulatedLine = z
  .object({
    lineId: z.string().openapi({ description: "The line's id in this answer", example: "gid://shopify/CartLine/1" }),
    variantId: z.string(),
    title: z.string().openapi({ example: "Linen shirt - M" }),
    quantity: z.number().int(),
    unitPrice: money,
    subtotal: money,
    discount: money.openapi({ description: "Every discount on the line, its share of order discounts included" }),
    total: money,
  })
  .strict()
  .openapi("SimulatedLine");

const DiscountOnLine = z
  .object({
    lineId: z.string(),
    title: z.string(),
    amount: money.openapi({ description: "What this discount takes off the line (0.00 when nothing)" }),
    notes: z
      .array(z.string())
      .openapi({ description: "Items the campaign's rules leave out or take more off, and why", example: ["AUTUMN15 doesn't cover this item"] }),
  })
  .strict();

const SimulatedDiscount = z
  .object({
    discountId: z.string().nullable().openapi({ description: "The Shopify discount; null for a campaign Shopify does not have" }),
    title: z.string(),
    campaign: z.object({ id: z.number().int(), name: z.string() }).strict().nullable().openapi({ description: "The PromoGuard campaign behind the discount" }),
    applied: z.boolean(),
    amount: money.openapi({ description: "The discount's total on this cart" }),
    amounts: z
      .object({ product: money.optional(), order: money.optional(), shipping: money.optional() })
      .strict()
      .openapi({ description: "Its total per discount class it gave" }),
    lines: z.array(DiscountOnLine),
    codes: z.array(SimulatedCode).openapi({ description: "The entered codes of this discount" }),
  })
  .strict()
  .openapi("SimulatedDiscount");

export const CartSimulationAnswer = z
  .object({
    currencyCode: z.string().openapi({ description: "The shop's currency, which every amount is in", example: "USD" }),
    simulatedAt: dateTime("When the cart was checked out; schedules and caps are judged at this instant"),
    totals: z
      .object({ subtotal: money, lineDiscounts: money, orderDiscounts: money, shipping: money, shippingDiscounts: money, total: money })
      .strict()
      .openapi({ description: "The cart's totals as checkout prices them, before taxes" }),
    lines: z.array(SimulatedLine),
    discounts: z
      .array(SimulatedDiscount)
      .openapi({ description: "Every PromoGuard discount the cart meets: the store's automatic ones and those of the entered codes" }),
    otherCodes: z
      .array(SimulatedCode)
      .openapi({ description: "Entered codes no PromoGuard campaign holds: unknown ones and discounts made outside PromoGuard" }),
    notPriced: z
      .array(z.string())
      .openapi({ description: "Active automatic discounts made outside PromoGuard, which Shopify applies by rules the simulator does not run" }),
  })
  .strict()
  .openapi("CartSimulation");

// The answer's schema describes exactly what the simulator returns: a field added to either
// without the other fails the typecheck.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _answerIsTheSimulation: Same<z.output<typeof CartSimulationAnswer>, CartSimulation> = true;
