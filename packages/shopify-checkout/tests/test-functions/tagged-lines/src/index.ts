// Emulator test function: a percentage off the lines whose product has one of the configured
// tags or sits in one of the configured collections, for customers with one of the configured tags.
interface Input {
  cart: {
    lines: { id: string; merchandise: { __typename: string; product?: { hasAnyTag: boolean; inAnyCollection: boolean } } }[];
    buyerIdentity: { customer: { hasAnyTag: boolean } | null } | null;
  };
  discount: { metafield: { jsonValue: { percentage: number } } | null };
}

export function cartLinesDiscountsGenerateRun(input: Input) {
  const config = input.discount.metafield?.jsonValue;
  if (!config || !input.cart.buyerIdentity?.customer?.hasAnyTag) return { operations: [] };
  const eligible = input.cart.lines.filter(({ merchandise }) => merchandise.product && (merchandise.product.hasAnyTag || merchandise.product.inAnyCollection));
  if (eligible.length === 0) return { operations: [] };
  return {
    operations: [
      {
        productDiscountsAdd: {
          selectionStrategy: "FIRST",
          candidates: [{ targets: eligible.map((line) => ({ cartLine: { id: line.id } })), value: { percentage: { value: config.percentage } } }],
        },
      },
    ],
  };
}
