import { describe, expect, it } from "vitest";
import { toCatalogueEntry, validateCatalogue } from "../src/config/catalogue";
import { CONDITIONS } from "../src/config/conditions";
import { METAFIELD_VALUE_LIMIT_BYTES } from "../src/config/types";
import { utf8ByteLength, validateCampaignConfig, validateDiscountConfig, validateForPublishing } from "../src/config/validate";
import { benchCatalogue, heavyCampaignConfig } from "../bench/heavy-cart";
import { everyConditionConfig } from "./support/largest-config";

function issuesOf(value: unknown) {
  const result = validateDiscountConfig(value);
  return result.ok ? [] : result.issues.map((issue) => `${issue.path}: ${issue.message}`);
}

const base = { version: 1, effects: [{ type: "percentage", percentage: 10 }] };

describe("campaign config validation", () => {
  it("accepts a minimal campaign, the guard and the heavy benchmark campaign", () => {
    expect(issuesOf(base)).toEqual([]);
    expect(issuesOf({ version: 1, kind: "guard" })).toEqual([]);
    expect(issuesOf(heavyCampaignConfig())).toEqual([]);
    expect(issuesOf(everyConditionConfig(10))).toEqual([]);
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
    expect(issuesOf({ version: 1, effects: [{ type: "bogus" }] })).toEqual([
      'effects[0].type: expected one of "percentage", "fixedAmount", "buyXGetY", "tiers", "freeShipping"',
    ]);
    expect(issuesOf({ version: 1, effects: [{ type: "percentage", percentage: 10 }, { type: "fixedAmount", amount: "5.00", per: "item" }] })).toEqual([
      "effects[1]: effects[0] already gives a PRODUCT discount: one effect per discount class",
    ]);
    expect(issuesOf({ version: 1, effects: [{ type: "percentage", percentage: 10, extra: 1 }] })).toEqual([
      "effects[0].extra: unknown key (expected one of type, percentage, appliesTo)",
    ]);
    expect(issuesOf({ version: 1, effects: [{ type: "percentage", percentage: 12.345 }] })).toEqual([
      "effects[0].percentage: expected a percentage above 0 and at most 100, with up to 2 decimals, got 12.345",
    ]);
  });

  it("checks tiers for order, basis and value", () => {
    expect(issuesOf({ version: 1, effects: [{ type: "tiers", basis: "quantity", tiers: [
      { from: 10, percentage: 5 }, { from: 5, percentage: 10 }, { from: "100.00", percentage: 15 }, { from: 200 },
    ] }] })).toEqual([
      "effects[0].tiers[1].from: tiers must be in ascending order of `from`",
      'effects[0].tiers[2].from: must be a quantity like 10 for basis "quantity"',
      "effects[0].tiers[3]: needs exactly one of percentage or amount",
    ]);
  });

  it("checks rules across fields", () => {
    expect(issuesOf({ ...base, startsAt: "2026-12-01T00:00:00", endsAt: "2026-11-01T00:00:00" })).toEqual(["endsAt: must be later than startsAt"]);
    expect(issuesOf({ ...base, hoursFrom: "22:00:00", hoursUntil: "02:00:00" })).toEqual([
      "hoursUntil: must be later than hoursFrom (windows across midnight are not supported)",
    ]);
    expect(issuesOf({ ...base, firstOrder: true, returningCustomer: true })).toEqual(["returningCustomer: contradicts firstOrder: no buyer can meet both"]);
    expect(issuesOf({ ...base, buyCollectionIds: ["gid://shopify/Collection/1"] })).toEqual(["buyCollectionIds: only applies to a buyXGetY effect"]);
  });

  it("refuses extra keys on the guard config", () => {
    expect(issuesOf({ version: 1, kind: "guard", effects: [] })).toEqual(["effects: a guard config takes only version and kind"]);
  });

  it("covers every condition key in the validator", () => {
    for (const condition of CONDITIONS) {
      const missingPair = condition.keys.length > 1 ? { [condition.keys[0]]: "09:00:00" } : { [condition.keys[0]]: { nonsense: true } };
      const result = validateCampaignConfig({ ...base, ...missingPair });
      expect(result.ok, condition.name).toBe(false);
    }
  });
});

describe("publishing", () => {
  it("writes the config with neutral schedule variables, which Shopify needs for non-null arguments", () => {
    const result = validateForPublishing({ ...base, endsAt: "2026-12-31T23:59:59" });
    expect(result.ok && result.value).toEqual({ ...base, startsAt: "1970-01-01T00:00:00", endsAt: "2026-12-31T23:59:59", hoursFrom: "00:00:00", hoursUntil: "23:59:59" });
    expect(validateForPublishing({ version: 1, kind: "guard" })).toEqual({ ok: true, value: { version: 1, kind: "guard" } });
  });
});

describe("the 10,000-byte metafield limit", () => {
  it("supports every condition plus 224 thirteen-digit product ids, and no more", () => {
    const largest = everyConditionConfig(224);
    const bytes = utf8ByteLength(JSON.stringify(largest));
    expect(bytes).toBeLessThanOrEqual(METAFIELD_VALUE_LIMIT_BYTES);
    expect(validateForPublishing(largest).ok).toBe(true);

    const oneMore = validateForPublishing(everyConditionConfig(225));
    expect(oneMore.ok).toBe(false);
    if (!oneMore.ok) expect(oneMore.issues[0].message).toMatch(/^The campaign config is 10001 bytes as JSON; Shopify's metafield limit for functions is 10000: remove 1 bytes/);
  });

  it("counts UTF-8 bytes, not characters", () => {
    expect(utf8ByteLength("abc")).toBe(3);
    expect(utf8ByteLength("é")).toBe(2);
    expect(utf8ByteLength("€")).toBe(3);
    expect(utf8ByteLength("😀")).toBe(4);
  });
});

describe("stacking catalogue validation", () => {
  const header = { version: 1, maxCodesPerOrder: 2, selection: "bestValue", unlistedCodes: "allow" };

  it("accepts the 200-entry benchmark catalogue within 10,000 bytes", () => {
    const catalogue = benchCatalogue();
    expect(validateCatalogue(catalogue).ok).toBe(true);
    expect(utf8ByteLength(JSON.stringify(catalogue))).toBeLessThanOrEqual(METAFIELD_VALUE_LIMIT_BYTES);
  });

  it("packs the admin's readable entries into tuples", () => {
    expect(toCatalogueEntry({ pattern: "WELCOME10", category: "exclusive", priority: 10, value: "10%", rules: { firstOrder: true } }))
      .toEqual(["WELCOME10", "exclusive", 10, "10%", { firstOrder: true }]);
    expect(toCatalogueEntry({ pattern: "VIP-*", category: "joint", priority: 1, value: "5.00", rules: {} })).toEqual(["VIP-*", "joint", 1, "5.00"]);
  });

  it("reports each broken entry specifically", () => {
    const result = validateCatalogue({ ...header, campaigns: [
      ["*", "joint", 1, "5%"],
      ["A*B", "joint", 1, "5%"],
      ["SAME", "both", 1, "5%"],
      ["same", "joint", 1.5, "5"],
      ["RULES", "joint", 1, "150%", { customerTagsAny: ["vip"], firstOrder: true }],
      "WELCOME10",
    ] });
    expect(result.ok ? [] : result.issues.map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
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
    const future = validateCatalogue({ version: 3 });
    expect(future.ok ? [] : future.issues[0].message).toBe("unsupported catalogue version 3: this function understands version 1");
  });
});
