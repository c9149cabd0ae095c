// The benchmark's yardstick: the least a discount function can do on the same input — one pass
// over the lines and one candidate (10% off every line). PromoGuard's cost is reported as a
// multiple of this function's cost on the same carts, inside the same QuickJS runner.
interface BaselineInput {
  cart: { lines: { id: string; quantity: number }[] };
}

export function cartLinesDiscountsGenerateRun(input: BaselineInput) {
  const targets: { cartLine: { id: string } }[] = [];
  for (const line of input.cart.lines) {
    if (line.quantity > 0) targets.push({ cartLine: { id: line.id } });
  }
  if (targets.length === 0) return { operations: [] };
  return {
    operations: [{
      productDiscountsAdd: {
        candidates: [{ targets, value: { percentage: { value: "10" } }, message: "10% off" }],
        selectionStrategy: "FIRST",
      },
    }],
  };
}
