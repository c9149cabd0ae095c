// The rule vocabulary's admin side (`promo-discount/config`): registry, argument schemas,
// validation, compilation for Shopify and explanations. The admin app imports it; the function
// bundles only ../checkout.
export * from "./types";
export type { ArgKind, ArgSchema, ConfigIssue } from "./schema";
export { CONDITIONS, LINE_CONDITIONS, CART_CONDITIONS, isConfigured } from "./conditions";
export type { CartCondition, ConditionDefinition, ConditionGroup, LineCondition } from "./conditions";
export { EFFECTS, effectDefinition } from "./effects";
export type { EffectDefinition, ItemDepth, MoneyWords, SpendLevel } from "./effects";
export { checkMetafieldSize, configKeySchema, validateCampaignConfig } from "./validate";
export type { Validation } from "./validate";
export { compileCampaign, QUERY_VARIABLE_KEYS } from "./compile";
export type { CompiledCampaign } from "./compile";
export { CAMPAIGN_PROFILES, GUARD_HANDLE, LINE_FIELDS, MEMBERSHIP_FLAGS } from "./profiles";
export type { CampaignProfile, FunctionTarget } from "./profiles";
export {
  CATALOGUE_ENTRY_FIELDS,
  GUARDABLE_CONDITIONS,
  catalogueEntryIssues,
  customerUsesKey,
  compileCatalogue,
  describeCatalogue,
  toCatalogueEntry,
  validateCatalogue,
} from "./catalogue";
export type { CatalogueCampaign, CatalogueEntry, CatalogueRules, SelectionRule, StackingCatalogue, StackingCategory, UnlistedCodePolicy } from "./catalogue";
export { campaignReasons, explainCampaign, explanationInput, explanationVariables, lineNotes } from "./explain";
export type { Reason } from "./explain";
export { CUSTOMER_USES_KEY, METAFIELD_NAMESPACE, RULES_KEY, STACKING_CATALOGUE_KEY, STOCK_KEY, VARIABLES_KEY } from "../checkout/rules";
