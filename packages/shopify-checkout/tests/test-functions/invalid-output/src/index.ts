// Emulator test function: returns the invalid result named by its config's "mistake".
interface Input {
  cart: { lines: { id: string }[] };
  discount: { metafield: { jsonValue: { mistake: string } } | null };
}

export function cartLinesDiscountsGenerateRun(input: Input) {
  const targets = input.cart.lines.map((line) => ({ cartLine: { id: line.id } }));
  const candidate = { targets, value: { percentage: { value: 10 } } };
  switch (input.discount.metafield?.jsonValue.mistake) {
    case "two values":
      return {
        operations: [
          {
            productDiscountsAdd: { selectionStrategy: "FIRST", candidates: [{ targets, value: { percentage: { value: 10 }, fixedAmount: { amount: "5" } } }] },
          },
        ],
      };
    case "no selection strategy":
      return { operations: [{ productDiscountsAdd: { candidates: [candidate] } }] };
    case "unknown strategy":
      return { operations: [{ productDiscountsAdd: { selectionStrategy: "BEST", candidates: [candidate] } }] };
    case "percentage over 100":
      return { operations: [{ productDiscountsAdd: { selectionStrategy: "FIRST", candidates: [{ targets, value: { percentage: { value: 150 } } }] } }] };
    case "not a decimal":
      return { operations: [{ productDiscountsAdd: { selectionStrategy: "FIRST", candidates: [{ targets, value: { fixedAmount: { amount: "ten" } } }] } }] };
    case "unknown line":
      return {
        operations: [
          {
            productDiscountsAdd: {
              selectionStrategy: "FIRST",
              candidates: [{ targets: [{ cartLine: { id: "gid://shopify/CartLine/404" } }], value: { percentage: { value: 10 } } }],
            },
          },
        ],
      };
    default:
      return { result: "not operations" };
  }
}
