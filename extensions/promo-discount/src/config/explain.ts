// For the admin app and the cart simulator: every reason a campaign gives no discount on a cart,
// in the shopper's words, from the same evaluation the function runs (../checkout) and the
// sentences each definition owns.
import { deliveryOptions, evaluate } from "../checkout/campaign";
import type { CartFacts } from "../checkout/cart";
import { freeOptions, linesDiscounts } from "../checkout/effects";
import type { CampaignInput } from "../checkout/input";
import { compileCampaign } from "./compile";
import { effectDefinition } from "./effects";
import type { CampaignConfig } from "./types";

export interface Reason {
  /** The condition or effect that did not hold. */
  source: string;
  message: string;
}

/** Every reason the campaign gives nothing on the cart the input describes; empty when it applies. */
export function campaignReasons(config: CampaignConfig, input: CampaignInput, subject = "This offer"): Reason[] {
  const compiled = compileCampaign(config);
  if (!compiled.ok) return [{ source: "config", message: `${subject} can't be checked: ${compiled.issues[0].message}` }];
  const { rules, checkConditions } = compiled.value;
  const evaluation = evaluate(rules, input, true);
  if (evaluation.blocked) return [{ source: "blocked", message: `${subject} isn't available for this account` }];
  const reasons: Reason[] = evaluation.failed.map((index) => ({
    source: checkConditions[index].name,
    message: checkConditions[index].explain(config, evaluation.checks!, subject),
  }));
  if (evaluation.noLines) reasons.push({ source: "products", message: `${subject} doesn't apply to the items in your cart` });
  if (reasons.length > 0) return reasons;

  const cart = evaluation.cart as CartFacts;
  const { options, methods } = deliveryOptions(input, cart.cur);
  config.effects.forEach((effect, index) => {
    const definition = effectDefinition(effect.type)!;
    const rule = rules.e[index];
    const gives = definition.discountClass(effect) === "SHIPPING"
      ? freeOptions(rule, options, methods, cart).length > 0
      : linesDiscounts(rule, cart, input.c.l).length > 0;
    if (!gives) reasons.push({ source: effect.type, message: definition.explainMiss(effect, cart, subject) });
  });
  return reasons;
}

/** The reasons' messages, for the "why did this code not apply" view. */
export function explainCampaign(config: CampaignConfig, input: CampaignInput, subject?: string): string[] {
  return campaignReasons(config, input, subject).map((reason) => reason.message);
}
