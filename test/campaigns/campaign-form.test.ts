import { describe, expect, it } from "vitest";
import { readCampaignForm } from "~/domain/campaigns/campaign-input";
import { configFromForm, fieldForIssue, formFromConfig } from "~/domain/campaigns/config-form";
import { checkGeneratedCodeShape } from "~/domain/campaigns/generated-codes";
import { instantToLocalDateTime, localDateTimeToInstant } from "~/domain/campaigns/shop-time";
import { CATALOGUE_ENTRY_FIELDS, CONDITIONS, EFFECTS, type ArgSchema, type CampaignConfig } from "promo-discount/config";
import { CONDITION_FIELD, EFFECT_FIELD, FORM_CONDITIONS, effectArguments } from "~/domain/campaigns/config-form";

const base = {
  name: "Tiered",
  ownerName: "Ana",
  ownerEmail: "ana@example.com",
  purpose: "Volume",
  channel: "social",
  codeSource: "generated",
  generatedCount: "1000",
  generatedPrefix: "bulk-",
  generatedLength: "8",
  startsAt: "2026-06-01T00:00",
  stackingCategory: "exclusive",
  priority: "10",
};

describe("the campaign form and the function's vocabulary", () => {
  it("round-trips every kind of rule field through form text", () => {
    const config = {
      version: 1,
      includedProductIds: ["gid://shopify/Product/1", "gid://shopify/Product/2"],
      excludedSkus: ["CLEAR-1", "CLEAR-2"],
      firstOrder: true,
      b2b: "excluded",
      weekdays: ["sat", "sun"],
      minimumQuantity: 3,
      hoursFrom: "08:00:00",
      hoursUntil: "20:00:00",
      maxDiscountPerOrder: "40.00",
      message: "Weekend tiers",
      effects: [
        {
          type: "tiers",
          basis: "quantity",
          tiers: [
            { from: 3, percentage: 10 },
            { from: 6, percentage: 20 },
          ],
        },
      ],
    } as CampaignConfig;
    expect(configFromForm(formFromConfig(config))).toEqual({ config, issues: [] });
  });

  it("reads a valid form into a campaign: prefix upper-cased, dates in the shop's zone", () => {
    const read = readCampaignForm({ ...base, "effect.type": "fixedAmount", "effect.amount": "5.00", "effect.per": "order" }, "Europe/Paris");
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value).toMatchObject({ generatedPrefix: "BULK-", generatedLength: 8, generatedCount: 1000, stackingCategory: "exclusive", priority: 10 });
    expect(read.value.startsAt.toISOString()).toBe("2026-05-31T22:00:00.000Z");
  });

  it("reports tiers it cannot read and validator issues on the effect's own fields", () => {
    const read = readCampaignForm({ ...base, "effect.type": "tiers", "effect.basis": "subtotal", "effect.tiers": "[{from: 1}" }, "UTC");
    expect(read).toEqual({
      ok: false,
      errors: { "effect.tiers": "This setting couldn't be read: check its brackets, commas and quotes, or clear it and enter it again." },
    });
    const missing = readCampaignForm({ ...base, "effect.type": "" }, "UTC");
    expect(missing.ok === false && missing.errors["effect.type"]).toBe("Choose a discount type.");
  });

  it("reports an id list that starts like JSON but is not, on its own field", () => {
    const read = readCampaignForm(
      { ...base, "effect.type": "percentage", "effect.percentage": "10", "cond.includedProductIds": "[gid://shopify/Product/1" },
      "UTC",
    );
    expect(read).toEqual({ ok: false, errors: { "cond.includedProductIds": "This list couldn't be read: clear it and choose the items again." } });
  });

  it("asks for a deeper discount on overstock as two fields, and the stock and per-customer limits as numbers", () => {
    const config = {
      version: 1,
      minimumStock: 5,
      maxUsesPerCustomer: 3,
      effects: [{ type: "percentage", percentage: 10, overstock: { above: 100, percentage: 30 } }],
    } as CampaignConfig;
    const form = formFromConfig(config);
    expect(form).toMatchObject({
      "effect.overstock.above": "100",
      "effect.overstock.percentage": "30",
      "cond.minimumStock": "5",
      "cond.maxUsesPerCustomer": "3",
    });
    expect(configFromForm(form)).toEqual({ config, issues: [] });
    // Half of it filled in: the missing half is named on its own field.
    const half = readCampaignForm({ ...base, "effect.type": "percentage", "effect.percentage": "10", "effect.overstock.above": "100" }, "UTC");
    expect(half.ok === false && Object.keys(half.errors)).toEqual(["effect.overstock.percentage"]);
    const shallow = readCampaignForm(
      { ...base, "effect.type": "percentage", "effect.percentage": "40", "effect.overstock.above": "100", "effect.overstock.percentage": "30" },
      "UTC",
    );
    expect(shallow).toEqual({ ok: false, errors: { "effect.overstock.percentage": "Enter a percentage deeper than the 40% every other item gets." } });
  });

  it("reads budgets and the daily cap, amounts to two decimals", () => {
    const read = readCampaignForm(
      {
        ...base,
        "effect.type": "percentage",
        "effect.percentage": "10",
        budgetDiscount: "1500",
        budgetRevenue: "20000.5",
        budgetRedemptions: "300",
        dailyCap: "25",
      },
      "UTC",
    );
    expect(read.ok && read.value).toMatchObject({ budgetDiscount: "1500.00", budgetRevenue: "20000.50", budgetRedemptions: 300, dailyCap: 25 });
  });

  it("maps validator paths to form fields", () => {
    expect(fieldForIssue({ path: "effects[0].tiers[1].from", message: "" })).toBe("effect.tiers");
    expect(fieldForIssue({ path: "includedProductIds[3]", message: "" })).toBe("cond.includedProductIds");
    expect(fieldForIssue({ path: "returningCustomer", message: "" })).toBe("cond.returningCustomer");
    // A key with a digit in it is still its own field's.
    expect(fieldForIssue({ path: "b2b", message: "" })).toBe("cond.b2b");
    expect(fieldForIssue({ path: "", message: "too big" })).toBe("config");
  });

  it("checks the generated codes' prefix and length", () => {
    expect(checkGeneratedCodeShape("VIP-", 5)).toEqual({ generatedLength: "Enter how many random characters follow the prefix, from 6 to 32." });
    expect(checkGeneratedCodeShape("V", 8)).toEqual({ generatedPrefix: "Enter a prefix of 2 to 20 letters, digits or dashes, such as SPRING-." });
    expect(checkGeneratedCodeShape("VIP-", 6)).toEqual({});
  });

  it("converts shop-local times across a daylight-saving change", () => {
    expect(localDateTimeToInstant("2026-03-08T03:30", "America/New_York")?.toISOString()).toBe("2026-03-08T07:30:00.000Z");
    expect(localDateTimeToInstant("2026-11-01T12:00", "America/New_York")?.toISOString()).toBe("2026-11-01T17:00:00.000Z");
    // 02:30 does not exist on 8 March 2026 in New York: it reads as 03:30, after the change, never before it.
    expect(localDateTimeToInstant("2026-03-08T02:30", "America/New_York")?.toISOString()).toBe("2026-03-08T07:30:00.000Z");
    expect(localDateTimeToInstant("2026-02-30T12:00", "UTC")).toBeNull();
    expect(instantToLocalDateTime(new Date("2026-07-01T16:00:00Z"), "America/New_York")).toBe("2026-07-01T12:00");
  });
});

describe("what the campaign form tells the merchant", () => {
  // Every option of the vocabulary, as stored: the merchant reads option labels, never these.
  const optionsOf = (schema: ArgSchema<unknown> | undefined): string[] =>
    !schema ? [] : [...(schema.options ?? []), ...optionsOf(schema.item), ...Object.values(schema.fields ?? {}).flatMap(optionsOf)];
  const stored = new Set([
    ...CONDITIONS.flatMap((condition) => Object.values(condition.args).flatMap((schema) => optionsOf(schema as ArgSchema<unknown>))),
    ...EFFECTS.flatMap((effect) => [effect.type, ...optionsOf(effect.schema as ArgSchema<unknown>)]),
    ...optionsOf(CATALOGUE_ENTRY_FIELDS.category),
  ]);
  // Stored values that are not also plain words of a sentence ("order", "quantity", "only" are).
  const internal = [...stored].filter((option) => /[A-Z_]/.test(option) || /^(mon|tue|wed|thu|fri|sat|sun)$/.test(option));

  const VALID = { ...base, "effect.type": "percentage", "effect.percentage": "10" };
  const GARBAGE = [
    "funday",
    "-5",
    "0",
    "150",
    "12.345",
    "fifty",
    "[{",
    '{"a": 1}',
    "x".repeat(300),
    "gid://shopify/Collection/1",
    '["gid://shopify/Collection/1"]',
    "true",
    "25:99:00",
    "XX1",
  ];

  /** Every problem the form reports for a garbage value in each rule field, each effect type, the stacking fields. */
  function everyMessage(): string[] {
    const forms: Record<string, string>[] = [
      { ...base, "effect.type": "" },
      { ...base, "effect.type": "bogus" },
      { ...VALID, stackingCategory: "both", priority: "5000" },
      { ...VALID, "cond.firstOrder": "true", "cond.returningCustomer": "true" },
      { ...VALID, "cond.hoursFrom": "22:00:00", "cond.hoursUntil": "02:00:00" },
      { ...VALID, "cond.hoursFrom": "09:00:00" },
      {
        ...VALID,
        "cond.customerTagsAny": Array.from({ length: 60 }, (_, index) => `a${index}`).join("\n"),
        "cond.customerTagsAll": Array.from({ length: 60 }, (_, index) => `b${index}`).join("\n"),
      },
      { ...VALID, "cond.includedSkus": Array.from({ length: 251 }, (_, index) => `SKU-${index}`).join("\n") },
    ];
    for (const condition of FORM_CONDITIONS) {
      for (const key of condition.keys) for (const garbage of GARBAGE) forms.push({ ...VALID, [CONDITION_FIELD(key)]: garbage });
    }
    for (const effect of EFFECTS) {
      const filled = { ...base, "effect.type": effect.type };
      forms.push(filled);
      for (const [name] of effectArguments(effect.type)) for (const garbage of GARBAGE) forms.push({ ...filled, [EFFECT_FIELD(name)]: garbage });
    }
    forms.push({
      ...base,
      "effect.type": "tiers",
      "effect.basis": "quantity",
      "effect.tiers": '[{"from": 10, "percentage": 5}, {"from": 5}, {"from": "100.00", "percentage": 1, "amount": "2.00"}, {"form": 1}]',
    });
    return [
      ...new Set(
        forms.flatMap((form) => {
          const read = readCampaignForm(form, "UTC");
          return read.ok ? [] : Object.values(read.errors);
        }),
      ),
    ];
  }

  it("says what to do in plain words: no “expected … got”, no JSON, no stored option values, no ids", () => {
    const messages = everyMessage();
    expect(messages.length).toBeGreaterThan(25);
    const bad = messages.filter(
      (message) =>
        /\bexpected\b|\bgot\b|JSON|gid:\/\/|[{}[\]]|undefined|null/i.test(message) ||
        internal.some((option) => new RegExp(`\\b${option}\\b`).test(message)) ||
        [...stored].some((option) => message.includes(`"${option}"`) || message.includes(`“${option}”`)),
    );
    expect(bad).toEqual([]);
  });

  it("names options by their labels", () => {
    const read = readCampaignForm({ ...VALID, "cond.weekdays": "mon\nfunday" }, "UTC");
    expect(read.ok === false && read.errors["cond.weekdays"]).toBe("Choose Monday, Tuesday, Wednesday, Thursday, Friday, Saturday or Sunday.");
    const per = readCampaignForm({ ...base, "effect.type": "fixedAmount", "effect.amount": "5.00", "effect.per": "each" }, "UTC");
    expect(per.ok === false && per.errors["effect.per"]).toBe("Choose Once per order or Each eligible item.");
  });
});
