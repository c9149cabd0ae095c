// A campaign's two runs. Each reads its compiled rules, checks the cart-wide conditions first
// (cheap, and most refusals happen there), then reads the lines once, then lets its effects
// decide. Any unexpected input throws inside and ends as "no discount" (see safety.ts).
import { readCart } from "./cart";
import type { CartFacts } from "./cart";
import { passes } from "./checks";
import type { CheckFacts } from "./checks";
import { freeOptions, linesDiscounts } from "./effects";
import type { DeliveryOptionFacts, LinesDiscount } from "./effects";
import type { CampaignInput } from "./input";
import { UnexpectedInputError, convertShopAmount, formatDecimal, toMinorUnits } from "./money";
import type { Currency } from "./money";
import type {
  CartDeliveryOptionsDiscountsGenerateRunResult,
  CartLinesDiscountsGenerateRunResult,
  CartOperation,
  DeliveryDiscountCandidateOutput,
  OrderDiscountCandidateOutput,
  ValueOutput,
} from "./output";
import { BLOCKED_TAG, RULES_VERSION } from "./rules";
import type { Rules } from "./rules";

/** The rules from the discount's metafield: the version and the one thing every run touches. */
export function readRules(input: CampaignInput): Rules | null {
  const rules = input.d.r?.j as Rules | undefined;
  if (rules === undefined || rules === null) return null;
  if (typeof rules !== "object" || rules.v !== RULES_VERSION) {
    throw new UnexpectedInputError(
      `rules of version ${JSON.stringify((rules as { v?: unknown } | null)?.v)} are not understood (this function reads version ${RULES_VERSION})`,
    );
  }
  if (!Array.isArray(rules.e)) throw new UnexpectedInputError("the rules list no effects");
  return rules;
}

function deliveryCountries(input: CampaignInput): string[] {
  const countries: string[] = [];
  for (const group of input.c.g) {
    const country = group.a?.c;
    if (country && countries.indexOf(country) < 0) countries.push(country);
  }
  // Before the buyer gives an address, the country they are shopping from is the best guess.
  if (countries.length === 0) countries.push(input.l.c.i);
  return countries;
}

/** The cart-wide facts; the subtotal and quantity are the eligible lines', filled in by the caller. */
export function checkFacts(input: CampaignInput, cur: Currency, rate: number): CheckFacts {
  const buyer = input.c.b;
  const customer = buyer?.c ?? null;
  return {
    cur,
    rate,
    orders: customer === null ? null : customer.n,
    business: buyer?.p != null,
    countries: deliveryCountries(input),
    date: input.s.t.d,
    withinHours: input.s.t.h,
    tags: customer === null ? [] : customer.t,
    subtotal: 0,
    quantity: 0,
    uses: 0,
  };
}

/** A customer the merchant blocked for fraud gets no campaign discount, whatever else holds. The
 * query asks about the blocked tag first; an answer that does not is not the query we wrote. */
export function isBlocked(input: CampaignInput): boolean {
  const customer = input.c.b?.c;
  if (customer == null) return false;
  const first = customer.t[0];
  if (first === undefined || first.t !== BLOCKED_TAG) throw new UnexpectedInputError(`the customer tags do not start with ${BLOCKED_TAG}`);
  return first.h === true;
}

export interface Evaluation {
  cart: CartFacts | null;
  checks: CheckFacts | null;
  /** Indexes into rules.k of the checks the cart fails (all of them when explaining, else the first). */
  failed: number[];
  blocked: boolean;
  /** No line is in the campaign's scope. */
  noLines: boolean;
  /** A minimum subtotal left to Shopify (shop currency): the rules read no prices. */
  minimum: number | null;
}

/** The conditions of a campaign on this cart. `explain` collects every failure; a checkout run stops at the first. */
export function evaluate(rules: Rules, input: CampaignInput, explain: boolean): Evaluation {
  const evaluation: Evaluation = { cart: null, checks: null, failed: [], blocked: isBlocked(input), noLines: false, minimum: null };
  if (evaluation.blocked && !explain) return evaluation;
  const cart = readCart(input, rules, explain);
  const checks = checkFacts(input, cart.cur, cart.rate);
  checks.subtotal = cart.eligibleSubtotal;
  checks.quantity = cart.eligibleQuantity;
  // The shop's date is validated on every run, used or not: a date that is none means the input is not ours.
  if (!/^\d{4}-\d\d-\d\d$/.test(checks.date)) throw new UnexpectedInputError(`shop.localTime.date "${checks.date}" is not a date`);
  evaluation.cart = cart;
  evaluation.checks = checks;
  const list = rules.k ?? [];
  for (let index = 0; index < list.length; index++) {
    const check = list[index];
    if (check[0] === "ms" && cart.eligibleSubtotal < 0) {
      evaluation.minimum = check[1];
      continue;
    }
    if (passes(check, checks)) continue;
    evaluation.failed.push(index);
    if (!explain) return evaluation;
  }
  evaluation.noLines = cart.eligible.length === 0;
  return evaluation;
}

function holds(evaluation: Evaluation): evaluation is Evaluation & { cart: CartFacts } {
  return !evaluation.blocked && evaluation.failed.length === 0 && !evaluation.noLines && evaluation.cart !== null;
}

/** What leaves the function is checked on the way out, so damaged rules can never make an output
 * Shopify refuses: a percentage in (0, 100], amounts as exact Decimals, messages as text. */
function percentageOutput(percentage: number): { percentage: { value: string } } {
  if (!(typeof percentage === "number" && percentage > 0 && percentage <= 100)) throw new UnexpectedInputError(`${String(percentage)} is not a percentage`);
  return { percentage: { value: String(percentage) } };
}

function text(message: unknown): string {
  if (typeof message !== "string") throw new UnexpectedInputError("a message is not text");
  return message;
}

function decimal(amount: unknown): string {
  if (!(typeof amount === "number" && amount >= 0 && amount <= 1e12)) throw new UnexpectedInputError(`${String(amount)} is not an amount`);
  return String(amount);
}

function valueOutput(discount: LinesDiscount, cur: Currency): ValueOutput {
  const value = discount.value;
  if (value.kind === "%") return percentageOutput(value.percentage);
  const amount = formatDecimal(value.amount, cur);
  // Only product discounts apply a fixed amount per item; the field exists only on their value type.
  return { fixedAmount: value.each ? { amount, appliesToEachItem: true } : { amount } };
}

/**
 * Product and order discounts share the per-order cap in effect order: a discount that would pass
 * it becomes a fixed amount of what is left, spread by Shopify over the same targets.
 */
export function capDiscounts(discounts: LinesDiscount[], cap: number): LinesDiscount[] {
  let remaining = cap;
  const capped: LinesDiscount[] = [];
  for (const discount of discounts) {
    if (remaining <= 0) break;
    if (discount.worth <= remaining) {
      capped.push(discount);
      remaining -= discount.worth;
      continue;
    }
    capped.push({ ...discount, value: { kind: "$", amount: remaining, each: false }, worth: remaining });
    remaining = 0;
  }
  return capped;
}

/** The discounts the campaign's line effects give, capped; empty when a condition fails. */
export function campaignLinesDiscounts(rules: Rules, input: CampaignInput, evaluation: Evaluation): LinesDiscount[] {
  if (!holds(evaluation)) return [];
  const discounts: LinesDiscount[] = [];
  for (const effect of rules.e) discounts.push(...linesDiscounts(effect, evaluation.cart, input.c.l));
  return rules.cap === undefined ? discounts : capDiscounts(discounts, convertShopAmount(rules.cap, evaluation.cart.rate, evaluation.cart.cur));
}

/** An order discount candidate; the minimums Shopify checks become its conditions (all must hold). */
function orderCandidate(
  discount: LinesDiscount,
  excluded: string[],
  cur: Currency,
  message: string | undefined,
  campaignMinimum: number | null,
): OrderDiscountCandidateOutput {
  const candidate: OrderDiscountCandidateOutput = {
    targets: [{ orderSubtotal: { excludedCartLineIds: excluded } }],
    value: valueOutput(discount, cur) as OrderDiscountCandidateOutput["value"],
    message: text(message ?? discount.description),
  };
  const minimums: string[] = [];
  for (const minimum of [discount.minimum, campaignMinimum]) {
    const amount = minimum == null ? null : decimal(minimum);
    if (amount !== null && minimums.indexOf(amount) < 0) minimums.push(amount);
  }
  if (minimums.length > 0) candidate.conditions = minimums.map((minimumAmount) => ({ orderMinimumSubtotal: { excludedCartLineIds: excluded, minimumAmount } }));
  return candidate;
}

export function runCampaignLines(input: CampaignInput): CartLinesDiscountsGenerateRunResult {
  const rules = readRules(input);
  if (rules === null) return { operations: [] };
  const evaluation = evaluate(rules, input, false);
  const operations: CartOperation[] = [];
  for (const discount of campaignLinesDiscounts(rules, input, evaluation)) {
    const cur = (evaluation.cart as CartFacts).cur;
    const message = text(rules.m ?? discount.description);
    const value = valueOutput(discount, cur);
    if (discount.cls === "P") {
      const candidate =
        discount.prerequisites.length > 0
          ? { targets: discount.targets, value, message, prerequisites: discount.prerequisites }
          : { targets: discount.targets, value, message };
      operations.push({ productDiscountsAdd: { candidates: [candidate], selectionStrategy: "FIRST" } });
    } else {
      const excluded = (evaluation.cart as CartFacts).ineligibleIds;
      for (let k = 0; k < excluded.length; k++) if (typeof excluded[k] !== "string") throw new UnexpectedInputError("a cart line id is not a string");
      const candidates = (discount.tiers ?? [discount]).map((tier) => orderCandidate(tier, excluded, cur, rules.m, evaluation.minimum));
      operations.push({ orderDiscountsAdd: { candidates, selectionStrategy: "FIRST" } });
    }
  }
  return { operations };
}

/** The delivery options of the cart, with their methods in a parallel list. */
export function deliveryOptions(input: CampaignInput, cur: Currency): { options: DeliveryOptionFacts[]; methods: string[] } {
  const options: DeliveryOptionFacts[] = [];
  const methods: string[] = [];
  for (const group of input.c.g) {
    for (const option of group.o ?? []) {
      if (typeof option.h !== "string" || option.h === "") throw new UnexpectedInputError("a delivery option handle is not a string");
      options.push({ handle: option.h, cost: toMinorUnits(option.c.a, cur) });
      methods.push(option.t);
    }
  }
  return { options, methods };
}

export function runCampaignDelivery(input: CampaignInput): CartDeliveryOptionsDiscountsGenerateRunResult {
  const rules = readRules(input);
  if (rules === null) return { operations: [] };
  const shipping = rules.e.find((effect) => effect[0] === "s");
  if (shipping === undefined) return { operations: [] };
  const evaluation = evaluate(rules, input, false);
  if (!holds(evaluation)) return { operations: [] };
  const { cur, rate } = evaluation.cart;
  const { options, methods } = deliveryOptions(input, cur);
  const free = freeOptions(shipping, options, methods, evaluation.cart);
  if (free.length === 0) return { operations: [] };
  // Options within the cap are free; dearer ones get the cap off (the buyer picks one option per group).
  const cap = rules.cap === undefined ? Number.POSITIVE_INFINITY : convertShopAmount(rules.cap, rate, cur);
  const message = text(rules.m ?? "Free shipping");
  const candidates: DeliveryDiscountCandidateOutput[] = [];
  const within = free.filter((option) => option.cost <= cap);
  const above = free.filter((option) => option.cost > cap);
  if (within.length > 0)
    candidates.push({ targets: within.map(({ handle }) => ({ deliveryOption: { handle } })), value: { percentage: { value: "100" } }, message });
  if (above.length > 0 && cap > 0)
    candidates.push({
      targets: above.map(({ handle }) => ({ deliveryOption: { handle } })),
      value: { fixedAmount: { amount: formatDecimal(cap, cur) } },
      message,
    });
  return candidates.length === 0 ? { operations: [] } : { operations: [{ deliveryDiscountsAdd: { candidates, selectionStrategy: "ALL" } }] };
}
