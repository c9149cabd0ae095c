import { runCartLines } from "./engine/runs";
import type { RunInput } from "./input";
import type { CartLinesDiscountsGenerateRunResult } from "./output";
import { neverThrow } from "./safety";

export const cartLinesDiscountsGenerateRun: (input: RunInput) => CartLinesDiscountsGenerateRunResult =
  neverThrow("cart.lines.discounts.generate.run", runCartLines, () => ({ operations: [] }));
