// Emulator test function: a fixed amount configured in the SHOP currency, converted to the cart
// currency with presentmentCurrencyRate, off all lines together or off every item.
interface Input {
  presentmentCurrencyRate: string;
  cart: { lines: { id: string }[] };
  discount: { metafield: { jsonValue: { amount: string; appliesToEachItem: boolean } } | null };
}

export function cartLinesDiscountsGenerateRun(input: Input) {
  const config = input.discount.metafield?.jsonValue;
  if (!config) return { operations: [] };
  const amount = (Number(config.amount) * Number(input.presentmentCurrencyRate)).toFixed(2);
  return {
    operations: [
      {
        productDiscountsAdd: {
          selectionStrategy: "ALL",
          candidates: [
            {
              targets: input.cart.lines.map((line) => ({ cartLine: { id: line.id } })),
              value: { fixedAmount: { amount, appliesToEachItem: config.appliesToEachItem } },
            },
          ],
        },
      },
    ],
  };
}
