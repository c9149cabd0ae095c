// The checkout evaluator for callers outside the functions (the admin's cart simulator, the
// emulator, tests): the same code the functions bundle.
export { evaluate, readRules, runCampaignDelivery, runCampaignLines } from "./campaign";
export type { Evaluation } from "./campaign";
export { runGuard, resolveStacking } from "./guard";
export type { CompiledCatalogue, RejectedCode, StackingDecision } from "./guard";
export { readCart } from "./cart";
export type { CampaignInput, GuardInput, LineInput } from "./input";
export type { Rules } from "./rules";
