// Emulator test function: a percentage off every delivery option of one method type, for
// delivery groups shipping to the configured countries.
interface Input {
  cart: {
    deliveryGroups: {
      id: string;
      deliveryAddress: { countryCode: string | null } | null;
      deliveryOptions: { handle: string; deliveryMethodType: string; cost: { amount: string } }[];
    }[];
  };
  discount: { metafield: { jsonValue: { percentage: number; methodType: string; countries: string[] } } | null };
}

export function cartDeliveryOptionsDiscountsGenerateRun(input: Input) {
  const config = input.discount.metafield?.jsonValue;
  if (!config) return { operations: [] };
  const targets = input.cart.deliveryGroups
    .filter((group) => config.countries.includes(group.deliveryAddress?.countryCode ?? ""))
    .flatMap((group) => group.deliveryOptions)
    .filter((option) => option.deliveryMethodType === config.methodType)
    .map((option) => ({ deliveryOption: { handle: option.handle } }));
  if (targets.length === 0) return { operations: [] };
  return {
    operations: [
      {
        deliveryDiscountsAdd: {
          selectionStrategy: "ALL",
          candidates: [{ message: "Shipping deal", targets, value: { percentage: { value: config.percentage } } }],
        },
      },
    ],
  };
}
