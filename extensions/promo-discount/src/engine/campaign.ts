// Evaluates one campaign against one cart: conditions first, then the effects of the discount
// classes being asked for, then the per-order cap. The same evaluation answers the admin's
// "why did this code not apply" (explainCampaign) and produces the function's intents.
import { CART_CONDITIONS, isConfigured } from "../config/conditions";
import { effectDefinition } from "../config/effects";
import type { EffectDefinition } from "../config/effects";
import type { CartFacts } from "../config/facts";
import type { DeliveryIntent, DiscountIntent, LinesIntent } from "../config/intents";
import type { CampaignConfig, DiscountClassName, Effect } from "../config/types";
import type { RunInput } from "../input";
import { convertShopAmount } from "../money";
import { buildCartFacts, compileLineScope, wholeCartView } from "./cart-facts";
import { readCatalogue, resolveStacking, sameCode } from "./stacking";

export interface Reason {
  /** The condition or effect that did not hold. */
  source: string;
  message: string;
}

export interface PricedIntent<I extends DiscountIntent = DiscountIntent> {
  intent: I;
  message: string;
}

export interface CampaignEvaluation {
  facts: CartFacts;
  /** Empty when the campaign applies. */
  reasons: Reason[];
  intents: PricedIntent[];
}

const DEFAULT_SUBJECT = "This offer";

function definitionOf(effect: Effect): EffectDefinition {
  const definition = effectDefinition(effect.type);
  // Unreachable for validated configs; a clear message if someone skips validation.
  if (definition === undefined) throw new Error(`Unknown effect type "${effect.type}"`);
  return definition;
}

/** Evaluates a validated campaign config for the given discount classes. */
export function evaluateCampaign(config: CampaignConfig, input: RunInput, classes: readonly DiscountClassName[]): CampaignEvaluation {
  const subject = input.triggeringDiscountCode ?? DEFAULT_SUBJECT;
  const effects = config.effects.filter((effect) => classes.includes(definitionOf(effect).discountClass(effect)));
  const facts = buildCartFacts(input, compileLineScope(config));
  const evaluation: CampaignEvaluation = { facts, reasons: [], intents: [] };
  if (effects.length === 0) return evaluation;

  // A customer the merchant blocked for fraud gets no campaign discount, whatever else holds.
  if (input.cart.buyerIdentity?.customer?.promoguardBlocked === true) {
    evaluation.reasons.push({ source: "blocked", message: `${subject} isn't available for this account` });
    return evaluation;
  }
  const stackingRefusal = stackingRefusalOfTriggeringCode(input, facts);
  if (stackingRefusal) evaluation.reasons.push({ source: "stacking", message: stackingRefusal });
  for (const condition of CART_CONDITIONS) {
    if (isConfigured(condition, config) && !condition.test(facts, config)) {
      evaluation.reasons.push({ source: condition.name, message: condition.explain(config, facts, subject) });
    }
  }
  if (facts.eligibleLines.length === 0) {
    evaluation.reasons.push({ source: "products", message: `${subject} doesn't apply to the items in your cart` });
  }
  if (evaluation.reasons.length > 0) return evaluation;

  for (const effect of effects) {
    const definition = definitionOf(effect);
    const intent = definition.apply(effect, facts, config);
    if (intent === null) evaluation.reasons.push({ source: effect.type, message: definition.explainMiss(effect, facts, subject) });
    else evaluation.intents.push({ intent, message: config.message ?? definition.describe(effect, facts) });
  }
  return evaluation;
}

/** Only when other codes are entered can the policy turn this campaign's own code away. */
function stackingRefusalOfTriggeringCode(input: RunInput, facts: CartFacts): string | null {
  const code = input.triggeringDiscountCode;
  if (code === null || input.enteredDiscountCodes.length < 2) return null;
  const catalogue = readCatalogue(input);
  if (catalogue === null) return null;
  const decision = resolveStacking(input.enteredDiscountCodes, catalogue, wholeCartView(facts));
  return decision.rejected.find((rejection) => sameCode(rejection.code, code))?.message ?? null;
}

/** The cap in cart currency, or Infinity when the campaign has none. */
export function orderCap(config: CampaignConfig, facts: CartFacts): number {
  return config.maxDiscountPerOrder === undefined
    ? Number.POSITIVE_INFINITY
    : convertShopAmount(config.maxDiscountPerOrder, facts.rate, facts.currency);
}

/**
 * Product and order discounts share the cap in effect order: an intent that would pass it is
 * turned into a fixed amount of what is left, spread by Shopify over the same targets.
 */
export function capLinesIntents(intents: PricedIntent<LinesIntent>[], cap: number): PricedIntent<LinesIntent>[] {
  let remaining = cap;
  const capped: PricedIntent<LinesIntent>[] = [];
  for (const priced of intents) {
    if (remaining <= 0) break;
    const { intent } = priced;
    if (intent.amount <= remaining) {
      capped.push(priced);
      remaining -= intent.amount;
      continue;
    }
    capped.push({ ...priced, intent: { ...intent, value: { kind: "fixedAmount", amount: remaining, appliesToEachItem: false }, amount: remaining } });
    remaining = 0;
  }
  return capped;
}

export function isLinesIntent(priced: PricedIntent): priced is PricedIntent<LinesIntent> {
  return priced.intent.discountClass !== "SHIPPING";
}

export function isDeliveryIntent(priced: PricedIntent): priced is PricedIntent<DeliveryIntent> {
  return priced.intent.discountClass === "SHIPPING";
}

/**
 * For the admin app and the cart simulator: every reason the campaign gives no discount on this
 * cart (all discount classes), or an empty list when it applies.
 */
export function explainCampaign(config: CampaignConfig, input: RunInput): string[] {
  return evaluateCampaign(config, input, ["PRODUCT", "ORDER", "SHIPPING"]).reasons.map((reason) => reason.message);
}
