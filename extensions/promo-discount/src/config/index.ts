// The shared config module (`promo-discount/config`): the rule vocabulary's registry, argument
// schemas, validation and explanations, imported by the admin app and evaluated by the function.
export * from "./types";
export type { ArgKind, ArgSchema, ConfigIssue } from "./schema";
export { CONDITIONS, LINE_CONDITIONS, CART_CONDITIONS, isConfigured } from "./conditions";
export type { CartCondition, ConditionDefinition, ConditionGroup, LineCondition } from "./conditions";
export { EFFECTS, effectDefinition } from "./effects";
export type { EffectDefinition } from "./effects";
export type { CartFacts, CustomerFacts, DeliveryOptionFacts, LineFacts, LocalTimeFacts } from "./facts";
export { checkMetafieldSize, toMetafieldValue, validateCampaignConfig, validateDiscountConfig, validateForPublishing } from "./validate";
export type { Validation } from "./validate";
export { GUARDABLE_CONDITIONS, catalogueEntryIssues, findCampaign, indexCatalogue, toCatalogueEntry, validateCatalogue } from "./catalogue";
export type {
  CatalogueCampaign, CatalogueEntry, CatalogueIndex, CatalogueRules, SelectionRule, StackingCatalogue,
  StackingCategory, UnlistedCodePolicy,
} from "./catalogue";
export { explainCampaign } from "../engine/campaign";
