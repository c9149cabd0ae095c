// Emulator test function: tiered order discount (the best tier whose minimum subtotal, in shop
// currency, the order reaches), gift cards excluded. Checkout checks the tiers' conditions.
interface Input {
  cart: { lines: { id: string; merchandise: { product?: { isGiftCard: boolean } } }[] };
  discount: { metafield: { jsonValue: { tiers: { minimumSubtotal: string; percentage: number }[] } } | null };
}

export function cartLinesDiscountsGenerateRun(input: Input) {
  const config = input.discount.metafield?.jsonValue;
  if (!config) return { operations: [] };
  const excludedCartLineIds = input.cart.lines.filter(({ merchandise }) => merchandise.product?.isGiftCard).map(({ id }) => id);
  const tiers = [...config.tiers].sort((a, b) => Number(b.minimumSubtotal) - Number(a.minimumSubtotal));
  return {
    operations: [
      {
        orderDiscountsAdd: {
          selectionStrategy: "FIRST",
          candidates: tiers.map((tier) => ({
            message: `${tier.percentage}% off orders over ${tier.minimumSubtotal}`,
            targets: [{ orderSubtotal: { excludedCartLineIds } }],
            conditions: [{ orderMinimumSubtotal: { excludedCartLineIds, minimumAmount: tier.minimumSubtotal } }],
            value: { percentage: { value: tier.percentage } },
          })),
        },
      },
    ],
  };
}
