// The compiled rules of one campaign: what the admin app publishes to the discount's
// `$app:promoguard.rules` metafield after validating the campaign (../config). Everything is
// decided at publish time — sets keyed by value, tiers ascending, classes resolved, amounts as
// numbers — so a checkout run only reads it. Keys are short because every byte is decoded on
// every run; the admin's compiler is the only writer and `compileCampaign` documents each field.

export const RULES_VERSION = 2;
export const METAFIELD_NAMESPACE = "$app:promoguard";
/** The compiled rules the campaign functions read. */
export const RULES_KEY = "rules";
/** The input-query variables (collection ids, tags, which fields to read); never read by the code. */
export const VARIABLES_KEY = "input";
/** The guard's stacking catalogue, a shop metafield. */
export const STACKING_CATALOGUE_KEY = "stacking-catalogue";
/** A variant's units in stock, which PromoGuard keeps from Shopify's inventory (number_integer). */
export const STOCK_KEY = "stock";
/** A customer's uses of each catalogue code pattern, which PromoGuard keeps from orders (json). */
export const CUSTOMER_USES_KEY = "uses";
/** The first customer tag every campaign query asks about: customers blocked by the Fraud review. */
export const BLOCKED_TAG = "promoguard-blocked";

/** A small set of values as object keys (countries, delivery methods). */
export type ValueSet = Record<string, 1>;

/** A list of values as one text, each between newlines ("\nA\nB\n"). A string decodes for a
 * fraction of what an object's keys cost, and a small cart searches it directly; a larger cart
 * turns it into keys once (cart.ts). */
export type ValueList = string;

/** Decides whether a line is in a campaign's scope: a product flag the input query answers
 * (`a`, `b`, `t`, `u`, `y`: see input.ts), or a list of product ids (`p`), variant ids (`v`),
 * SKUs (`s`) or lower-case vendors (`d`). */
export type LineMatcher = "a" | "b" | "t" | "u" | "y" | ["p" | "v" | "s" | "d", ValueList] | ["k", number];
// ["k", n]: the variant has fewer than n units in stock (a line without a stock figure never matches).

/** A condition on the whole cart, in the order the admin lists them (explanations follow it). */
export type CartCheck =
  | ["f"] // first order: a guest, or a customer without orders
  | ["r"] // returning customer
  | ["b", 1 | 0] // business buyers only (1) / not business buyers (0)
  | ["ci", ValueSet] // every delivery country in the set
  | ["cx", ValueSet] // no delivery country in the set
  | ["ms", number] // minimum subtotal of eligible lines, shop currency
  | ["mq", number] // minimum quantity of eligible lines
  | ["w", number] // weekday of the shop's date in the bitmask (mon = 1 … sun = 64)
  | ["h"] // inside the hours window (Shopify answers timeBetween from the variables)
  | ["ta", number, number] // the customer has any of the customer tags at [from, to)
  | ["tl", number, number] // the customer has all of the customer tags at [from, to)
  | ["n", number]; // the customer has used this campaign fewer than n times (the guard checks it)

/** P: product discount on the eligible lines; O: order discount on their subtotal. */
export type LinesClass = "P" | "O";

export type EffectRule =
  | ["%", number, LinesClass, [number, number]?] // percentage; optionally [above, percentage]: lines with more than `above` in stock get that percentage instead
  | ["$", number, LinesClass | "E"] // fixed amount (shop currency) once, or off each item (E)
  | ["x", number, number, number, number, LineMatcher[] | null] // buy, get, percentage, max applications (0: none), buy side (null: the eligible lines)
  | ["t", "q" | "s", LinesClass, Tier[]] // tiers by quantity or subtotal, ascending
  | ["s", number, ValueSet | null]; // free shipping: rate cap (-1: none), delivery methods (null: all)

/** [from (quantity, or shop-currency amount), percentage or null, amount or null] */
export type Tier = [number, number | null, number | null];

export interface Rules {
  v: typeof RULES_VERSION;
  /** Included lines: any of these matchers (left out: every discountable line). */
  i?: LineMatcher[];
  /** Excluded lines: any of these matchers. */
  x?: LineMatcher[];
  k?: CartCheck[];
  e: EffectRule[];
  /** Maximum discount per order, shop currency. */
  cap?: number;
  /** The shopper-facing message; left out, each effect describes itself. */
  m?: string;
}
