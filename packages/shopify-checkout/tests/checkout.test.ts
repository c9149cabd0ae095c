import { describe, expect, test } from "vitest";
import { simulateCheckout } from "../src/index";
import { CHECKOUT_INSTANT, cart, cartLine, combinesWithEverything, deliveryGroup, discount, shop, testFunction } from "./test-factories";
import type { Customer } from "../src/types";

const at = { shop: shop(), now: CHECKOUT_INSTANT };

const vip = (tags: string[] = ["vip"]): Customer => ({
  id: "gid://shopify/Customer/5",
  email: "vip@example.com",
  tags,
  numberOfOrders: 3,
  amountSpentInShopCurrency: "250.00",
});

describe("simulateCheckout applies a function discount", () => {
  test("10% off every line gives exact totals, allocations and the run's logs", async () => {
    const tenPercent = discount(await testFunction("percent-off-lines"), { percentage: 10, message: "Ten off" });
    const lines = [cartLine({ unitPrice: "19.99", quantity: 3 }), cartLine({ unitPrice: "5.55" })];

    const result = await simulateCheckout(cart(lines), [tenPercent], at);

    // 59.97 × 10% = 5.997 → 6.00; 5.55 × 10% = 0.555 → 0.56 (half up, per line).
    expect(result.totals).toEqual({
      subtotal: "65.52",
      lineDiscounts: "6.56",
      orderDiscounts: "0.00",
      shipping: "0.00",
      shippingDiscounts: "0.00",
      total: "58.96",
    });
    expect(result.lines.map((line) => [line.allocations.map((allocation) => allocation.amount), line.total])).toEqual([
      [["6.00"], "53.97"],
      [["0.56"], "4.99"],
    ]);
    expect(result.appliedDiscounts).toEqual([
      {
        discountId: tenPercent.id,
        title: tenPercent.title,
        method: "AUTOMATIC",
        code: null,
        amounts: { PRODUCT: "6.56" },
        total: "6.56",
        values: { PRODUCT: { type: "percentage", percentage: "10", allocationMethod: "ACROSS" } },
        messages: ["Ten off"],
      },
    ]);
    const [run] = result.runs;
    expect(run.target).toBe("cart.lines.discounts.generate.run");
    expect(run.logs).toEqual(["10% off 2 line(s)"]);
    expect(run.memoryUsedBytes).toBeGreaterThan(0);
    expect(run.input).toEqual({
      cart: { lines: lines.map(({ id }) => ({ id })) },
      discount: { discountClasses: ["PRODUCT"], metafield: { jsonValue: { percentage: 10, message: "Ten off" } } },
    });
  });

  test("a fixed amount set in shop currency comes off in the presentment currency", async () => {
    const fixedAmount = await testFunction("fixed-amount-off-lines");
    const lines = () => [cartLine({ unitPrice: "30.00" }), cartLine({ unitPrice: "5.00", quantity: 2 })];
    const euroCart = (cartLines = lines()) => cart(cartLines, { currencyCode: "EUR", presentmentCurrencyRate: "0.92" });

    // 10.00 USD × 0.92 = 9.20 EUR, spread over 30.00 and 10.00 of merchandise.
    const across = await simulateCheckout(euroCart(), [discount(fixedAmount, { amount: "10.00", appliesToEachItem: false })], at);
    expect(across.currencyCode).toBe("EUR");
    expect(across.lines.map((line) => line.allocations[0].amount)).toEqual(["6.90", "2.30"]);
    expect(across.totals.total).toBe("30.80");
    expect(across.appliedDiscounts[0].values.PRODUCT).toEqual({ type: "fixed_amount", amount: "9.20", allocationMethod: "ACROSS" });

    // Off every item, never more than the item costs: 9.20 off the 30.00 item, 5.00 off each 5.00 item.
    const each = await simulateCheckout(euroCart(), [discount(fixedAmount, { amount: "10.00", appliesToEachItem: true })], at);
    expect(each.lines.map((line) => line.allocations[0].amount)).toEqual(["9.20", "10.00"]);
    expect(each.totals).toMatchObject({ lineDiscounts: "19.20", total: "20.80" });
    expect(each.appliedDiscounts[0].values.PRODUCT).toEqual({ type: "fixed_amount", amount: "19.20", allocationMethod: "EACH" });
  });

  test("a shipping discount reduces the delivery options it targets, and the buyer pays the selected one", async () => {
    const halfShipping = discount(
      await testFunction("shipping-discount"),
      { percentage: 50, methodType: "SHIPPING", countries: ["CA"] },
      { discountClasses: ["SHIPPING"] },
    );
    const lines = [cartLine({ unitPrice: "10.00" }), cartLine({ unitPrice: "12.00" })];
    const toCanada = deliveryGroup([lines[0]]);
    const toUnitedStates = deliveryGroup([lines[1]], {
      id: "gid://shopify/CartDeliveryGroup/2",
      address: { countryCode: "US" },
      options: [{ handle: "us-standard", title: "Standard", cost: "9.00", methodType: "SHIPPING" }],
      selectedHandle: "us-standard",
    });

    const result = await simulateCheckout(cart(lines, { deliveryGroups: [toCanada, toUnitedStates] }), [halfShipping], at);

    expect(result.runs.map((run) => run.target)).toEqual(["cart.delivery-options.discounts.generate.run"]);
    expect(result.deliveryGroups[0].options).toEqual([
      { handle: "standard", cost: "8.00", discount: "4.00", discountedCost: "4.00" },
      { handle: "express", cost: "20.00", discount: "10.00", discountedCost: "10.00" },
      { handle: "pickup", cost: "0.00", discount: "0.00", discountedCost: "0.00" },
    ]);
    expect(result.deliveryGroups[0].allocations).toEqual([{ discountId: halfShipping.id, discountClass: "SHIPPING", code: null, amount: "4.00" }]);
    expect(result.deliveryGroups[1].allocations).toEqual([]);
    expect(result.totals).toEqual({
      subtotal: "22.00",
      lineDiscounts: "0.00",
      orderDiscounts: "0.00",
      shipping: "17.00",
      shippingDiscounts: "4.00",
      total: "35.00",
    });
    expect(result.appliedDiscounts[0]).toMatchObject({ amounts: { SHIPPING: "4.00" }, messages: ["Shipping deal"] });
  });

  test("order discount conditions are checked on the subtotal left after product discounts", async () => {
    const productTen = discount(await testFunction("percent-off-lines"), { percentage: 10 }, { combinesWith: combinesWithEverything });
    const tiers = {
      tiers: [
        { minimumSubtotal: "100.00", percentage: 10 },
        { minimumSubtotal: "50.00", percentage: 5 },
      ],
    };
    const lines = [cartLine({ unitPrice: "60.00" }), cartLine({ unitPrice: "50.00" }), cartLine({ unitPrice: "25.00", isGiftCard: true })];
    const orderDiscount = await testFunction("order-discount");
    const orderTiers = (combines: boolean) =>
      discount(orderDiscount, tiers, { discountClasses: ["ORDER"], combinesWith: { ...combinesWithEverything, productDiscounts: combines } });

    // Together: 110.00 of non-gift-card merchandise drops to 99.00 after 10% off, so the 5% tier applies: 4.95.
    const together = await simulateCheckout(cart(lines), [productTen, orderTiers(true)], at);
    expect(together.totals).toMatchObject({ subtotal: "135.00", lineDiscounts: "13.50", orderDiscounts: "4.95", total: "116.55" });
    expect(together.lines.map((line) => line.allocations.map(({ discountClass, amount }) => `${discountClass} ${amount}`))).toEqual([
      ["PRODUCT 6.00", "ORDER 2.70"],
      ["PRODUCT 5.00", "ORDER 2.25"],
      ["PRODUCT 2.50"],
    ]);
    expect(together.appliedDiscounts[1].messages).toEqual(["5% off orders over 50.00"]);

    // Apart: 10% off the 110.00 order (11.00) loses to 10% off every line (13.50), so only the product discount applies.
    const apart = await simulateCheckout(cart(lines), [productTen, orderTiers(false)], at);
    expect(apart.appliedDiscounts.map((applied) => applied.discountId)).toEqual([productTen.id]);
    expect(apart.totals).toMatchObject({ lineDiscounts: "13.50", orderDiscounts: "0.00", total: "121.50" });
  });
});

describe("input variables from the discount's metafield", () => {
  const config = { productTags: ["sale"], collectionIds: ["gid://shopify/Collection/7"], customerTags: ["vip"], percentage: 20 };

  test("reach hasAnyTag and inAnyCollection in the input query", async () => {
    const tagged = discount(await testFunction("tagged-lines"), config);
    const lines = [cartLine({ tags: ["sale", "summer"] }), cartLine({ collectionIds: ["gid://shopify/Collection/7"] }), cartLine({ tags: ["new"] })];

    const result = await simulateCheckout(cart(lines, { buyerIdentity: { isAuthenticated: true, customer: vip() } }), [tagged], at);

    const input = result.runs[0].input as { cart: { lines: { merchandise: unknown }[]; buyerIdentity: unknown } };
    expect(input.cart.lines.map((line) => line.merchandise)).toEqual([
      { __typename: "ProductVariant", product: { hasAnyTag: true, inAnyCollection: false } },
      { __typename: "ProductVariant", product: { hasAnyTag: false, inAnyCollection: true } },
      { __typename: "ProductVariant", product: { hasAnyTag: false, inAnyCollection: false } },
    ]);
    expect(input.cart.buyerIdentity).toEqual({ customer: { hasAnyTag: true } });
    expect(result.lines.map((line) => line.total)).toEqual(["8.00", "8.00", "10.00"]);
  });

  test("a customer without the configured tags gets nothing", async () => {
    const tagged = discount(await testFunction("tagged-lines"), config);
    const result = await simulateCheckout(
      cart([cartLine({ tags: ["sale"] })], { buyerIdentity: { isAuthenticated: true, customer: vip(["wholesale"]) } }),
      [tagged],
      at,
    );
    expect(result.appliedDiscounts).toEqual([]);
    expect(result.totals.total).toBe("10.00");
  });
});

describe("entered codes", () => {
  test("a code rejected by a function is not applied and carries the function's message", async () => {
    const percentOff = await testFunction("percent-off-lines");
    const guard = discount(await testFunction("code-guard"), { rejectPrefix: "STAFF", rejectMessage: "Staff codes only work in store" });
    const staff = discount(percentOff, { percentage: 50 }, { codes: ["STAFF50"], combinesWith: combinesWithEverything });
    const welcome = discount(percentOff, { percentage: 10 }, { codes: ["WELCOME10"] });

    const result = await simulateCheckout(
      cart([cartLine({ unitPrice: "40.00" })], { enteredDiscountCodes: ["staff50", "Welcome10"] }),
      [guard, staff, welcome],
      at,
    );

    expect(result.codes).toEqual([
      { code: "STAFF50", status: "REJECTED", reason: "REJECTED_BY_FUNCTION", message: "Staff codes only work in store", rejectedBy: guard.id },
      { code: "WELCOME10", status: "APPLIED", discountId: welcome.id },
    ]);
    expect(result.appliedDiscounts.map((applied) => [applied.code, applied.total])).toEqual([["WELCOME10", "4.00"]]);
    expect(result.totals.total).toBe("36.00");
    // Functions see the entered codes in the discounts' own spelling; each code discount ran under its code.
    const guardRun = result.runs.find((run) => run.discountId === guard.id)!;
    expect((guardRun.input as { enteredDiscountCodes: unknown }).enteredDiscountCodes).toEqual([
      { code: "STAFF50", rejectable: true },
      { code: "WELCOME10", rejectable: true },
    ]);
    expect(result.runs.map((run) => run.discountId)).toEqual([guard.id, staff.id, welcome.id]);
  });

  test("codes of discounts nothing here prices are entered codes too: functions see them and may reject them, Shopify prices the rest", async () => {
    const guard = discount(await testFunction("code-guard"), { rejectPrefix: "STAFF", rejectMessage: "Staff codes only work in store" });
    const external = [
      { id: "gid://shopify/DiscountCodeNode/900", title: "Welcome 10%", codes: ["WELCOME10"] },
      { id: "gid://shopify/DiscountCodeNode/901", title: "Staff", codes: ["STAFF30"] },
    ];

    const result = await simulateCheckout(cart([cartLine({ unitPrice: "40.00" })], { enteredDiscountCodes: ["welcome10", "staff30", "NOPE"] }), [guard], {
      ...at,
      external,
    });

    expect(result.codes).toEqual([
      { code: "WELCOME10", status: "EXTERNAL", discountId: "gid://shopify/DiscountCodeNode/900" },
      { code: "STAFF30", status: "REJECTED", reason: "REJECTED_BY_FUNCTION", message: "Staff codes only work in store", rejectedBy: guard.id },
      { code: "NOPE", status: "REJECTED", reason: "NOT_FOUND", message: "Enter a valid discount code" },
    ]);
    const guardRun = result.runs.find((run) => run.discountId === guard.id)!;
    expect((guardRun.input as { enteredDiscountCodes: unknown }).enteredDiscountCodes).toEqual([
      { code: "WELCOME10", rejectable: true },
      { code: "STAFF30", rejectable: true },
    ]);
    expect(result.runs.map((run) => run.discountId)).toEqual([guard.id]);
    expect(result.totals.total).toBe("40.00");
  });

  test("unknown codes and codes whose discount offers nothing are reported as such", async () => {
    const percentOff = await testFunction("percent-off-lines");
    const nothing = discount(percentOff, undefined, { codes: ["NOTHING"] });

    const result = await simulateCheckout(cart([cartLine()], { enteredDiscountCodes: ["NOPE", "nothing"] }), [nothing], at);

    expect(result.codes).toEqual([
      { code: "NOPE", status: "REJECTED", reason: "NOT_FOUND", message: "Enter a valid discount code" },
      { code: "NOTHING", status: "REJECTED", reason: "NOT_APPLICABLE", message: "Discount code NOTHING doesn't apply to the items in this cart" },
    ]);
  });

  test("an automatic discount can accept an entered code and apply under it", async () => {
    const guard = discount(await testFunction("code-guard"), { acceptPrefix: "PARTNER", acceptPercentage: 15 });
    const partnerCode = discount(await testFunction("percent-off-lines"), undefined, { codes: ["PARTNER-ACME"] });

    const result = await simulateCheckout(cart([cartLine({ unitPrice: "20.00" })], { enteredDiscountCodes: ["partner-acme"] }), [guard, partnerCode], at);

    expect(result.codes).toEqual([{ code: "PARTNER-ACME", status: "APPLIED", discountId: guard.id }]);
    expect(result.appliedDiscounts).toMatchObject([{ discountId: guard.id, method: "AUTOMATIC", code: "PARTNER-ACME", total: "3.00" }]);
  });
});

describe("combinesWith decides which discounts apply together", () => {
  const setup = async (combine: boolean) => {
    const combinesWith = { ...combinesWithEverything, productDiscounts: combine };
    const everything = discount(await testFunction("percent-off-lines"), { percentage: 10 }, { combinesWith });
    const saleOnly = discount(
      await testFunction("tagged-lines"),
      { productTags: ["sale"], collectionIds: [], customerTags: ["vip"], percentage: 30 },
      { combinesWith },
    );
    const lines = [cartLine({ unitPrice: "50.00", tags: ["sale"] }), cartLine({ unitPrice: "50.00" })];
    return { everything, saleOnly, cart: cart(lines, { buyerIdentity: { isAuthenticated: true, customer: vip() } }) };
  };

  test("two product discounts that don't combine: only the better one applies", async () => {
    const { everything, saleOnly, cart: vipCart } = await setup(false);
    const result = await simulateCheckout(vipCart, [everything, saleOnly], at);
    // 30% of the sale line (15.00) beats 10% of both lines (10.00); the two never share the cart.
    expect(result.appliedDiscounts.map((applied) => [applied.discountId, applied.total])).toEqual([[saleOnly.id, "15.00"]]);
    expect(result.lines.map((line) => line.allocations.map((allocation) => allocation.discountId))).toEqual([[saleOnly.id], []]);
    expect(result.totals.total).toBe("85.00");
  });

  test("two product discounts that combine: each line gets the better of the two", async () => {
    const { everything, saleOnly, cart: vipCart } = await setup(true);
    const result = await simulateCheckout(vipCart, [everything, saleOnly], at);
    expect(result.lines.map((line) => line.allocations.map((allocation) => [allocation.discountId, allocation.amount]))).toEqual([
      [[saleOnly.id, "15.00"]],
      [[everything.id, "5.00"]],
    ]);
    expect(result.totals.total).toBe("80.00");
  });

  test("an entered code that loses to a non-combining automatic discount is refused with Shopify's message", async () => {
    const { saleOnly, cart: vipCart } = await setup(false);
    const tenCode = discount(await testFunction("percent-off-lines"), { percentage: 10 }, { codes: ["TEN"] });
    const result = await simulateCheckout({ ...vipCart, enteredDiscountCodes: ["TEN"] }, [saleOnly, tenCode], at);
    expect(result.codes).toEqual([
      { code: "TEN", status: "REJECTED", reason: "NOT_COMBINABLE", message: "Discount couldn't be used with your existing discounts." },
    ]);
    expect(result.appliedDiscounts.map((applied) => applied.discountId)).toEqual([saleOnly.id]);
  });
});

test("operations for a class the discount does not have are ignored, with a warning on the run", async () => {
  const orderOnly = discount(await testFunction("percent-off-lines"), { percentage: 10 }, { discountClasses: ["ORDER"] });
  const result = await simulateCheckout(cart([cartLine()]), [orderOnly], at);
  expect(result.appliedDiscounts).toEqual([]);
  expect(result.runs[0].warnings).toEqual([
    `Function percent-off-lines (cart.lines.discounts.generate.run) for discount ${orderOnly.id} operations[0].productDiscountsAdd ignored: discount ${orderOnly.id} does not have the PRODUCT class`,
  ]);
});
