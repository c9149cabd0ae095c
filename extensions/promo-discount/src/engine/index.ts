// The rule engine for callers outside the function (cart simulator, emulator): the same
// evaluation the function runs, with the intermediate results exposed.
export { evaluateCampaign, explainCampaign, capLinesIntents, orderCap } from "./campaign";
export type { CampaignEvaluation, PricedIntent, Reason } from "./campaign";
export { buildCartFacts, compileLineScope, wholeCartView, WHOLE_CART } from "./cart-facts";
export { resolveStacking, readCatalogue, estimatedValue } from "./stacking";
export type { RejectedCode, StackingDecision } from "./stacking";
export { runCartLines, runDeliveryOptions } from "./runs";
export type { RunInput } from "../input";
