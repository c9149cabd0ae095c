// For the admin app and the cart simulator: every reason a campaign gives no discount on a cart,
// in the shopper's words, from the same evaluation the function runs (../checkout) and the
// sentences each definition owns.
import { deliveryOptions, evaluate } from "../checkout/campaign";
import { inScope, scopeOf, stockOf } from "../checkout/cart";
import type { CartFacts } from "../checkout/cart";
import { freeOptions, linesDiscounts } from "../checkout/effects";
import type { CampaignInput } from "../checkout/input";
import { compileCampaign } from "./compile";
import { LINE_CONDITIONS, isConfigured } from "./conditions";
import { effectDefinition } from "./effects";
import { LINE_FIELDS } from "./profiles";
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
    const gives =
      definition.discountClass(effect) === "SHIPPING" ? freeOptions(rule, options, methods, cart).length > 0 : linesDiscounts(rule, cart, input.c.l).length > 0;
    if (!gives) reasons.push({ source: effect.type, message: definition.explainMiss(effect, cart, subject) });
  });
  return reasons;
}

/** The reasons' messages, for the "why did this code not apply" view. */
export function explainCampaign(config: CampaignConfig, input: CampaignInput, subject?: string): string[] {
  return campaignReasons(config, input, subject).map((reason) => reason.message);
}

/**
 * The input variables to explain with: the published ones, also reading quantities and prices.
 * A campaign whose minimum Shopify checks on its order discounts need not read prices at
 * checkout, but "add $12.50 more" needs them; every campaign query can read both.
 */
export function explanationVariables(variables: Record<string, unknown>): Record<string, unknown> {
  return { ...variables, [LINE_FIELDS.quantity.flag]: true, [LINE_FIELDS.price.flag]: true };
}

/** One input to explain a campaign with: the lines target's (line ids, prices), with the delivery
 * options only the delivery target's input holds. */
export function explanationInput(lines: CampaignInput, delivery: CampaignInput | null): CampaignInput {
  if (delivery === null) return lines;
  return { ...lines, c: { ...lines.c, g: lines.c.g.map((group, index) => ({ ...group, o: delivery.c.g[index]?.o })) } };
}

/**
 * What the campaign does with each line, where that needs saying: the items it leaves out (gift
 * cards, items it doesn't cover, exclusions, too little stock) and the overstocked items it takes
 * more off. Keyed by cart line id; lines with nothing to say are left out.
 */
export function lineNotes(config: CampaignConfig, input: CampaignInput, subject = "This offer"): Record<string, string[]> {
  const compiled = compileCampaign(config);
  if (!compiled.ok) return {};
  const { rules } = compiled.value;
  const lines = input.c.l;
  const configured = LINE_CONDITIONS.filter((condition) => isConfigured(condition, config));
  const inclusions = configured.filter((condition) => condition.mode === "include").map((condition) => condition.matcher(config));
  const exclusions = configured.filter((condition) => condition.mode === "exclude");
  const overstock = rules.e.find((effect) => effect[0] === "%" && effect[2] === "P" && effect[3] !== undefined) as
    ["%", number, "P", [number, number]] | undefined;
  const notes: Record<string, string[]> = {};
  for (const line of lines) {
    const product = line.m.p;
    if (typeof line.i !== "string" || product === undefined) continue;
    const said: string[] = [];
    const matches = (matchers: Parameters<typeof scopeOf>[0]) => inScope(scopeOf(matchers, lines.length), line, product);
    if (product.g) said.push(`${subject} never discounts gift cards`);
    else if (inclusions.length > 0 && !matches(inclusions)) said.push(`${subject} doesn't cover this item`);
    else {
      for (const condition of exclusions) {
        const matcher = condition.matcher(config);
        if (!matches([matcher])) continue;
        said.push(
          Array.isArray(matcher) && matcher[0] === "k"
            ? `${subject} leaves this item out: only ${stockOf(line)} in stock, fewer than ${matcher[1]}`
            : `${subject} leaves this item out: ${condition.label.toLowerCase()}`,
        );
      }
      const stock = stockOf(line);
      if (said.length === 0 && overstock !== undefined && stock !== null && stock > overstock[3][0]) {
        said.push(`${subject} takes ${overstock[3][1]}% off this item instead of ${overstock[1]}%: ${stock} in stock, more than ${overstock[3][0]}`);
      }
    }
    if (said.length > 0) notes[line.i] = said;
  }
  return notes;
}
