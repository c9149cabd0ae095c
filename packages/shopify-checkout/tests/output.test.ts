import { expect, test } from "vitest";
import { simulateCheckout } from "../src/index";
import { CHECKOUT_INSTANT, cart, cartLine, discount, shop, testFunction } from "./test-factories";

test.each([
  [
    "two values",
    /output\.operations\.0\.productDiscountsAdd\.candidates\.0\.value: ProductDiscountCandidateValue is @oneOf and needs exactly one of fixedAmount, percentage; got fixedAmount, percentage/,
  ],
  [
    "no selection strategy",
    /output\.operations\.0\.productDiscountsAdd: Field "selectionStrategy" of required type "ProductDiscountSelectionStrategy!" was not provided/,
  ],
  ["unknown strategy", /output\.operations\.0\.productDiscountsAdd\.selectionStrategy: Value "BEST" does not exist in "ProductDiscountSelectionStrategy" enum/],
  ["percentage over 100", /Percentage\.value must be >= 0 and <= 100, got 150/],
  ["not a decimal", /ProductDiscountCandidateFixedAmount\.amount must be a decimal number, got "ten"/],
  ["unknown line", /candidates\[0\]\.targets\[0\] names cart line gid:\/\/shopify\/CartLine\/404, which is not in the cart/],
  [
    "no operations",
    /returned an invalid CartLinesDiscountsGenerateRunResult:[\s\S]*Field "operations" of required type "\[CartOperation!\]!" was not provided/,
  ],
])("an invalid function output fails the checkout loudly: %s", async (mistake, message) => {
  const broken = discount(await testFunction("invalid-output"), { mistake });
  await expect(simulateCheckout(cart([cartLine()]), [broken], { shop: shop(), now: CHECKOUT_INSTANT })).rejects.toThrow(message);
});
