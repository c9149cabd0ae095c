// Emulator test function: the same percentage off every cart line, read from the discount's config metafield.
interface Input {
  cart: { lines: { id: string }[] };
  discount: { discountClasses: string[]; metafield: { jsonValue: { percentage: number; message?: string } } | null };
}

export function cartLinesDiscountsGenerateRun(input: Input) {
  const config = input.discount.metafield?.jsonValue;
  if (!config || input.cart.lines.length === 0) return { operations: [] };
  console.log(`${config.percentage}% off ${input.cart.lines.length} line(s)`);
  return {
    operations: [
      {
        productDiscountsAdd: {
          selectionStrategy: "FIRST",
          candidates: [
            {
              message: config.message ?? `${config.percentage}% off`,
              targets: input.cart.lines.map((line) => ({ cartLine: { id: line.id } })),
              value: { percentage: { value: config.percentage } },
            },
          ],
        },
      },
    ],
  };
}
