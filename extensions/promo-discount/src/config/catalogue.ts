// The shop-wide stacking policy and campaign catalogue, stored in the shop metafield
// `$app:promoguard.stacking-catalogue`. Entries are compact tuples so that 200 campaigns fit
// in the 10,000 bytes Shopify hands a function:
//   [pattern, category, priority, value, rules?]
//   pattern  — an exact code ("WELCOME10") or a prefix ending in "*" ("VIP-*"), case-insensitive
//   category — "exclusive" (never combined with another PromoGuard code) or "joint"
//   priority — 0..1000, higher wins under "priority" selection and breaks best-value ties
//   value    — "15%" or a shop-currency amount "10.00": the estimate best-value selection ranks by
//   rules    — optional conditions the guard can check for the code (the guardable part of the
//              condition vocabulary, e.g. {"firstOrder": true}); subtotals count the whole cart
import { CART_CONDITIONS } from "./conditions";
import type { CartCondition } from "./conditions";
import { integer, joinPath, money, oneOf } from "./schema";
import type { ConfigIssue } from "./schema";
import { CONFIG_VERSION } from "./types";
import type { ConditionArgs } from "./types";
import { isRecord } from "./validate";
import type { Validation } from "./validate";

export type StackingCategory = "exclusive" | "joint";
export type SelectionRule = "bestValue" | "priority";
export type UnlistedCodePolicy = "allow" | "refuse";

export type CatalogueRules = Partial<ConditionArgs>;
export type CatalogueEntry =
  | [pattern: string, category: StackingCategory, priority: number, value: string]
  | [pattern: string, category: StackingCategory, priority: number, value: string, rules: CatalogueRules];

export interface StackingCatalogue {
  version: typeof CONFIG_VERSION;
  /** PromoGuard codes allowed together on one order. */
  maxCodesPerOrder: number;
  selection: SelectionRule;
  /** What happens to codes PromoGuard did not create. */
  unlistedCodes: UnlistedCodePolicy;
  campaigns: CatalogueEntry[];
}

/** The readable form the admin app works with; `toCatalogueEntry` packs it. */
export interface CatalogueCampaign {
  pattern: string;
  category: StackingCategory;
  priority: number;
  value: string;
  rules?: CatalogueRules;
}

export function toCatalogueEntry(campaign: CatalogueCampaign): CatalogueEntry {
  const { pattern, category, priority, value, rules } = campaign;
  return rules && Object.keys(rules).length > 0 ? [pattern, category, priority, value, rules] : [pattern, category, priority, value];
}

export const GUARDABLE_CONDITIONS: readonly CartCondition[] = CART_CONDITIONS.filter((condition) => condition.guardable);
const GUARDABLE_KEYS = new Set<string>(GUARDABLE_CONDITIONS.flatMap((condition) => condition.keys));

const MAX_CATALOGUE_ENTRIES = 500;
const MAX_PATTERN_LENGTH = 255;
const PERCENT_VALUE = /^(100|[1-9]?\d)(\.\d{1,2})?%$/;

const categorySchema = oneOf(["exclusive", "joint"] as const);
const prioritySchema = integer(0, 1000);
const headerSchemas = {
  maxCodesPerOrder: integer(1, 25),
  selection: oneOf(["bestValue", "priority"] as const),
  unlistedCodes: oneOf(["allow", "refuse"] as const),
};

/** Everything but the entries: version, policy, and a list of campaigns. */
function checkHeader(value: unknown, issues: ConfigIssue[]): value is Record<string, unknown> & { campaigns: unknown[] } {
  if (!isRecord(value)) {
    issues.push({ path: "", message: "expected the stacking catalogue object" });
    return false;
  }
  if (value.version !== CONFIG_VERSION) {
    issues.push({ path: "version", message: `unsupported catalogue version ${JSON.stringify(value.version)}: this function understands version ${CONFIG_VERSION}` });
    return false;
  }
  const before = issues.length;
  for (const key of Object.keys(value)) {
    if (key !== "version" && key !== "campaigns" && !(key in headerSchemas)) issues.push({ path: key, message: "unknown key" });
  }
  for (const [key, schema] of Object.entries(headerSchemas)) {
    if (value[key] === undefined) issues.push({ path: key, message: `is required: ${schema.hint}` });
    else schema.check(value[key], key, issues);
  }
  if (!Array.isArray(value.campaigns) || value.campaigns.length > MAX_CATALOGUE_ENTRIES) {
    issues.push({ path: "campaigns", message: `expected a list of up to ${MAX_CATALOGUE_ENTRIES} [pattern, category, priority, value, rules?] entries` });
  }
  return issues.length === before;
}

/** The admin app's check before publishing: the header and every entry. */
export function validateCatalogue(value: unknown): Validation<StackingCatalogue> {
  const issues: ConfigIssue[] = [];
  if (checkHeader(value, issues)) {
    const seen = new Set<string>();
    value.campaigns.forEach((entry: unknown, index) => checkEntry(entry, `campaigns[${index}]`, seen, issues));
  }
  return issues.length === 0 ? { ok: true, value: value as unknown as StackingCatalogue } : { ok: false, issues };
}

/** One entry's problems; the function checks an entry only when an entered code matches it. */
export function catalogueEntryIssues(entry: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  checkEntry(entry, "entry", new Set(), issues);
  return issues;
}

function checkEntry(entry: unknown, path: string, seen: Set<string>, issues: ConfigIssue[]): void {
  if (!Array.isArray(entry) || entry.length < 4 || entry.length > 5) {
    issues.push({ path, message: "expected [pattern, category, priority, value] or [pattern, category, priority, value, rules]" });
    return;
  }
  const [pattern, category, priority, value, rules] = entry as unknown[];
  if (!isValidPattern(pattern)) {
    issues.push({ path: `${path}[0]`, message: 'expected a code like "WELCOME10" or a prefix like "VIP-*"' });
  } else {
    const key = pattern.toUpperCase();
    if (seen.has(key)) issues.push({ path: `${path}[0]`, message: `${pattern} is listed twice` });
    seen.add(key);
  }
  categorySchema.check(category, `${path}[1]`, issues);
  prioritySchema.check(priority, `${path}[2]`, issues);
  if (!(typeof value === "string" && (PERCENT_VALUE.test(value) || money({ allowZero: true }).check(value, `${path}[3]`, [])))) {
    issues.push({ path: `${path}[3]`, message: 'expected a value like "15%" or "10.00"' });
  }
  if (rules !== undefined) checkRules(rules, `${path}[4]`, issues);
}

/** A code, or a non-empty prefix followed by a single trailing "*". */
function isValidPattern(pattern: unknown): pattern is string {
  if (typeof pattern !== "string" || pattern.length === 0 || pattern.length > MAX_PATTERN_LENGTH) return false;
  const star = pattern.indexOf("*");
  return star === -1 || (star === pattern.length - 1 && star > 0);
}

function checkRules(rules: unknown, path: string, issues: ConfigIssue[]): void {
  if (!isRecord(rules)) {
    issues.push({ path, message: "expected an object of guardable conditions" });
    return;
  }
  for (const key of Object.keys(rules)) {
    if (!GUARDABLE_KEYS.has(key)) {
      issues.push({ path: joinPath(path, key), message: `the guard can only check ${[...GUARDABLE_KEYS].join(", ")}` });
    }
  }
  for (const condition of GUARDABLE_CONDITIONS) {
    for (const key of condition.keys) {
      if (rules[key] !== undefined) condition.args[key]?.check(rules[key], joinPath(path, key), issues);
    }
  }
}

export interface CatalogueIndex {
  catalogue: StackingCatalogue;
  exact: Map<string, CatalogueEntry>;
  prefixes: Map<string, CatalogueEntry>;
  longestPrefix: number;
}

/**
 * Built once per run from the metafield: the policy header is checked, and exact codes and
 * prefixes go into maps so each entered code costs O(its length). Entries are checked in full
 * only when a code matches them (catalogueEntryIssues): a checkout enters a few codes, the
 * catalogue lists hundreds, and the admin app validated all of them before publishing.
 */
export function indexCatalogue(value: unknown): Validation<CatalogueIndex> {
  const issues: ConfigIssue[] = [];
  if (!checkHeader(value, issues)) return { ok: false, issues };
  const catalogue = value as unknown as StackingCatalogue;
  const index: CatalogueIndex = { catalogue, exact: new Map(), prefixes: new Map(), longestPrefix: 0 };
  for (const entry of catalogue.campaigns) {
    if (!Array.isArray(entry) || typeof entry[0] !== "string") return { ok: false, issues: [{ path: "campaigns", message: "every entry must start with its code pattern" }] };
    const pattern = entry[0].toUpperCase();
    if (pattern.endsWith("*")) {
      const prefix = pattern.slice(0, -1);
      index.prefixes.set(prefix, entry);
      index.longestPrefix = Math.max(index.longestPrefix, prefix.length);
    } else index.exact.set(pattern, entry);
  }
  return { ok: true, value: index };
}

/** An exact listing wins over a prefix; among prefixes the longest wins. */
export function findCampaign(index: CatalogueIndex, code: string): CatalogueEntry | undefined {
  const upper = code.toUpperCase();
  const exact = index.exact.get(upper);
  if (exact) return exact;
  for (let length = Math.min(upper.length, index.longestPrefix); length > 0; length--) {
    const entry = index.prefixes.get(upper.slice(0, length));
    if (entry) return entry;
  }
  return undefined;
}
