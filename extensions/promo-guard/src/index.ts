// The guard's entry: one export for the cart-lines target, where code rejections are made.
import { runGuard } from "../../promo-discount/src/checkout/guard";
import type { GuardInput } from "../../promo-discount/src/checkout/input";
import type { CartLinesDiscountsGenerateRunResult } from "../../promo-discount/src/checkout/output";
import { neverThrow } from "../../promo-discount/src/checkout/safety";

export const cartLinesDiscountsGenerateRun: (input: GuardInput) => CartLinesDiscountsGenerateRunResult = neverThrow(
  "cart.lines.discounts.generate.run",
  runGuard,
  () => ({ operations: [] }),
);
