// The stacking guard: its run on real inputs (the shop's compiled catalogue, the entered codes),
// and the pieces of src/checkout/guard.ts that decide it.
import { afterEach, describe, expect, it, vi } from "vitest";
import { cartLinesDiscountsGenerateRun as guardRun } from "../../promo-guard/src/index";
import { cartLinesDiscountsGenerateRun as campaignRun } from "../src/index";
import { findSpec, guardFacts, readCatalogue, rejectOperations, resolveStacking } from "../src/checkout/guard";
import type { CompiledCatalogue, StackingDecision } from "../src/checkout/guard";
import { compileCatalogue } from "../src/config";
import type { CatalogueEntry, StackingCatalogue } from "../src/config";
import { campaign, campaignInput, cartLine, guardInput } from "./support/inputs";
import type { CartOptions } from "./support/inputs";

function catalogue(campaigns: CatalogueEntry[], policy: Partial<StackingCatalogue> = {}): StackingCatalogue {
  return { version: 1, maxCodesPerOrder: 2, selection: "priority", unlistedCodes: "allow", campaigns, ...policy };
}

const hundred: CartOptions = { lines: [cartLine(1, { price: "100.00" })] };

/** The guard's run: which entered codes it turns away, with the shopper's message. */
function rejections(codes: string[], entries: CatalogueEntry[], policy: Partial<StackingCatalogue> = {}, options: CartOptions = {}) {
  return guardRun(guardInput(catalogue(entries, policy), codes, { ...hundred, ...options })).operations;
}

/** resolveStacking on a real input, with `false` marking a code Shopify has already applied (not rejectable). */
function decide(codes: [string, boolean?][], entries: CatalogueEntry[], policy: Partial<StackingCatalogue> = {}, options: CartOptions = {}): StackingDecision {
  const input = guardInput(
    catalogue(entries, policy),
    codes.map(([code]) => code),
    { ...hundred, ...options },
  );
  return resolveStacking(
    codes.map(([code, rejectable = true]) => ({ c: code, r: rejectable })),
    readCatalogue(input) as CompiledCatalogue,
    guardFacts(input),
  );
}

const reject = (message: string, ...codes: string[]) => ({ enteredDiscountCodesReject: { codes: codes.map((code) => ({ code })), message } });

afterEach(() => vi.restoreAllMocks());

describe("catalogue lookup (findSpec)", () => {
  const compiled = compileCatalogue(
    catalogue([
      ["VIP-*", "joint", 1, "5%"],
      ["VIP-GOLD-*", "joint", 2, "10%"],
      ["VIP-GOLD-1", "exclusive", 3, "20%"],
      ["summer10", "joint", 1, "10%"],
    ]),
  );
  const valueFor = (code: string) => findSpec(compiled, code)?.spec[2];

  it("matches exact codes first, then the longest prefix, ignoring case", () => {
    expect(valueFor("vip-gold-1")).toBe(20);
    expect(valueFor("VIP-GOLD-2")).toBe(10);
    expect(valueFor("Vip-silver")).toBe(5);
    expect(valueFor("SUMMER10")).toBe(10);
    // The pattern it matched: what the customer's per-campaign use counts are kept under.
    expect(findSpec(compiled, "vip-gold-7")?.pattern).toBe("VIP-GOLD-*");
    expect(findSpec(compiled, "VIP")).toBeNull();
    expect(findSpec(compiled, "SUMMER10X")).toBeNull();
    expect(findSpec(compiled, "SUMMER1")).toBeNull();
  });

  it("ignores an entry that is not a spec, with one log line naming the code, as if it were not listed", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const good = compileCatalogue(
      catalogue([
        ["GOOD", "joint", 1, "5%"],
        ["BROKEN", "joint", 1, "5%"],
        ["ALSO-*", "joint", 1, "5%"],
      ]),
    );
    const damaged: CompiledCatalogue = { ...good, x: good.x.replace(/\nBROKEN\t[^\n]*/, '\nBROKEN\t[0,1,"lots",1]'), p: { ALSO: "sometimes" } };
    expect(findSpec(damaged, "GOOD")).toEqual({ spec: [0, 1, 5, 1], pattern: "GOOD" });
    expect(findSpec(damaged, "BROKEN")).toBeNull();
    expect(error).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith("PromoGuard: catalogue entry for BROKEN ignored: it is not a [category, priority, value, kind, rules] entry");
  });
});

describe("stacking policy", () => {
  it("keeps joint codes together up to the limit per order", () => {
    const entries: CatalogueEntry[] = [
      ["A", "joint", 3, "5%"],
      ["B", "joint", 2, "5%"],
      ["C", "joint", 1, "5%"],
    ];
    expect(decide([["A"], ["B"], ["C"]], entries).accepted).toEqual(["A", "B"]);
    expect(rejections(["A", "B", "C"], entries)).toEqual([reject("C wasn't applied: only 2 discount codes can be used on one order", "C")]);
  });

  it("never combines an exclusive code, whichever side wins", () => {
    const entries: CatalogueEntry[] = [
      ["SOLO", "exclusive", 5, "10%"],
      ["JOINT", "joint", 1, "30%"],
    ];
    expect(rejections(["JOINT", "SOLO"], entries)).toEqual([reject("JOINT can't be combined with SOLO", "JOINT")]);
    expect(rejections(["JOINT", "SOLO"], entries, { selection: "bestValue" })).toEqual([reject("SOLO can't be combined with JOINT", "SOLO")]);
  });

  it("ranks best value on this cart: percentages of its subtotal, amounts converted", () => {
    const entries: CatalogueEntry[] = [
      ["PCT", "exclusive", 9, "10%"],
      ["AMT", "exclusive", 1, "10.00"],
    ];
    // 10% of 100.00 EUR = 10.00 EUR; 10.00 USD at 1.2 = 12.00 EUR.
    expect(decide([["PCT"], ["AMT"]], entries, { selection: "bestValue" }, { currency: "EUR", rate: "1.2" }).accepted).toEqual(["AMT"]);
    // At 0.8 the amount is 8.00 EUR and the percentage wins.
    expect(decide([["PCT"], ["AMT"]], entries, { selection: "bestValue" }, { currency: "EUR", rate: "0.8" }).accepted).toEqual(["PCT"]);
  });

  it("breaks ties by priority, then by the order codes were entered", () => {
    const entries: CatalogueEntry[] = [
      ["X", "exclusive", 1, "5.00"],
      ["Y", "exclusive", 2, "5.00"],
      ["Z", "exclusive", 2, "5.00"],
    ];
    expect(decide([["X"], ["Z"], ["Y"]], entries, { selection: "bestValue" }).accepted).toEqual(["Z"]);
  });

  it("keeps codes Shopify already applied, since they cannot be rejected", () => {
    const decision = decide(
      [["BETTER"], ["APPLIED", false]],
      [
        ["BETTER", "joint", 9, "50%"],
        ["APPLIED", "exclusive", 0, "1%"],
      ],
      { selection: "bestValue" },
    );
    expect(decision).toEqual({ accepted: ["APPLIED"], rejected: [{ code: "BETTER", message: "BETTER can't be combined with APPLIED" }] });
  });

  it("lets the shop allow or refuse codes PromoGuard did not create", () => {
    expect(decide([["OLD"]], [], { unlistedCodes: "allow" })).toEqual({ accepted: ["OLD"], rejected: [] });
    expect(rejections(["OLD"], [], { unlistedCodes: "refuse" })).toEqual([reject("OLD can't be used on this order", "OLD")]);
    expect(decide([["OLD", false]], [], { unlistedCodes: "refuse" }).rejected).toEqual([]);
  });

  it("refuses codes whose guardable rules the cart fails, with the rule's explanation", () => {
    const entries: CatalogueEntry[] = [
      ["WELCOME10", "joint", 1, "10%", { firstOrder: true }],
      ["BIZ", "joint", 1, "10%", { b2b: "only" }],
      ["WEEKEND", "joint", 1, "10%", { weekdays: ["sat", "sun"] }],
    ];
    expect(rejections(["WELCOME10", "BIZ", "WEEKEND"], entries, {}, { customer: { numberOfOrders: 1 } })).toEqual([
      reject("WELCOME10 is for first orders", "WELCOME10"),
      reject("BIZ is for business accounts", "BIZ"),
      reject("WEEKEND is only valid on Sat, Sun", "WEEKEND"),
    ]);
  });

  it("counts the whole cart, gift cards included, for subtotal and quantity rules", () => {
    // (4) The guard reads no per-line prices, to stay cheap at 200 lines: a gift card counts.
    const entries: CatalogueEntry[] = [["BIG", "joint", 1, "5%", { minimumSubtotal: "60.00", minimumQuantity: 2 }]];
    const withGiftCard = { lines: [cartLine(1, { price: "40.00" }), cartLine(2, { price: "30.00", giftCard: true })] };
    expect(rejections(["BIG"], entries, {}, withGiftCard)).toEqual([]);
    expect(rejections(["BIG"], entries, {}, { lines: [cartLine(1, { price: "40.00" })] })).toEqual([
      reject("BIG needs 60.00 USD of eligible items: add 20.00 USD more", "BIG"),
    ]);
  });

  it("groups rejections by message, one operation each", () => {
    expect(
      rejectOperations([
        { code: "A", message: "m1" },
        { code: "B", message: "m2" },
        { code: "C", message: "m1" },
      ]),
    ).toEqual([reject("m1", "A", "C"), reject("m2", "B")]);
  });
});

describe("guard and campaign runs", () => {
  const shopCatalogue = catalogue([
    ["SOLO", "exclusive", 5, "10%"],
    ["JOINT", "joint", 1, "30%"],
  ]);

  it("the guard does nothing without entered codes or without a catalogue (policy off)", () => {
    expect(guardRun(guardInput(shopCatalogue, [])).operations).toEqual([]);
    expect(guardRun(guardInput(null, ["JOINT", "SOLO"])).operations).toEqual([]);
  });

  it("a campaign whose code loses still discounts in its own run: the guard alone rejects the code", () => {
    // (1) Campaign runs no longer read the catalogue nor check their own code's stacking.
    expect(guardRun(guardInput(shopCatalogue, ["SOLO", "JOINT"])).operations).toEqual([reject("JOINT can't be combined with SOLO", "JOINT")]);
    expect(campaignRun(campaignInput(campaign(), { codes: ["SOLO", "JOINT"] })).operations).toHaveLength(1);
  });
});
