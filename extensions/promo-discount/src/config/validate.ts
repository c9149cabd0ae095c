// One validator for the campaign config, driven by the condition and effect registries. The admin
// app runs it when a campaign is saved and again when it is compiled for publishing; the function
// never sees the config, only the compiled rules.
import { CONDITIONS, MAX_QUERY_LIST_ENTRIES } from "./conditions";
import { EFFECTS, effectDefinition } from "./effects";
import { gid, joinPath, list, literal, money, optional, text } from "./schema";
import type { ArgSchema, ConfigIssue } from "./schema";
import { CONFIG_VERSION, METAFIELD_VALUE_LIMIT_BYTES } from "./types";
import type { CampaignConfig, DiscountClassName } from "./types";

export type Validation<T> = { ok: true; value: T } | { ok: false; issues: ConfigIssue[] };

const MAX_EFFECTS = 3;

const CAMPAIGN_FIELDS: Readonly<Record<string, ArgSchema<unknown>>> = {
  kind: optional(literal("campaign")),
  message: optional(text(255)),
  maxDiscountPerOrder: optional(money()),
  buyCollectionIds: optional(list(gid("Collection"), { min: 1, max: MAX_QUERY_LIST_ENTRIES })),
};

const KNOWN_CAMPAIGN_KEYS = new Set<string>([
  "version", "effects", ...Object.keys(CAMPAIGN_FIELDS), ...CONDITIONS.flatMap((condition) => condition.keys),
]);

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
    message: record.version === undefined
      ? `is required (${CONFIG_VERSION})`
      : `unsupported config version ${JSON.stringify(record.version)}: this function understands version ${CONFIG_VERSION}`,
  };
}

export function validateCampaignConfig(value: unknown): Validation<CampaignConfig> {
  if (!isRecord(value)) return { ok: false, issues: [{ path: "", message: "expected the campaign config object" }] };
  const version = versionIssue(value);
  // An unknown version may mean anything: its other keys are not checked against version 1.
  if (version) return { ok: false, issues: [version] };

  const issues: ConfigIssue[] = [];
  for (const key of Object.keys(value)) {
    if (!KNOWN_CAMPAIGN_KEYS.has(key)) issues.push({ path: key, message: "unknown key" });
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
      if (record[key] === undefined) issues.push({ path: key, message: `is required with ${present.join(", ")} (${schema.hint})` });
      else schema.check(record[key], key, issues);
    }
  }
}

function checkEffects(record: Record<string, unknown>, issues: ConfigIssue[]): void {
  const effects = record.effects;
  if (!Array.isArray(effects) || effects.length === 0 || effects.length > MAX_EFFECTS) {
    issues.push({ path: "effects", message: `expected a list of 1 to ${MAX_EFFECTS} effects (one per discount class), got ${Array.isArray(effects) ? `${effects.length} entries` : String(effects)}` });
    return;
  }
  const classes = new Map<DiscountClassName, number>();
  effects.forEach((effect: unknown, index) => {
    const path = `effects[${index}]`;
    const definition = isRecord(effect) && typeof effect.type === "string" ? effectDefinition(effect.type) : undefined;
    if (definition === undefined) {
      issues.push({ path: joinPath(path, "type"), message: `expected one of ${EFFECTS.map((known) => `"${known.type}"`).join(", ")}` });
      return;
    }
    const issuesBefore = issues.length;
    if (!definition.schema.check(effect, path, issues) || issues.length > issuesBefore) return;
    definition.refine(effect, path, issues);
    const discountClass = definition.discountClass(effect);
    const earlier = classes.get(discountClass);
    if (earlier !== undefined) issues.push({ path, message: `effects[${earlier}] already gives a ${discountClass} discount: one effect per discount class` });
    else classes.set(discountClass, index);
  });
}

function checkCrossFieldRules(record: Record<string, unknown>, issues: ConfigIssue[]): void {
  const { startsAt, endsAt, hoursFrom, hoursUntil } = record;
  if (typeof startsAt === "string" && typeof endsAt === "string" && startsAt >= endsAt) {
    issues.push({ path: "endsAt", message: "must be later than startsAt" });
  }
  if (typeof hoursFrom === "string" && typeof hoursUntil === "string" && hoursFrom >= hoursUntil) {
    issues.push({ path: "hoursUntil", message: "must be later than hoursFrom (windows across midnight are not supported)" });
  }
  if (record.firstOrder !== undefined && record.returningCustomer !== undefined) {
    issues.push({ path: "returningCustomer", message: "contradicts firstOrder: no buyer can meet both" });
  }
  const { customerTagsAny, customerTagsAll } = record;
  if (Array.isArray(customerTagsAny) && Array.isArray(customerTagsAll) && customerTagsAny.length + customerTagsAll.length > MAX_QUERY_LIST_ENTRIES - 1) {
    issues.push({ path: "customerTagsAll", message: `together with customerTagsAny lists ${customerTagsAny.length + customerTagsAll.length} customer tags; Shopify checks at most ${MAX_QUERY_LIST_ENTRIES - 1} per discount` });
  }
  const hasBuyXGetY = Array.isArray(record.effects) && record.effects.some((effect) => isRecord(effect) && effect.type === "buyXGetY");
  if (record.buyCollectionIds !== undefined && !hasBuyXGetY) {
    issues.push({ path: "buyCollectionIds", message: "only applies to a buyXGetY effect" });
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
    : [{ path: "", message: `${what} is ${bytes} bytes as JSON; Shopify's metafield limit for functions is ${METAFIELD_VALUE_LIMIT_BYTES}: remove ${bytes - METAFIELD_VALUE_LIMIT_BYTES} bytes of lists` }];
}
