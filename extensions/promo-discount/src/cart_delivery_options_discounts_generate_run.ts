import { runDeliveryOptions } from "./engine/runs";
import type { RunInput } from "./input";
import type { CartDeliveryOptionsDiscountsGenerateRunResult } from "./output";
import { neverThrow } from "./safety";

export const cartDeliveryOptionsDiscountsGenerateRun: (input: RunInput) => CartDeliveryOptionsDiscountsGenerateRunResult =
  neverThrow("cart.delivery-options.discounts.generate.run", runDeliveryOptions, () => ({ operations: [] }));
