// Emulator test function for an automatic discount that polices entered codes: it rejects the
// codes starting with one prefix, and accepts those starting with another, giving their buyers a
// percentage off every line under that code.
interface Config {
  rejectPrefix?: string;
  rejectMessage?: string;
  acceptPrefix?: string;
  acceptPercentage?: number;
}

interface Input {
  enteredDiscountCodes: { code: string; rejectable: boolean }[];
  cart: { lines: { id: string }[] };
  discount: { metafield: { jsonValue: Config } | null };
}

export function cartLinesDiscountsGenerateRun(input: Input) {
  const config = input.discount.metafield?.jsonValue ?? {};
  const operations: unknown[] = [];
  const { rejectPrefix, acceptPrefix } = config;
  const toReject = rejectPrefix ? input.enteredDiscountCodes.filter(({ code, rejectable }) => rejectable && code.startsWith(rejectPrefix)) : [];
  if (toReject.length > 0) {
    operations.push({ enteredDiscountCodesReject: { codes: toReject.map(({ code }) => ({ code })), message: config.rejectMessage ?? "Code not allowed" } });
  }
  const toAccept = acceptPrefix ? input.enteredDiscountCodes.find(({ code }) => code.startsWith(acceptPrefix)) : undefined;
  if (toAccept) {
    operations.push({ enteredDiscountCodesAccept: { codes: [{ code: toAccept.code }] } });
    operations.push({
      productDiscountsAdd: {
        selectionStrategy: "FIRST",
        candidates: [
          {
            associatedDiscountCode: { code: toAccept.code },
            targets: input.cart.lines.map((line) => ({ cartLine: { id: line.id } })),
            value: { percentage: { value: config.acceptPercentage ?? 0 } },
          },
        ],
      },
    });
  }
  return { operations };
}
