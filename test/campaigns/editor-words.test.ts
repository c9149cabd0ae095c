// The campaign editor's plain words: the summary beside the form (from the definitions' summary()
// and the conditions' labels, with names instead of ids) and the option, country, day and time
// words its fields show instead of the config's values.
import { describe, expect, it } from "vitest";
import { conditionSummaries, effectSummary } from "~/components/campaigns/CampaignSummary";
import { CONDITIONS, effectDefinition } from "promo-discount/config";
import { countryChoices, countryName, optionWords, timeForField, timeFromField, unsetWords, WEEKDAY_WORDS } from "~/domain/campaigns/rule-words";

describe("the editor's summary", () => {
  it("says what each kind of discount gives once its fields are complete", () => {
    expect(effectSummary({ "effect.type": "percentage", "effect.percentage": "20" })).toBe("20% off items");
    expect(effectSummary({ "effect.type": "fixedAmount", "effect.amount": "10.00", "effect.per": "order" })).toBe("10.00 off the order");
    expect(effectSummary({ "effect.type": "freeShipping", "effect.maxShippingRate": "15.00" })).toBe("Free shipping on rates up to 15.00");
    // In the shop's currency, as the summary beside the form shows it.
    expect(effectSummary({ "effect.type": "fixedAmount", "effect.amount": "10.00", "effect.per": "order" }, "USD")).toBe("$10.00 off the order");
    expect(effectSummary({ "effect.type": "freeShipping", "effect.maxShippingRate": "15.00" }, "EUR")).toBe("Free shipping on rates up to €15.00");
    expect(effectSummary({ "effect.type": "buyXGetY", "effect.buyQuantity": "2", "effect.getQuantity": "1", "effect.percentage": "100" })).toBe(
      "Buy 2 get 1 at 100% off",
    );
    expect(
      effectSummary({
        "effect.type": "tiers",
        "effect.basis": "subtotal",
        "effect.tiers": JSON.stringify([
          { from: "100.00", percentage: 10 },
          { from: "200.00", amount: "30.00" },
        ]),
      }),
    ).toBe("10% off from 100.00 spent, 30.00 off from 200.00 spent");
    // Incomplete: no sentence with holes in it.
    expect(effectSummary({ "effect.type": "percentage", "effect.percentage": "" })).toBeNull();
    expect(effectSummary({ "effect.type": "" })).toBeNull();
  });

  it("names the chosen items, countries and days instead of their ids and codes", () => {
    const lines = conditionSummaries(
      {
        "cond.includedCollectionIds": JSON.stringify(["gid://shopify/Collection/7"]),
        "cond.excludedSkus": "BED-003\nBED-005",
        "cond.includedDeliveryCountries": "US\nCA",
        "cond.weekdays": "sat,sun",
        "cond.hoursFrom": "09:00:00",
        "cond.hoursUntil": "17:30:00",
        "cond.firstOrder": "true",
        "cond.b2b": "excluded",
      },
      { "gid://shopify/Collection/7": "Bedroom" },
      "Europe/Paris",
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        "Only these collections: Bedroom",
        "SKUs excluded from the discount: BED-003, BED-005",
        "Deliver only to these countries: United States, Canada",
        "Days of the week (shop time): Saturday, Sunday",
        "Only from 09:00 to 17:30 (Europe/Paris)",
        "First order only",
        "Business (B2B) buyers: Everyone except business (B2B) buyers",
      ]),
    );
    expect(lines.join(" ")).not.toMatch(/gid:\/\/|sat|sun|09:00:00/);
  });
});

describe("the editor's words for values", () => {
  it("shows options in plain words and an unset choice as its default", () => {
    // The words are the definitions' own: the same ones the validation messages use.
    const percentage = effectDefinition("percentage")!.schema.fields!;
    const freeShipping = effectDefinition("freeShipping")!.schema.fields!;
    const b2b = CONDITIONS.find((condition) => condition.name === "b2b")!.args.b2b!;
    expect(optionWords(percentage.appliesTo, "order")).toBe("The order as a whole");
    expect(optionWords(freeShipping.deliveryMethods, "PICK_UP")).toBe("Pickup in store");
    expect(unsetWords(percentage.appliesTo)).toBe("Each eligible item");
    expect(unsetWords(b2b)).toBe("Everyone");
    expect(WEEKDAY_WORDS.sat).toEqual({ short: "Sat", long: "Saturday" });
  });

  it("lists countries by name, sorted, and reads times as hours and minutes", () => {
    const countries = countryChoices();
    expect(countries.find((country) => country.code === "DE")?.name).toBe("Germany");
    expect(countries.map((country) => country.name)).toEqual([...countries.map((country) => country.name)].sort((a, b) => a.localeCompare(b)));
    expect(countries.some((country) => country.code === "EU" || country.code === "UN")).toBe(false);
    expect(countryName("FI")).toBe("Finland");
    expect(timeForField("09:00:00")).toBe("09:00");
    expect(timeFromField("09:00")).toBe("09:00:00");
  });
});
