// The function output, as the schema's `CartLinesDiscountsGenerateRunResult` and
// `CartDeliveryOptionsDiscountsGenerateRunResult` input types define it (the subset PromoGuard
// emits). Tests coerce every output through the schema itself.

export interface CartLineTargetOutput {
  cartLine: { id: string; quantity?: number };
}

export type ValueOutput = { percentage: { value: string } } | { fixedAmount: { amount: string; appliesToEachItem?: boolean } };

export interface ProductDiscountCandidateOutput {
  targets: CartLineTargetOutput[];
  prerequisites?: { cartLine: { id: string; quantity: number } }[];
  value: ValueOutput;
  message: string;
}

export interface OrderDiscountCandidateOutput {
  targets: { orderSubtotal: { excludedCartLineIds: string[] } }[];
  value: { percentage: { value: string } } | { fixedAmount: { amount: string } };
  message: string;
  /** Minimums Shopify checks itself, in the shop's currency; every one must hold. */
  conditions?: { orderMinimumSubtotal: { excludedCartLineIds: string[]; minimumAmount: string } }[];
}

export interface DeliveryDiscountCandidateOutput {
  targets: { deliveryOption: { handle: string } }[];
  value: { percentage: { value: string } } | { fixedAmount: { amount: string } };
  message: string;
}

export interface RejectCodesOperation {
  enteredDiscountCodesReject: { codes: { code: string }[]; message: string };
}

export type CartOperation =
  | { productDiscountsAdd: { candidates: ProductDiscountCandidateOutput[]; selectionStrategy: "FIRST" } }
  | { orderDiscountsAdd: { candidates: OrderDiscountCandidateOutput[]; selectionStrategy: "FIRST" } }
  | RejectCodesOperation;

export type DeliveryOperation = { deliveryDiscountsAdd: { candidates: DeliveryDiscountCandidateOutput[]; selectionStrategy: "ALL" } } | RejectCodesOperation;

export interface CartLinesDiscountsGenerateRunResult {
  operations: CartOperation[];
}

export interface CartDeliveryOptionsDiscountsGenerateRunResult {
  operations: DeliveryOperation[];
}
