// The two targets' runs, before the safety wrapper: read the discount's config, then either
// enforce the stacking policy (guard) or evaluate the campaign for the classes the discount has.
import type { CampaignConfig, DiscountClassName } from "../config/types";
import { validateDiscountConfig } from "../config/validate";
import type { RunInput } from "../input";
import type { CartLinesDiscountsGenerateRunResult, CartDeliveryOptionsDiscountsGenerateRunResult } from "../output";
import { capLinesIntents, evaluateCampaign, isDeliveryIntent, isLinesIntent, orderCap } from "./campaign";
import { WHOLE_CART, buildCartFacts, wholeCartView } from "./cart-facts";
import { cartOperations, deliveryOperations, rejectOperations } from "./operations";
import { readCatalogue, resolveStacking } from "./stacking";

type ReadConfig = { kind: "campaign"; config: CampaignConfig } | { kind: "guard" } | { kind: "none" };

function readConfig(input: RunInput): ReadConfig {
  const raw = input.discount.config?.jsonValue;
  if (raw === undefined || raw === null) return { kind: "none" };
  const result = validateDiscountConfig(raw);
  if (!result.ok) {
    const [first] = result.issues;
    console.error(`PromoGuard: config ignored: ${first.path || "config"} ${first.message}${result.issues.length > 1 ? ` (+${result.issues.length - 1} more)` : ""}`);
    return { kind: "none" };
  }
  return result.value.kind === "guard" ? { kind: "guard" } : { kind: "campaign", config: result.value };
}

const LINE_CLASSES: readonly DiscountClassName[] = ["PRODUCT", "ORDER"];

export function runCartLines(input: RunInput): CartLinesDiscountsGenerateRunResult {
  const read = readConfig(input);
  if (read.kind === "guard") return { operations: guardOperations(input) };
  if (read.kind === "none") return { operations: [] };
  const classes = LINE_CLASSES.filter((discountClass) => input.discount.discountClasses.includes(discountClass));
  if (classes.length === 0) return { operations: [] };
  const evaluation = evaluateCampaign(read.config, input, classes);
  if (evaluation.reasons.length > 0) return { operations: [] };
  const intents = capLinesIntents(evaluation.intents.filter(isLinesIntent), orderCap(read.config, evaluation.facts));
  return { operations: cartOperations(intents, evaluation.facts) };
}

export function runDeliveryOptions(input: RunInput): CartDeliveryOptionsDiscountsGenerateRunResult {
  const read = readConfig(input);
  // The guard rejects codes once, from the cart-lines target.
  if (read.kind !== "campaign" || !input.discount.discountClasses.includes("SHIPPING")) return { operations: [] };
  const evaluation = evaluateCampaign(read.config, input, ["SHIPPING"]);
  if (evaluation.reasons.length > 0) return { operations: [] };
  const cap = orderCap(read.config, evaluation.facts);
  return { operations: deliveryOperations(evaluation.intents.filter(isDeliveryIntent), cap, evaluation.facts.currency) };
}

function guardOperations(input: RunInput) {
  if (input.enteredDiscountCodes.length === 0) return [];
  const catalogue = readCatalogue(input);
  if (catalogue === null) return [];
  const cart = wholeCartView(buildCartFacts(input, WHOLE_CART));
  return rejectOperations(resolveStacking(input.enteredDiscountCodes, catalogue, cart).rejected);
}
