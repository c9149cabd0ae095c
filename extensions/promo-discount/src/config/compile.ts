// Publishing compiles a campaign config into what Shopify stores on its discount: the function
// extension that backs it (profiles.ts), the rules its checkout runs read, and the variables of
// that extension's input queries. Everything that can be decided here is: validation, sets,
// classes, the customer tags to ask about, which line fields to read. The function only reads.
import { BLOCKED_TAG, RULES_VERSION } from "../checkout/rules";
import type { CartCheck, EffectRule, LineMatcher, Rules } from "../checkout/rules";
import { CART_CONDITIONS, LINE_CONDITIONS, isConfigured } from "./conditions";
import type { CartCondition, CompileContext } from "./conditions";
import { effectDefinition } from "./effects";
import { CAMPAIGN_PROFILES, DELIVERY_TARGET, LINES_TARGET, LINE_FIELDS } from "./profiles";
import type { CampaignProfile, FunctionTarget, LineField } from "./profiles";
import type { ConfigIssue } from "./schema";
import { NEUTRAL_SCHEDULE_VARIABLES } from "./types";
import type { CampaignConfig, ConditionKey, DiscountClassName } from "./types";
import { checkMetafieldSize, validateCampaignConfig } from "./validate";
import type { Validation } from "./validate";

export interface CompiledCampaign {
  /** The function extension whose discount this campaign is. */
  functionHandle: string;
  rules: Rules;
  /** The input metafield: every variable of the extension's queries. */
  variables: Record<string, unknown>;
  /** The condition behind each entry of rules.k, in order (explanations name them). */
  checkConditions: CartCondition[];
  /** The classes the Shopify discount has: exactly those of its effects. */
  discountClasses: DiscountClassName[];
  /** The function targets Shopify runs for the discount. */
  targets: FunctionTarget[];
}

/** How the merchant calls each optional line field, for the message when no extension reads them all. */
const FIELD_WORDS: Record<LineField, string> = {
  quantity: "quantities",
  price: "prices",
  variantId: "variants",
  sku: "SKUs",
  productId: "products",
  vendor: "vendors",
  includedCollections: "collections to include",
  excludedCollections: "collections to exclude",
  buyCollections: "collections of the items to buy",
  includedTags: "product tags to include",
  excludedTags: "product tags to exclude",
  stock: "stock levels",
};

function needs(config: CampaignConfig): Record<FunctionTarget, Set<LineField>> {
  const lineClasses = config.effects
    .map((effect) => effectDefinition(effect.type)!.discountClass(effect))
    .filter((discountClass) => discountClass !== "SHIPPING");
  const onlyOrderDiscounts = lineClasses.every((discountClass) => discountClass === "ORDER");
  const lines = new Set<LineField>();
  const delivery = new Set<LineField>();
  for (const condition of [...LINE_CONDITIONS, ...CART_CONDITIONS]) {
    if (!isConfigured(condition, config)) continue;
    for (const field of condition.reads) {
      delivery.add(field);
      // Shopify checks it as a condition of the order discounts: the lines need no prices for it.
      if (!(condition.scope === "cart" && condition.checkedOnOrderDiscounts && onlyOrderDiscounts)) lines.add(field);
    }
  }
  for (const effect of config.effects) {
    const definition = effectDefinition(effect.type)!;
    const target = definition.discountClass(effect) === "SHIPPING" ? delivery : lines;
    for (const field of definition.reads(effect, config)) target.add(field);
  }
  if (config.maxDiscountPerOrder !== undefined) lines.add("price");
  // A subtotal is a unit price times a quantity.
  for (const set of [lines, delivery]) if (set.has("price")) set.add("quantity");
  return { [LINES_TARGET]: lines, [DELIVERY_TARGET]: delivery } as Record<FunctionTarget, Set<LineField>>;
}

function chooseProfile(targets: FunctionTarget[], needed: Record<FunctionTarget, Set<LineField>>): CampaignProfile | ConfigIssue {
  const fits = (profile: CampaignProfile) => targets.every((target) => [...needed[target]].every((field) => profile.fields[target].includes(field)));
  const profile = CAMPAIGN_PROFILES.find(fits);
  if (profile) return profile;
  const asked = [...new Set(targets.flatMap((target) => [...needed[target]]))].filter((field) => field !== "quantity" && field !== "price");
  const words = asked.map((field) => FIELD_WORDS[field]);
  const shipping = targets.includes(DELIVERY_TARGET) ? " with free shipping" : "";
  return {
    path: "",
    message:
      words.length > 1
        ? `Shopify can't check ${words.slice(0, -1).join(", ")} and ${words[words.length - 1]} together in one discount${shipping}. Remove one of them (for example, choose a collection instead of a list of products).`
        : `Shopify can't check ${words[0] ?? "these product conditions"} in one discount${shipping}. Offer it as a separate campaign, or choose a collection instead.`,
  };
}

function variablesFor(
  profile: CampaignProfile,
  config: CampaignConfig,
  targets: FunctionTarget[],
  needed: Record<FunctionTarget, Set<LineField>>,
  context: CompileContext,
): Record<string, unknown> {
  const record = config as unknown as Record<string, unknown>;
  const variables: Record<string, unknown> = {
    customerTags: context.customerTags,
    hoursFrom: config.hoursFrom ?? NEUTRAL_SCHEDULE_VARIABLES.hoursFrom,
    hoursUntil: config.hoursUntil ?? NEUTRAL_SCHEDULE_VARIABLES.hoursUntil,
  };
  const fields = new Set([...profile.fields[LINES_TARGET], ...profile.fields[DELIVERY_TARGET]]);
  for (const field of fields) {
    const spec = LINE_FIELDS[field];
    if ("variable" in spec) variables[spec.variable] = (record[spec.variable] as string[] | undefined) ?? [];
    variables[spec.flag] = targets.some((target) => needed[target].has(field));
  }
  return variables;
}

/** Validates the config and compiles it for Shopify; every issue names the config key it is about. */
export function compileCampaign(value: unknown): Validation<CompiledCampaign> {
  const validation = validateCampaignConfig(value);
  if (!validation.ok) return validation;
  const config = validation.value;

  const context: CompileContext = { customerTags: [BLOCKED_TAG] };
  const include: LineMatcher[] = [];
  const exclude: LineMatcher[] = [];
  for (const condition of LINE_CONDITIONS) {
    if (isConfigured(condition, config)) (condition.mode === "include" ? include : exclude).push(condition.matcher(config));
  }
  // Flags Shopify answered cost one property read per line; sets a lookup by id: flags first.
  const flagsFirst = (a: LineMatcher, b: LineMatcher) => Number(typeof b === "string") - Number(typeof a === "string");
  include.sort(flagsFirst);
  exclude.sort(flagsFirst);
  const checks: CartCheck[] = [];
  const checkConditions: CartCondition[] = [];
  for (const condition of CART_CONDITIONS) {
    if (!isConfigured(condition, config)) continue;
    const check = condition.compile(config, context);
    if (check === null) continue;
    checks.push(check);
    checkConditions.push(condition);
  }
  const effects: EffectRule[] = config.effects.map((effect) => effectDefinition(effect.type)!.compile(effect, config));
  const discountClasses = config.effects.map((effect) => effectDefinition(effect.type)!.discountClass(effect));
  const targets: FunctionTarget[] = [];
  if (discountClasses.some((discountClass) => discountClass !== "SHIPPING")) targets.push(LINES_TARGET);
  if (discountClasses.includes("SHIPPING")) targets.push(DELIVERY_TARGET);

  const needed = needs(config);
  const profile = chooseProfile(targets, needed);
  if (!("handle" in profile)) return { ok: false, issues: [profile] };

  const rules: Rules = { v: RULES_VERSION, e: effects };
  if (include.length > 0) rules.i = include;
  if (exclude.length > 0) rules.x = exclude;
  if (checks.length > 0) rules.k = checks;
  if (config.maxDiscountPerOrder !== undefined) rules.cap = Number(config.maxDiscountPerOrder);
  if (config.message !== undefined) rules.m = config.message;
  const variables = variablesFor(profile, config, targets, needed, context);

  const sizeIssues = [...checkMetafieldSize(rules, "The campaign's rules"), ...checkMetafieldSize(variables, "The campaign's collections and tags")];
  if (sizeIssues.length > 0) return { ok: false, issues: sizeIssues };
  return { ok: true, value: { functionHandle: profile.handle, rules, variables, checkConditions, discountClasses, targets } };
}

/** The config keys whose values Shopify reads as input-query variables. */
export const QUERY_VARIABLE_KEYS: readonly ConditionKey[] = [...LINE_CONDITIONS, ...CART_CONDITIONS].flatMap((condition) => condition.queryVariables);
