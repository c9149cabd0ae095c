// Intents → Shopify output operations. Amounts leave minor units here, formatted in the cart
// currency's precision.
import type { CartFacts } from "../config/facts";
import type { DeliveryIntent, IntentValue, LinesIntent, OrderIntent, ProductIntent } from "../config/intents";
import { formatDecimal } from "../money";
import type { Currency } from "../money";
import type {
  CartOperation, DeliveryDiscountCandidateOutput, DeliveryOperation, OrderDiscountCandidateOutput,
  ProductDiscountCandidateOutput, RejectCodesOperation, ValueOutput,
} from "../output";
import type { PricedIntent } from "./campaign";
import type { RejectedCode } from "./stacking";

const FREE = { percentage: { value: "100" } };

function valueOutput(value: IntentValue, cur: Currency): ValueOutput {
  if (value.kind === "percentage") return { percentage: { value: String(value.percentage) } };
  const amount = formatDecimal(value.amount, cur);
  // Only product discounts apply a fixed amount per item; the field exists only on their value type.
  return { fixedAmount: value.appliesToEachItem ? { amount, appliesToEachItem: true } : { amount } };
}

function productCandidate({ intent, message }: PricedIntent<ProductIntent>, cur: Currency): ProductDiscountCandidateOutput {
  const candidate: ProductDiscountCandidateOutput = {
    targets: intent.targets.map((target) => ({
      cartLine: target.quantity === undefined ? { id: target.id } : { id: target.id, quantity: target.quantity },
    })),
    value: valueOutput(intent.value, cur),
    message,
  };
  if (intent.prerequisites.length > 0) {
    candidate.prerequisites = intent.prerequisites.map((line) => ({ cartLine: { id: line.id, quantity: line.quantity ?? 1 } }));
  }
  return candidate;
}

function orderCandidate({ intent, message }: PricedIntent<OrderIntent>, cur: Currency): OrderDiscountCandidateOutput {
  return {
    targets: [{ orderSubtotal: { excludedCartLineIds: intent.excludedLineIds } }],
    value: valueOutput(intent.value, cur),
    message,
  };
}

export function cartOperations(intents: PricedIntent<LinesIntent>[], facts: CartFacts): CartOperation[] {
  const operations: CartOperation[] = [];
  for (const priced of intents) {
    if (priced.intent.discountClass === "PRODUCT") {
      const candidate = productCandidate(priced as PricedIntent<ProductIntent>, facts.currency);
      operations.push({ productDiscountsAdd: { candidates: [candidate], selectionStrategy: "FIRST" } });
    } else {
      const candidate = orderCandidate(priced as PricedIntent<OrderIntent>, facts.currency);
      operations.push({ orderDiscountsAdd: { candidates: [candidate], selectionStrategy: "FIRST" } });
    }
  }
  return operations;
}

/** Options within the cap are free; dearer ones get the cap off (the buyer picks one option per group). */
export function deliveryOperations(intents: PricedIntent<DeliveryIntent>[], cap: number, cur: Currency): DeliveryOperation[] {
  const candidates: DeliveryDiscountCandidateOutput[] = [];
  for (const { intent, message } of intents) {
    const free = intent.options.filter((option) => option.cost <= cap);
    const capped = intent.options.filter((option) => option.cost > cap);
    if (free.length > 0) candidates.push({ targets: free.map(({ handle }) => ({ deliveryOption: { handle } })), value: FREE, message });
    if (capped.length > 0 && cap > 0) {
      candidates.push({ targets: capped.map(({ handle }) => ({ deliveryOption: { handle } })), value: { fixedAmount: { amount: formatDecimal(cap, cur) } }, message });
    }
  }
  return candidates.length === 0 ? [] : [{ deliveryDiscountsAdd: { candidates, selectionStrategy: "ALL" } }];
}

/** One operation per distinct message, so each shopper-facing reason is shown once. */
export function rejectOperations(rejected: RejectedCode[]): RejectCodesOperation[] {
  const byMessage = new Map<string, { code: string }[]>();
  for (const { code, message } of rejected) {
    const codes = byMessage.get(message);
    if (codes) codes.push({ code });
    else byMessage.set(message, [{ code }]);
  }
  return [...byMessage].map(([message, codes]) => ({ enteredDiscountCodesReject: { codes, message } }));
}
