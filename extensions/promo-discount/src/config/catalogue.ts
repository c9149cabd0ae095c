// The shop-wide stacking policy and campaign catalogue in the readable form the admin app
// builds and validates; `compileCatalogue` turns it into what the guard reads from the shop
// metafield `$app:promoguard.stacking-catalogue` (../checkout/guard.ts). Entries are compact
// tuples:
//   [pattern, category, priority, value, rules?]
//   pattern  — an exact code ("WELCOME10") or a prefix ending in "*" ("VIP-*"), case-insensitive
//   category — "exclusive" (never combined with another PromoGuard code) or "joint"
//   priority — 0..1000, higher wins under "priority" selection and breaks best-value ties
//   value    — "15%" or a shop-currency amount "10.00": the estimate best-value selection ranks by
//   rules    — optional conditions the guard can check for the code (the guardable part of the
//              condition vocabulary, e.g. {"firstOrder": true}); subtotals count the whole cart
import { CATALOGUE_VERSION } from "../checkout/guard";
import type { CatalogueSpec, CompiledCatalogue } from "../checkout/guard";
import type { CartCheck } from "../checkout/rules";
import { CART_CONDITIONS, isConfigured } from "./conditions";
import type { CartCondition } from "./conditions";
import { either, integer, joinPath, money, oneOf } from "./schema";
import type { ConfigIssue } from "./schema";
import { CONFIG_VERSION, WEEKDAYS } from "./types";
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

/**
 * Where a customer's uses of a catalogue entry are counted in their `uses` metafield: the entry's
 * pattern as the guard finds it for an entered code (upper-cased; a prefix keeps its "*").
 */
export function customerUsesKey(pattern: string): string {
  return pattern.toUpperCase();
}

export const GUARDABLE_CONDITIONS: readonly CartCondition[] = CART_CONDITIONS.filter((condition) => condition.guardable);
const GUARDABLE_KEYS = new Set<string>(GUARDABLE_CONDITIONS.flatMap((condition) => condition.keys));

const MAX_CATALOGUE_ENTRIES = 500;
const MAX_PATTERN_LENGTH = 255;
const PERCENT_VALUE = /^(100|[1-9]?\d)(\.\d{1,2})?%$/;

const categorySchema = oneOf(["exclusive", "joint"] as const, { exclusive: "Exclusive", joint: "Joint" });
const prioritySchema = integer(0, 1000);
/** A catalogue entry's category and priority, as a campaign's form sets them. */
export const CATALOGUE_ENTRY_FIELDS = { category: categorySchema, priority: prioritySchema } as const;
const headerSchemas = {
  maxCodesPerOrder: integer(1, 25),
  selection: oneOf(["bestValue", "priority"] as const, { bestValue: "Best value", priority: "Priority" }),
  unlistedCodes: oneOf(["allow", "refuse"] as const, { allow: "Allow", refuse: "Refuse" }),
};

/** Everything but the entries: version, policy, and a list of campaigns. */
function checkHeader(value: unknown, issues: ConfigIssue[]): value is Record<string, unknown> & { campaigns: unknown[] } {
  if (!isRecord(value)) {
    issues.push({ path: "", message: "The stacking catalogue couldn't be read. Publish a campaign again to rebuild it." });
    return false;
  }
  if (value.version !== CONFIG_VERSION) {
    issues.push({ path: "version", message: "The stacking catalogue was written by another version of PromoGuard. Publish a campaign again to rebuild it." });
    return false;
  }
  const before = issues.length;
  for (const key of Object.keys(value)) {
    if (key !== "version" && key !== "campaigns" && !(key in headerSchemas))
      issues.push({ path: key, message: "The stacking catalogue has a setting PromoGuard doesn't know. Publish a campaign again to rebuild it." });
  }
  for (const [key, schema] of Object.entries(headerSchemas)) {
    if (value[key] === undefined) issues.push({ path: key, message: schema.fix });
    else schema.check(value[key], key, issues);
  }
  if (!Array.isArray(value.campaigns) || value.campaigns.length > MAX_CATALOGUE_ENTRIES) {
    issues.push({
      path: "campaigns",
      message: `The stacking guard lists at most ${MAX_CATALOGUE_ENTRIES} codes and prefixes: archive campaigns you no longer run.`,
    });
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
    issues.push({ path, message: "Give this code a category, a priority and a value." });
    return;
  }
  const [pattern, category, priority, value, rules] = entry as unknown[];
  if (!isValidPattern(pattern)) {
    issues.push({ path: `${path}[0]`, message: "Enter a code without spaces, like WELCOME10, or a prefix ending in *, like VIP-*." });
  } else {
    const key = pattern.toUpperCase();
    if (seen.has(key)) issues.push({ path: `${path}[0]`, message: `${pattern} is listed twice: keep it in one campaign only.` });
    seen.add(key);
  }
  categorySchema.check(category, `${path}[1]`, issues);
  prioritySchema.check(priority, `${path}[2]`, issues);
  if (!(typeof value === "string" && (PERCENT_VALUE.test(value) || money({ allowZero: true }).check(value, `${path}[3]`, [])))) {
    issues.push({ path: `${path}[3]`, message: "Enter a percentage like 15% or an amount like 10.00." });
  }
  if (rules !== undefined) checkRules(rules, `${path}[4]`, issues);
}

/** A code, or a non-empty prefix followed by a single trailing "*". */
function isValidPattern(pattern: unknown): pattern is string {
  if (typeof pattern !== "string" || pattern.length === 0 || pattern.length > MAX_PATTERN_LENGTH) return false;
  // The compiled catalogue separates codes with newlines and tabs; no code holds whitespace.
  if (/\s/.test(pattern) || [...pattern].some((character) => character.charCodeAt(0) < 32)) return false;
  const star = pattern.indexOf("*");
  return star === -1 || (star === pattern.length - 1 && star > 0);
}

function checkRules(rules: unknown, path: string, issues: ConfigIssue[]): void {
  if (!isRecord(rules)) {
    issues.push({ path, message: "The code's conditions couldn't be read. Publish its campaign again." });
    return;
  }
  for (const key of Object.keys(rules)) {
    if (!GUARDABLE_KEYS.has(key)) {
      issues.push({
        path: joinPath(path, key),
        message: `The stacking guard can only check ${either(GUARDABLE_CONDITIONS.map((condition) => condition.label.toLowerCase()))}.`,
      });
    }
  }
  for (const condition of GUARDABLE_CONDITIONS) {
    for (const key of condition.keys) {
      if (rules[key] !== undefined) condition.args[key]?.check(rules[key], joinPath(path, key), issues);
    }
  }
}

/** The guard's checks for a code's rules, in the vocabulary's order. */
function compileRules(rules: CatalogueRules): CartCheck[] {
  const checks: CartCheck[] = [];
  for (const condition of GUARDABLE_CONDITIONS) {
    if (!isConfigured(condition, rules)) continue;
    const check = condition.compile(rules, { customerTags: [], guard: true });
    if (check !== null) checks.push(check);
  }
  return checks;
}

function compileEntry(entry: CatalogueEntry): CatalogueSpec {
  const [, category, priority, value, rules] = entry;
  const percent = value.endsWith("%");
  const spec: CatalogueSpec = [category === "exclusive" ? 1 : 0, priority, Number(percent ? value.slice(0, -1) : value), percent ? 1 : 0];
  const checks = rules === undefined ? [] : compileRules(rules);
  if (checks.length > 0) spec.push(checks);
  return spec;
}

function describeChecks(checks: CartCheck[]): CatalogueRules {
  const rules: Record<string, unknown> = {};
  for (const check of checks) {
    switch (check[0]) {
      case "f":
        rules.firstOrder = true;
        break;
      case "r":
        rules.returningCustomer = true;
        break;
      case "b":
        rules.b2b = check[1] === 1 ? "only" : "excluded";
        break;
      case "ci":
        rules.includedDeliveryCountries = Object.keys(check[1]);
        break;
      case "cx":
        rules.excludedDeliveryCountries = Object.keys(check[1]);
        break;
      case "ms":
        rules.minimumSubtotal = describeAmount(check[1]);
        break;
      case "mq":
        rules.minimumQuantity = check[1];
        break;
      case "w":
        rules.weekdays = WEEKDAYS.filter((_day, index) => (check[1] & (1 << index)) !== 0);
        break;
      case "n":
        rules.maxUsesPerCustomer = check[1];
        break;
      default:
        break;
    }
  }
  return rules as CatalogueRules;
}

const describeAmount = (amount: number) => (Number.isInteger(amount * 100) ? amount.toFixed(2) : String(amount));

/** The readable catalogue a compiled one stands for (what the guard knows), for people and tests. */
export function describeCatalogue(compiled: CompiledCatalogue): StackingCatalogue {
  const entry = (pattern: string, text: string): CatalogueEntry => {
    const [exclusive, priority, value, percent, checks] = JSON.parse(text) as CatalogueSpec;
    const base: CatalogueEntry = [pattern, exclusive === 1 ? "exclusive" : "joint", priority, percent === 1 ? `${value}%` : describeAmount(value)];
    return checks === undefined ? base : ([...base, describeChecks(checks)] as CatalogueEntry);
  };
  const exact = compiled.x
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const tab = line.indexOf("\t");
      return entry(line.slice(0, tab), line.slice(tab + 1));
    });
  const prefixes = Object.entries(compiled.p).map(([prefix, text]) => entry(`${prefix}*`, text));
  return {
    version: CONFIG_VERSION,
    maxCodesPerOrder: compiled.n,
    selection: compiled.s === "b" ? "bestValue" : "priority",
    unlistedCodes: compiled.u === 1 ? "refuse" : "allow",
    campaigns: [...exact, ...prefixes],
  };
}

/** The validated catalogue as the guard reads it: exact codes in one searchable text, prefixes keyed. */
export function compileCatalogue(catalogue: StackingCatalogue): CompiledCatalogue {
  const compiled: CompiledCatalogue = {
    v: CATALOGUE_VERSION,
    n: catalogue.maxCodesPerOrder,
    s: catalogue.selection === "bestValue" ? "b" : "p",
    u: catalogue.unlistedCodes === "refuse" ? 1 : 0,
    x: "",
    p: {},
    l: 0,
  };
  const exact: string[] = [];
  for (const entry of catalogue.campaigns) {
    const pattern = entry[0].toUpperCase();
    const spec = JSON.stringify(compileEntry(entry));
    if (pattern.endsWith("*")) {
      const prefix = pattern.slice(0, -1);
      compiled.p[prefix] = spec;
      compiled.l = Math.max(compiled.l, prefix.length);
    } else exact.push(`\n${pattern}\t${spec}`);
  }
  compiled.x = exact.join("") + (exact.length > 0 ? "\n" : "");
  return compiled;
}
