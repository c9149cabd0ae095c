import { describe, expect, it } from "vitest";
import { createShopifyEmulator } from "../../emulator";
import { DEMO_SHOP } from "../catalogue";
import { cartSession } from "./cart";
import { enterCode } from "./checkout";

function shopWithCodes() {
  const emulator = createShopifyEmulator({ shops: [DEMO_SHOP.domain], throttle: false });
  const seed = emulator.seedFor(DEMO_SHOP.domain);
  seed.discount({ title: "Order codes", codes: ["A1", "A2", "A3", "A4", "A5", "A6"], discountClasses: ["ORDER"], summary: "10% off entire order" });
  seed.discount({ title: "Shipping codes", codes: ["SHIPA", "SHIPB"], discountClasses: ["SHIPPING"], summary: "Free shipping on all products" });
  return emulator;
}

describe("discount codes at the demo checkout", () => {
  it("takes up to 5 product or order codes and 1 shipping code, and says so beyond", () => {
    const emulator = shopWithCodes();
    const { session } = cartSession(undefined);
    for (const code of ["A1", "A2", "A3", "A4", "A5", "SHIPA"]) expect(enterCode(emulator, session, code)).toBeNull();
    expect(enterCode(emulator, session, "A6")).toBe("Only 5 discount codes can be used on an order. Remove one to add another.");
    expect(enterCode(emulator, session, "shipb")).toBe("Only 1 shipping discount code can be used on an order. Remove it to use another.");
    expect(enterCode(emulator, session, " a1 ")).toBe("A1 has already been entered");
    expect(enterCode(emulator, session, "  ")).toBe("Enter a discount code");
    expect(session.codes).toEqual(["A1", "A2", "A3", "A4", "A5", "SHIPA"]);
  });
});
