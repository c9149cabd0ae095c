// One validator for the campaign config, driven by the condition and effect registries. The admin
// app runs it when a campaign is saved and again when it is compiled for publishing; the function
// never sees the config, only the compiled rules.
import { CONDITIONS, MAX_QUERY_LIST_ENTRIES } from "./conditions";
import { effectDefinition } from "./effects";
import { gid, joinPath, list, literal, money, optional, text } from "./schema";
import type { ArgSchema, ConfigIssue } from "./schema";
import { CONFIG_VERSION, METAFIELD_VALUE_LIMIT_BYTES } from "./types";
import type { CampaignConfig, DiscountClassName } from "./types";

export type Validation<T> = { ok: true; value: T } | { ok: false; issues: ConfigIssue[] };

const MAX_EFFECTS = 3;
const CHOOSE_TYPE = "Choose a discount type.";
const CLASS_WORDS: Readonly<Record<DiscountClassName, string>> = { PRODUCT: "items", ORDER: "the order", SHIPPING: "shipping" };

const CAMPAIGN_FIELDS: Readonly<Record<string, ArgSchema<unknown>>> = {
  kind: optional(literal("campaign")),
  message: optional(text(255)),
  maxDiscountPerOrder: optional(money()),
  buyCollectionIds: optional(list(gid("Collection"), { min: 1, max: MAX_QUERY_LIST_ENTRIES })),
};

const KNOWN_CAMPAIGN_KEYS = new Set<string>(["version", "effects", ...Object.keys(CAMPAIGN_FIELDS), ...CONDITIONS.flatMap((condition) => condition.keys)]);

const CONDITION_KEY_SCHEMAS = new Map<string, ArgSchema<unknown>>(
  CONDITIONS.flatMap((condition) => condition.keys.map((key) => [key, condition.args[key] as ArgSchema<unknown>] as const)),
);

/**
 * The schema of a top-level config key (a campaign field or a condition's argument), or undefined
 * for a key the config does not have. Lets the admin app find values by kind (amounts, Shopify
 * ids, shop-local dates) where the vocabulary declares them, instead of listing them again.
 */
export function configKeySchema(key: string): ArgSchema<unknown> | undefined {
  return CAMPAIGN_FIELDS[key] ?? CONDITION_KEY_SCHEMAS.get(key);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function versionIssue(record: Record<string, unknown>): ConfigIssue | null {
  if (record.version === CONFIG_VERSION) return null;
  return {
    path: "version",
    message:
      record.version === undefined
        ? "The campaign's rules couldn't be read. Set them again in the form."
        : "The campaign's rules were saved by another version of PromoGuard. Reload the page and set them again.",
  };
}

export function validateCampaignConfig(value: unknown): Validation<CampaignConfig> {
  if (!isRecord(value)) return { ok: false, issues: [{ path: "", message: "The campaign's rules couldn't be read. Set them again in the form." }] };
  const version = versionIssue(value);
  // An unknown version may mean anything: its other keys are not checked against version 1.
  if (version) return { ok: false, issues: [version] };

  const issues: ConfigIssue[] = [];
  for (const key of Object.keys(value)) {
    if (!KNOWN_CAMPAIGN_KEYS.has(key)) issues.push({ path: key, message: "This rule isn't one PromoGuard knows: remove it." });
  }
  for (const [key, schema] of Object.entries(CAMPAIGN_FIELDS)) schema.check(value[key], key, issues);
  checkConditions(value, issues);
  checkEffects(value, issues);
  checkCrossFieldRules(value, issues);
  return issues.length === 0 ? { ok: true, value: value as unknown as CampaignConfig } : { ok: false, issues };
}

function checkConditions(record: Record<string, unknown>, issues: ConfigIssue[]): void {
  for (const condition of CONDITIONS) {
    const present = condition.keys.filter((key) => record[key] !== undefined);
    if (present.length === 0) continue;
    for (const key of condition.keys) {
      const schema = condition.args[key] as ArgSchema<unknown>;
      if (record[key] === undefined) issues.push({ path: key, message: `Fill this in as well: “${condition.label}” needs it. ${schema.fix}` });
      else schema.check(record[key], key, issues);
    }
  }
}

function checkEffects(record: Record<string, unknown>, issues: ConfigIssue[]): void {
  const effects = record.effects;
  if (!Array.isArray(effects) || effects.length === 0 || effects.length > MAX_EFFECTS) {
    issues.push({
      path: "effects",
      message:
        Array.isArray(effects) && effects.length > MAX_EFFECTS
          ? `Give the campaign at most ${MAX_EFFECTS} discounts: one on items, one on the order, one on shipping.`
          : CHOOSE_TYPE,
    });
    return;
  }
  const classes = new Map<DiscountClassName, number>();
  effects.forEach((effect: unknown, index) => {
    const path = `effects[${index}]`;
    const definition = isRecord(effect) && typeof effect.type === "string" ? effectDefinition(effect.type) : undefined;
    if (definition === undefined) {
      issues.push({ path: joinPath(path, "type"), message: CHOOSE_TYPE });
      return;
    }
    const issuesBefore = issues.length;
    if (!definition.schema.check(effect, path, issues) || issues.length > issuesBefore) return;
    definition.refine(effect, path, issues);
    const discountClass = definition.discountClass(effect);
    const earlier = classes.get(discountClass);
    if (earlier !== undefined)
      issues.push({ path, message: `Another discount of this campaign already applies to ${CLASS_WORDS[discountClass]}: keep one of them.` });
    else classes.set(discountClass, index);
  });
}

function checkCrossFieldRules(record: Record<string, unknown>, issues: ConfigIssue[]): void {
  const { startsAt, endsAt, hoursFrom, hoursUntil } = record;
  if (typeof startsAt === "string" && typeof endsAt === "string" && startsAt >= endsAt) {
    issues.push({ path: "endsAt", message: "Choose an end after the start." });
  }
  if (typeof hoursFrom === "string" && typeof hoursUntil === "string" && hoursFrom >= hoursUntil) {
    issues.push({ path: "hoursUntil", message: "Choose an end time after the start time: the hours can't run past midnight." });
  }
  if (record.firstOrder !== undefined && record.returningCustomer !== undefined) {
    issues.push({ path: "returningCustomer", message: "Choose first order only or returning customers only: no buyer can be both." });
  }
  const { customerTagsAny, customerTagsAll } = record;
  if (Array.isArray(customerTagsAny) && Array.isArray(customerTagsAll) && customerTagsAny.length + customerTagsAll.length > MAX_QUERY_LIST_ENTRIES - 1) {
    const tags = customerTagsAny.length + customerTagsAll.length;
    issues.push({
      path: "customerTagsAll",
      message: `Shopify checks at most ${MAX_QUERY_LIST_ENTRIES - 1} customer tags per discount, and these rules list ${tags}: remove ${tags - MAX_QUERY_LIST_ENTRIES + 1}.`,
    });
  }
  const hasBuyXGetY = Array.isArray(record.effects) && record.effects.some((effect) => isRecord(effect) && effect.type === "buyXGetY");
  if (record.buyCollectionIds !== undefined && !hasBuyXGetY) {
    issues.push({
      path: "buyCollectionIds",
      message: `This only works with a “${effectDefinition("buyXGetY")?.label}” discount: choose that discount type, or clear it.`,
    });
  }
}

const utf8 = new TextEncoder();

/** UTF-8 length of a value's JSON, as Shopify counts a metafield's bytes (in the browser too:
 * the campaign form checks itself before posting). */
export function jsonByteLength(value: unknown): number {
  return utf8.encode(JSON.stringify(value)).length;
}

/** Shopify hands a function at most 10,000 bytes of a metafield value. */
export function checkMetafieldSize(value: unknown, what: string): ConfigIssue[] {
  const bytes = jsonByteLength(value);
  return bytes <= METAFIELD_VALUE_LIMIT_BYTES
    ? []
    : [
        {
          path: "",
          message: `${what} take ${bytes} characters where Shopify allows ${METAFIELD_VALUE_LIMIT_BYTES}: shorten the lists of products, collections, codes or tags by ${bytes - METAFIELD_VALUE_LIMIT_BYTES} characters.`,
        },
      ];
}
