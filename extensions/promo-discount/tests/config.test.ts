// The admin side: validating a campaign config, compiling it for publishing (the extension, the
// rules and the input variables), and validating the stacking catalogue.
import { describe, expect, it } from "vitest";
import { listVariableProblems } from "shopify-checkout/query-limits";
import { benchCatalogue, heavyCampaignConfig } from "../bench/heavy-cart";
import {
  CONDITIONS, LINE_CONDITIONS, METAFIELD_VALUE_LIMIT_BYTES, compileCampaign, compileCatalogue, toCatalogueEntry, validateCampaignConfig, validateCatalogue,
} from "../src/config";
import type { Effect } from "../src/config";
import { jsonByteLength } from "../src/config/validate";
import { LARGEST_PRODUCT_ID_COUNT, everyConditionConfig } from "./support/largest-config";

const described = (result: { ok: true } | { ok: false; issues: { path: string; message: string }[] }) =>
  (result.ok ? [] : result.issues.map((issue) => `${issue.path}: ${issue.message}`));
const issuesOf = (value: unknown) => described(validateCampaignConfig(value));
const compileIssues = (value: unknown) => described(compileCampaign(value));
const handleOf = (value: unknown) => { const result = compileCampaign(value); return result.ok ? result.value.functionHandle : described(result); };

const base = { version: 1, effects: [{ type: "percentage", percentage: 10 }] };
const ids = (resource: string, count: number) => Array.from({ length: count }, (_, index) => `gid://shopify/${resource}/${index + 1}`);
const words = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}${index}`);

describe("campaign config validation", () => {
  it("accepts a minimal campaign, the heavy benchmark campaign and the largest one", () => {
    expect(issuesOf(base)).toEqual([]);
    expect(issuesOf(heavyCampaignConfig())).toEqual([]);
    expect(issuesOf(everyConditionConfig(10))).toEqual([]);
  });

  it("has no guard config any more: the guard is its own extension reading the shop's catalogue", () => {
    expect(issuesOf({ version: 1, kind: "guard" })).toEqual(['kind: expected "campaign", got "guard"', "effects: expected a list of 1 to 3 effects (one per discount class), got undefined"]);
  });

  it("refuses an unknown version without interpreting the rest", () => {
    expect(issuesOf({ version: 2, whatever: true })).toEqual(["version: unsupported config version 2: this function understands version 1"]);
    expect(issuesOf({ effects: [] })).toEqual(["version: is required (1)"]);
    expect(issuesOf("not json")).toEqual([": expected the campaign config object"]);
  });

  it("names unknown keys and bad arguments by path", () => {
    expect(issuesOf({ ...base, minimumSubtotl: "50.00" })).toEqual(["minimumSubtotl: unknown key"]);
    expect(issuesOf({ ...base, minimumSubtotal: "fifty" })).toEqual(['minimumSubtotal: expected an amount like "50.00" above zero, got "fifty"']);
    expect(issuesOf({ ...base, includedProductIds: ["gid://shopify/Collection/1"] })).toEqual([
      'includedProductIds[0]: expected a Product id like "gid://shopify/Product/123", got "gid://shopify/Collection/1"',
    ]);
    expect(issuesOf({ ...base, weekdays: ["monday"] })).toEqual(['weekdays[0]: expected one of "mon", "tue", "wed", "thu", "fri", "sat", "sun", got "monday"']);
    expect(issuesOf({ ...base, firstOrder: false })).toEqual(["firstOrder: expected true (leave the key out to switch it off), got false"]);
    expect(issuesOf({ ...base, includedSkus: [] })).toEqual(["includedSkus: expected a list of 1 to 250 entries, each text of 1 to 255 characters, got 0 entries"]);
  });

  it("requires the keys of a multi-key condition together", () => {
    expect(issuesOf({ ...base, hoursFrom: "09:00:00" })).toEqual(['hoursUntil: is required with hoursFrom (a shop-local time like "09:00:00")']);
  });

  it("checks effects against the registry, one per discount class", () => {
    expect(issuesOf({ version: 1, effects: [] })).toEqual(["effects: expected a list of 1 to 3 effects (one per discount class), got 0 entries"]);
    expect(issuesOf({ version: 1, effects: [{ type: "bogus" }] })).toEqual(['effects[0].type: expected one of "percentage", "fixedAmount", "buyXGetY", "tiers", "freeShipping"']);
    expect(issuesOf({ version: 1, effects: [{ type: "percentage", percentage: 10 }, { type: "fixedAmount", amount: "5.00", per: "item" }] })).toEqual([
      "effects[1]: effects[0] already gives a PRODUCT discount: one effect per discount class",
    ]);
    expect(issuesOf({ version: 1, effects: [{ type: "percentage", percentage: 10, extra: 1 }] })).toEqual(["effects[0].extra: unknown key (expected one of type, percentage, appliesTo, overstock)"]);
    expect(issuesOf({ version: 1, effects: [{ type: "percentage", percentage: 12.345 }] })).toEqual([
      "effects[0].percentage: expected a percentage above 0 and at most 100, with up to 2 decimals, got 12.345",
    ]);
  });

  it("checks tiers for order, basis and value", () => {
    expect(issuesOf({ version: 1, effects: [{ type: "tiers", basis: "quantity", tiers: [{ from: 10, percentage: 5 }, { from: 5, percentage: 10 }, { from: "100.00", percentage: 15 }, { from: 200 }] }] })).toEqual([
      "effects[0].tiers[1].from: tiers must be in ascending order of `from`",
      'effects[0].tiers[2].from: must be a quantity like 10 for basis "quantity"',
      "effects[0].tiers[3]: needs exactly one of percentage or amount",
    ]);
  });

  it("checks rules across fields", () => {
    expect(issuesOf({ ...base, startsAt: "2026-12-01T00:00:00", endsAt: "2026-11-01T00:00:00" })).toEqual(["endsAt: must be later than startsAt"]);
    expect(issuesOf({ ...base, hoursFrom: "22:00:00", hoursUntil: "02:00:00" })).toEqual(["hoursUntil: must be later than hoursFrom (windows across midnight are not supported)"]);
    expect(issuesOf({ ...base, firstOrder: true, returningCustomer: true })).toEqual(["returningCustomer: contradicts firstOrder: no buyer can meet both"]);
    expect(issuesOf({ ...base, buyCollectionIds: ["gid://shopify/Collection/1"] })).toEqual(["buyCollectionIds: only applies to a buyXGetY effect"]);
  });

  it("covers every condition key in the validator", () => {
    for (const condition of CONDITIONS) {
      const missingPair = condition.keys.length > 1 ? { [condition.keys[0]]: "09:00:00" } : { [condition.keys[0]]: { nonsense: true } };
      expect(validateCampaignConfig({ ...base, ...missingPair }).ok, condition.name).toBe(false);
    }
  });

  it.each(["includedCollectionIds", "excludedCollectionIds", "buyCollectionIds"])("holds %s to Shopify's 100 items per list variable", (key) => {
    // (7) Input-query list variables hold at most 100 items.
    const config = { version: 1, effects: [{ type: "buyXGetY", buyQuantity: 1, getQuantity: 1, percentage: 100 }] };
    expect(issuesOf({ ...config, [key]: ids("Collection", 100) })).toEqual([]);
    expect(issuesOf({ ...config, [key]: ids("Collection", 101) })).toEqual([`${key}: expected a list of 1 to 100 entries, each a Collection id like "gid://shopify/Collection/123", got 101 entries`]);
  });

  it.each(["includedProductTags", "excludedProductTags"])("holds %s to 100 tags", (key) => {
    expect(issuesOf({ ...base, [key]: words("tag", 100) })).toEqual([]);
    expect(issuesOf({ ...base, [key]: words("tag", 101) })).toEqual([`${key}: expected a list of 1 to 100 entries, each text of 1 to 255 characters, got 101 entries`]);
  });

  it("holds customer tags, any and all together, to 99: the blocked tag is the query's hundredth", () => {
    expect(issuesOf({ ...base, customerTagsAny: words("a", 100) })).toEqual(["customerTagsAny: expected a list of 1 to 99 entries, each text of 1 to 255 characters, got 100 entries"]);
    expect(issuesOf({ ...base, customerTagsAny: words("a", 50), customerTagsAll: words("b", 49) })).toEqual([]);
    expect(issuesOf({ ...base, customerTagsAny: words("a", 50), customerTagsAll: words("b", 50) })).toEqual([
      "customerTagsAll: together with customerTagsAny lists 100 customer tags; Shopify checks at most 99 per discount",
    ]);
    const compiled = compileCampaign({ ...base, customerTagsAny: words("a", 50), customerTagsAll: words("b", 49) });
    expect(compiled.ok && listVariableProblems(compiled.value.variables)).toEqual([]);
  });
});

describe("compiling for publishing", () => {
  it.each([
    ["collections and product tags", { includedCollectionIds: ids("Collection", 1), excludedProductTags: ["final-sale"] }, "promo-discount"],
    ["variants, SKUs, products and vendors", { includedVariantIds: ids("ProductVariant", 1), excludedSkus: ["A"], excludedProductIds: ids("Product", 1), includedVendors: ["B"] }, "promo-discount-catalog"],
    ["SKUs with product tags", { includedSkus: ["A"], includedProductTags: ["sale"] }, "promo-discount-tagged"],
    ["a stock threshold", { minimumStock: 5, includedCollectionIds: ids("Collection", 1) }, "promo-discount-stock"],
    ["a buy side by collection", { buyCollectionIds: ids("Collection", 1), effects: [{ type: "buyXGetY", buyQuantity: 1, getQuantity: 1, percentage: 100 }] }, "promo-discount-bundles"],
  ])("chooses the extension whose queries read what the campaign needs: %s", (_case, config, handle) => {
    expect(handleOf({ ...base, ...config })).toBe(handle);
  });

  it("refuses a combination of product conditions no extension's query can read, naming them", () => {
    // (8) Refused at publishing rather than published to a query that cannot answer it.
    expect(compileIssues({ ...base, includedVariantIds: ids("ProductVariant", 1), includedProductTags: ["sale"] })).toEqual([
      ": Shopify can't check variants and product tags to include together in one discount. Remove one of them (for example, choose a collection instead of a list of products).",
    ]);
    expect(compileIssues({ version: 1, effects: [{ type: "buyXGetY", buyQuantity: 1, getQuantity: 1, percentage: 100 }], buyCollectionIds: ids("Collection", 1), excludedCollectionIds: ["gid://shopify/Collection/9"] })).toEqual([
      ": Shopify can't check collections to exclude and collections of the items to buy together in one discount. Remove one of them (for example, choose a collection instead of a list of products).",
    ]);
  });

  // Fails today: no extension's delivery query reads includedTags, so "free shipping on items
  // tagged sale" (publishable before the rewrite) is refused, with a message naming one condition.
  it("publishes every product condition on its own with every effect", () => {
    const effects: Effect[] = [
      { type: "percentage", percentage: 10 }, { type: "percentage", percentage: 10, appliesTo: "order" }, { type: "fixedAmount", amount: "5.00", per: "item" },
      { type: "buyXGetY", buyQuantity: 1, getQuantity: 1, percentage: 100 }, { type: "tiers", basis: "subtotal", tiers: [{ from: "10.00", amount: "1.00" }] }, { type: "freeShipping" },
    ];
    const valueFor = (key: string) => (key === "minimumStock" ? 5 : key.endsWith("ProductIds") ? ids("Product", 1) : key.endsWith("VariantIds") ? ids("ProductVariant", 1) : key.endsWith("CollectionIds") ? ids("Collection", 1) : ["x"]);
    const refused = LINE_CONDITIONS.flatMap((condition) => effects.map((effect) => {
      const key = condition.keys[0];
      return compileCampaign({ version: 1, effects: [effect], [key]: valueFor(key) }).ok ? null : `${key} with ${effect.type}`;
    })).filter((refusal) => refusal !== null);
    expect(refused).toEqual([]);
  });

  it("writes the neutral hours Shopify's non-null arguments need, and no dates (Shopify's active dates enforce them)", () => {
    const compiled = compileCampaign({ ...base, startsAt: "2026-11-27T00:00:00", endsAt: "2026-12-31T23:59:59" });
    expect(compiled.ok && compiled.value.variables).toMatchObject({ hoursFrom: "00:00:00", hoursUntil: "23:59:59" });
    expect(compiled.ok && Object.keys(compiled.value.variables).filter((key) => /starts|ends/i.test(key))).toEqual([]);
    expect(compiled.ok && compiled.value.rules.k).toBeUndefined();
  });
});

describe("the 10,000-byte metafield limit", () => {
  it(`publishes every condition with ${LARGEST_PRODUCT_ID_COUNT} thirteen-digit product ids, and no more`, () => {
    const largest = compileCampaign(everyConditionConfig(LARGEST_PRODUCT_ID_COUNT));
    expect(largest.ok && largest.value.functionHandle).toBe("promo-discount-catalog");
    expect(largest.ok && jsonByteLength(largest.value.rules)).toBeLessThanOrEqual(METAFIELD_VALUE_LIMIT_BYTES);
    expect(largest.ok && listVariableProblems(largest.value.variables)).toEqual([]);
    expect(compileIssues(everyConditionConfig(LARGEST_PRODUCT_ID_COUNT + 1))).toEqual([
      'includedProductIds: expected a list of 1 to 250 entries, each a Product id like "gid://shopify/Product/123", got 251 entries',
    ]);
  });

  it("refuses rules over the limit, naming the overshoot", () => {
    const variants = Array.from({ length: 250 }, (_, index) => `gid://shopify/ProductVariant/${45_000_000_000_000 + index}`);
    const [issue] = compileIssues({ ...everyConditionConfig(LARGEST_PRODUCT_ID_COUNT), excludedVariantIds: variants });
    const [, bytes, overshoot] = /^: The campaign's rules is (\d+) bytes as JSON; Shopify's metafield limit for functions is 10000: remove (\d+) bytes of lists$/.exec(issue) ?? [];
    expect(Number(bytes) - 10_000).toBe(Number(overshoot));
    expect(Number(overshoot)).toBeGreaterThan(0);
  });

  it("refuses variables over the limit, naming the overshoot", () => {
    const tags = Array.from({ length: 100 }, (_, index) => `${"long-product-tag-".repeat(6)}${index}`);
    const [issue] = compileIssues({ ...base, includedProductTags: tags });
    const [, bytes, overshoot] = /^: The campaign's collections and tags is (\d+) bytes as JSON; Shopify's metafield limit for functions is 10000: remove (\d+) bytes of lists$/.exec(issue) ?? [];
    expect(Number(bytes)).toBeGreaterThan(METAFIELD_VALUE_LIMIT_BYTES);
    expect(Number(overshoot)).toBe(Number(bytes) - METAFIELD_VALUE_LIMIT_BYTES);
  });

  it("counts UTF-8 bytes of the JSON, not characters", () => {
    expect(jsonByteLength("abc")).toBe(5);
    expect(jsonByteLength("é")).toBe(4);
    expect(jsonByteLength("€")).toBe(5);
    expect(jsonByteLength("😀")).toBe(6);
  });
});

describe("stacking catalogue validation", () => {
  const header = { version: 1, maxCodesPerOrder: 2, selection: "bestValue", unlistedCodes: "allow" };

  it("accepts the 200-entry benchmark catalogue, compiled within 10,000 bytes", () => {
    const catalogue = benchCatalogue();
    expect(validateCatalogue(catalogue).ok).toBe(true);
    expect(jsonByteLength(compileCatalogue(catalogue))).toBeLessThanOrEqual(METAFIELD_VALUE_LIMIT_BYTES);
  });

  it("packs the admin's readable entries into tuples", () => {
    expect(toCatalogueEntry({ pattern: "WELCOME10", category: "exclusive", priority: 10, value: "10%", rules: { firstOrder: true } })).toEqual(["WELCOME10", "exclusive", 10, "10%", { firstOrder: true }]);
    expect(toCatalogueEntry({ pattern: "VIP-*", category: "joint", priority: 1, value: "5.00", rules: {} })).toEqual(["VIP-*", "joint", 1, "5.00"]);
  });

  it("reports each broken entry specifically", () => {
    const result = validateCatalogue({ ...header, campaigns: [
      ["*", "joint", 1, "5%"], ["A*B", "joint", 1, "5%"], ["SAME", "both", 1, "5%"], ["same", "joint", 1.5, "5"],
      ["RULES", "joint", 1, "150%", { customerTagsAny: ["vip"], firstOrder: true }], "WELCOME10",
    ] });
    expect(described(result)).toEqual([
      'campaigns[0][0]: expected a code like "WELCOME10" or a prefix like "VIP-*"',
      'campaigns[1][0]: expected a code like "WELCOME10" or a prefix like "VIP-*"',
      'campaigns[2][1]: expected one of "exclusive", "joint", got "both"',
      "campaigns[3][0]: same is listed twice",
      "campaigns[3][2]: expected a whole number from 0 to 1000, got 1.5",
      'campaigns[4][3]: expected a value like "15%" or "10.00"',
      expect.stringMatching(/^campaigns\[4\]\[4\]\.customerTagsAny: the guard can only check firstOrder, returningCustomer, b2b, /),
      "campaigns[5]: expected [pattern, category, priority, value] or [pattern, category, priority, value, rules]",
    ]);
  });

  it("requires the policy header", () => {
    const result = validateCatalogue({ version: 1, campaigns: [] });
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual(["maxCodesPerOrder", "selection", "unlistedCodes"]);
    expect(described(validateCatalogue({ version: 3 }))).toEqual(["version: unsupported catalogue version 3: this function understands version 1"]);
  });
});
