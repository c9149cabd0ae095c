import { describe, expect, it, vi } from "vitest";
import { findCampaign, indexCatalogue } from "../src/config/catalogue";
import type { CatalogueEntry, CatalogueIndex, StackingCatalogue } from "../src/config/catalogue";
import { WHOLE_CART, buildCartFacts, wholeCartView } from "../src/engine/cart-facts";
import { rejectOperations } from "../src/engine/operations";
import { readCatalogue, resolveStacking } from "../src/engine/stacking";
import { runCartLines, runDeliveryOptions } from "../src/engine/runs";
import { evaluateCampaign } from "../src/engine/campaign";
import { campaign, cartLine, runInput } from "./support/cart";
import type { InputOptions } from "./support/cart";

function catalogue(campaigns: CatalogueEntry[], policy: Partial<StackingCatalogue> = {}): StackingCatalogue {
  return { version: 1, maxCodesPerOrder: 2, selection: "priority", unlistedCodes: "allow", campaigns, ...policy };
}

function indexed(value: StackingCatalogue): CatalogueIndex {
  const result = indexCatalogue(value);
  if (!result.ok) throw new Error(result.issues.map((issue) => issue.message).join("; "));
  return result.value;
}

function decide(codes: [string, boolean?][], entries: CatalogueEntry[], policy: Partial<StackingCatalogue> = {}, options: InputOptions = {}) {
  const input = runInput({ lines: [cartLine(1, { price: "100.00" })], ...options });
  const cart = wholeCartView(buildCartFacts(input, WHOLE_CART));
  const entered = codes.map(([code, rejectable = true]) => ({ code, rejectable }));
  return resolveStacking(entered, indexed(catalogue(entries, policy)), cart);
}

describe("catalogue lookup", () => {
  const index = indexed(catalogue([
    ["VIP-*", "joint", 1, "5%"], ["VIP-GOLD-*", "joint", 2, "10%"], ["VIP-GOLD-1", "exclusive", 3, "20%"], ["summer10", "joint", 1, "10%"],
  ]));

  it("matches exact codes first, then the longest prefix, ignoring case", () => {
    expect(findCampaign(index, "vip-gold-1")?.[3]).toBe("20%");
    expect(findCampaign(index, "VIP-GOLD-2")?.[3]).toBe("10%");
    expect(findCampaign(index, "Vip-silver")?.[3]).toBe("5%");
    expect(findCampaign(index, "SUMMER10")?.[3]).toBe("10%");
    expect(findCampaign(index, "VIP")).toBeUndefined();
    expect(findCampaign(index, "SUMMER10X")).toBeUndefined();
  });
});

describe("stacking policy", () => {
  it("keeps joint codes together up to the limit per order", () => {
    const decision = decide([["A"], ["B"], ["C"]], [["A", "joint", 3, "5%"], ["B", "joint", 2, "5%"], ["C", "joint", 1, "5%"]]);
    expect(decision.accepted).toEqual(["A", "B"]);
    expect(decision.rejected).toEqual([{ code: "C", message: "C wasn't applied: only 2 discount codes can be used on one order" }]);
  });

  it("never combines an exclusive code, whichever side wins", () => {
    const entries: CatalogueEntry[] = [["SOLO", "exclusive", 5, "10%"], ["JOINT", "joint", 1, "30%"]];
    expect(decide([["JOINT"], ["SOLO"]], entries).rejected).toEqual([{ code: "JOINT", message: "JOINT can't be combined with SOLO" }]);
    expect(decide([["JOINT"], ["SOLO"]], entries, { selection: "bestValue" }).rejected).toEqual([{ code: "SOLO", message: "SOLO can't be combined with JOINT" }]);
  });

  it("ranks best value on this cart: percentages on the merchandise subtotal, amounts converted", () => {
    const entries: CatalogueEntry[] = [["PCT", "exclusive", 9, "10%"], ["AMT", "exclusive", 1, "10.00"]];
    // 10% of 100.00 EUR = 10.00 EUR; 10.00 USD at 1.2 = 12.00 EUR.
    expect(decide([["PCT"], ["AMT"]], entries, { selection: "bestValue" }, { currency: "EUR", rate: "1.2" }).accepted).toEqual(["AMT"]);
    // At 0.8 the amount is 8.00 EUR and the percentage wins.
    expect(decide([["PCT"], ["AMT"]], entries, { selection: "bestValue" }, { currency: "EUR", rate: "0.8" }).accepted).toEqual(["PCT"]);
  });

  it("breaks ties by priority, then by the order codes were entered", () => {
    const entries: CatalogueEntry[] = [["X", "exclusive", 1, "5.00"], ["Y", "exclusive", 2, "5.00"], ["Z", "exclusive", 2, "5.00"]];
    expect(decide([["X"], ["Z"], ["Y"]], entries, { selection: "bestValue" }).accepted).toEqual(["Z"]);
  });

  it("keeps codes Shopify already applied, since they cannot be rejected", () => {
    const decision = decide([["BETTER"], ["APPLIED", false]], [["BETTER", "joint", 9, "50%"], ["APPLIED", "exclusive", 0, "1%"]], { selection: "bestValue" });
    expect(decision.accepted).toEqual(["APPLIED"]);
    expect(decision.rejected).toEqual([{ code: "BETTER", message: "BETTER can't be combined with APPLIED" }]);
  });

  it("lets the shop allow or refuse codes PromoGuard did not create", () => {
    expect(decide([["OLD"]], [], { unlistedCodes: "allow" })).toEqual({ accepted: ["OLD"], rejected: [] });
    expect(decide([["OLD"]], [], { unlistedCodes: "refuse" }).rejected).toEqual([{ code: "OLD", message: "OLD can't be used on this order" }]);
    expect(decide([["OLD", false]], [], { unlistedCodes: "refuse" }).rejected).toEqual([]);
  });

  it("refuses codes whose guardable rules the cart fails, with the rule's explanation", () => {
    const entries: CatalogueEntry[] = [
      ["WELCOME10", "joint", 1, "10%", { firstOrder: true }],
      ["BIZ", "joint", 1, "10%", { b2b: "only" }],
      ["WEEKEND", "joint", 1, "10%", { weekdays: ["sat", "sun"] }],
    ];
    const decision = decide([["WELCOME10"], ["BIZ"], ["WEEKEND"]], entries, {}, { customer: { numberOfOrders: 1 } });
    expect(decision.rejected).toEqual([
      { code: "WELCOME10", message: "WELCOME10 is for first orders" },
      { code: "BIZ", message: "BIZ is for business accounts" },
      { code: "WEEKEND", message: "WEEKEND is only valid on Sat, Sun" },
    ]);
  });

  it("checks an entry only when a code matches it, and ignores a broken one as if not listed", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const entries = [["GOOD", "joint", 1, "5%"], ["BROKEN", "joint", 1, "lots"], ["ALSO-BROKEN", "sometimes", 1, "5%"]] as CatalogueEntry[];
    expect(decide([["GOOD"], ["BROKEN"]], entries, { unlistedCodes: "allow" })).toEqual({ accepted: ["BROKEN", "GOOD"], rejected: [] });
    expect(error).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith('PromoGuard: catalogue entry for BROKEN ignored: entry[3] expected a value like "15%" or "10.00"');
    error.mockRestore();
  });

  it("groups rejections by message, one operation each", () => {
    expect(rejectOperations([{ code: "A", message: "m1" }, { code: "B", message: "m2" }, { code: "C", message: "m1" }])).toEqual([
      { enteredDiscountCodesReject: { codes: [{ code: "A" }, { code: "C" }], message: "m1" } },
      { enteredDiscountCodesReject: { codes: [{ code: "B" }], message: "m2" } },
    ]);
  });
});

describe("guard and campaign runs", () => {
  const shopCatalogue = catalogue([["SOLO", "exclusive", 5, "10%"], ["JOINT", "joint", 1, "30%"]]);
  const guard = { version: 1, kind: "guard" };

  it("the guard rejects from the cart-lines target only, so messages are not doubled", () => {
    const input = runInput({ config: guard, catalogue: shopCatalogue, enteredDiscountCodes: [{ code: "JOINT", rejectable: true }, { code: "SOLO", rejectable: true }] });
    expect(runCartLines(input).operations).toEqual([{ enteredDiscountCodesReject: { codes: [{ code: "JOINT" }], message: "JOINT can't be combined with SOLO" } }]);
    expect(runDeliveryOptions(input).operations).toEqual([]);
  });

  it("a campaign whose code loses gives nothing, and says why", () => {
    const config = campaign();
    const input = runInput({ config, catalogue: shopCatalogue, triggeringDiscountCode: "JOINT", enteredDiscountCodes: [{ code: "SOLO", rejectable: true }, { code: "JOINT", rejectable: true }] });
    expect(runCartLines(input).operations).toEqual([]);
    expect(evaluateCampaign(config, input, ["PRODUCT"]).reasons).toEqual([{ source: "stacking", message: "JOINT can't be combined with SOLO" }]);
  });

  it("without a catalogue (or with a malformed one) the policy is off and campaigns apply", () => {
    const config = campaign();
    const entered = [{ code: "SOLO", rejectable: true }, { code: "JOINT", rejectable: true }];
    expect(runCartLines(runInput({ config, triggeringDiscountCode: "JOINT", enteredDiscountCodes: entered })).operations).toHaveLength(1);
    const broken = runInput({ config, catalogue: { version: 1, campaigns: "nope" }, triggeringDiscountCode: "JOINT", enteredDiscountCodes: entered });
    expect(readCatalogue(broken)).toBeNull();
    expect(runCartLines(broken).operations).toHaveLength(1);
    expect(runCartLines(runInput({ config: guard, catalogue: { version: 1, campaigns: "nope" }, enteredDiscountCodes: entered })).operations).toEqual([]);
  });
});
