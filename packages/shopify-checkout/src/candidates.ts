// Turns a validated function result into checked, normalized operations: every cart line, group
// and option a candidate names must exist, Decimals become minor units or exact percentages, and
// the operations a discount may not use are set aside with the reason (Shopify ignores them too).
import type { DeliveryDiscountCandidate, FunctionResult, OrderCondition, OrderDiscountCandidate, ProductDiscountCandidate } from "./function-output";
import { parseDecimal, parseMoney, shopToPresentment, type ExactDecimal } from "./money";
import type { PreparedCart } from "./prepared-cart";
import type { ActiveDiscount, DiscountClass } from "./types";

export type CandidateValue =
  | { kind: "percentage"; percent: ExactDecimal }
  /** A cart-currency amount, spread across the targets or, with eachItem, taken off every unit. */
  | { kind: "fixed"; amount: number; eachItem: boolean };

interface CandidateBase {
  value: CandidateValue;
  message: string | null;
  associatedCode: string | null;
}

export interface ProductCandidate extends CandidateBase {
  /** Units targeted per line (a line named twice adds up). */
  targets: Map<string, number>;
  prerequisites: { lineId: string; quantity: number }[];
}

export type OrderConditionCheck =
  | { kind: "orderMinimumSubtotal"; excludedLineIds: Set<string>; minimum: number }
  | { kind: "cartLineMinimumSubtotal"; lineIds: string[]; minimum: number }
  | { kind: "cartLineMinimumQuantity"; lineIds: string[]; minimumQuantity: number };

export interface OrderCandidate extends CandidateBase {
  excludedLineIds: Set<string>;
  conditions: OrderConditionCheck[];
}

export interface DeliveryOptionRef {
  groupId: string;
  handle: string;
}

export interface DeliveryCandidate extends CandidateBase {
  options: DeliveryOptionRef[];
}

export interface ProductOperation {
  strategy: "FIRST" | "MAXIMUM" | "ALL";
  candidates: ProductCandidate[];
}
export interface OrderOperation {
  strategy: "FIRST" | "MAXIMUM";
  candidates: OrderCandidate[];
}
export interface DeliveryOperation {
  candidates: DeliveryCandidate[];
}

export interface RunEffects {
  productOperations: ProductOperation[];
  orderOperations: OrderOperation[];
  deliveryOperations: DeliveryOperation[];
  acceptedCodes: string[];
  rejections: { codes: string[]; message: string }[];
  warnings: string[];
}

export function normalizeOperations(result: FunctionResult, discount: ActiveDiscount, prepared: PreparedCart, who: string): RunEffects {
  const effects: RunEffects = { productOperations: [], orderOperations: [], deliveryOperations: [], acceptedCodes: [], rejections: [], warnings: [] };
  const allowed = (discountClass: DiscountClass, operation: string) => {
    if (discount.discountClasses.includes(discountClass)) return true;
    effects.warnings.push(`${operation} ignored: discount ${discount.id} does not have the ${discountClass} class`);
    return false;
  };
  result.operations.forEach((operation, index) => {
    const where = `${who} operations[${index}]`;
    if (operation.productDiscountsAdd && allowed("PRODUCT", `${where}.productDiscountsAdd`)) {
      effects.productOperations.push({
        strategy: operation.productDiscountsAdd.selectionStrategy,
        candidates: operation.productDiscountsAdd.candidates.map((candidate, n) =>
          productCandidate(candidate, prepared, `${where}.productDiscountsAdd.candidates[${n}]`),
        ),
      });
    }
    if (operation.orderDiscountsAdd && allowed("ORDER", `${where}.orderDiscountsAdd`)) {
      effects.orderOperations.push({
        strategy: operation.orderDiscountsAdd.selectionStrategy,
        candidates: operation.orderDiscountsAdd.candidates.map((candidate, n) =>
          orderCandidate(candidate, prepared, `${where}.orderDiscountsAdd.candidates[${n}]`),
        ),
      });
    }
    if (operation.deliveryDiscountsAdd && allowed("SHIPPING", `${where}.deliveryDiscountsAdd`)) {
      effects.deliveryOperations.push({
        candidates: operation.deliveryDiscountsAdd.candidates.map((candidate, n) =>
          deliveryCandidate(candidate, prepared, `${where}.deliveryDiscountsAdd.candidates[${n}]`),
        ),
      });
    }
    if (operation.enteredDiscountCodesAccept) {
      effects.acceptedCodes.push(...operation.enteredDiscountCodesAccept.codes.map(({ code }) => code));
    }
    if (operation.enteredDiscountCodesReject) {
      if (discount.method !== "AUTOMATIC") {
        throw new Error(
          `${where}.enteredDiscountCodesReject: only functions backing an automatic discount may reject codes, and ${discount.id} is a code discount`,
        );
      }
      const { codes, message } = operation.enteredDiscountCodesReject;
      effects.rejections.push({ codes: codes.map(({ code }) => code), message });
    }
  });
  return effects;
}

function requireLine(prepared: PreparedCart, lineId: string, where: string) {
  const line = prepared.lineById.get(lineId);
  if (!line) throw new Error(`${where} names cart line ${lineId}, which is not in the cart`);
  return line;
}

function productCandidate(candidate: ProductDiscountCandidate, prepared: PreparedCart, where: string): ProductCandidate {
  const targets = new Map<string, number>();
  candidate.targets.forEach((target, index) => {
    const { id, quantity } = target.cartLine!;
    const line = requireLine(prepared, id, `${where}.targets[${index}]`);
    const units = (targets.get(id) ?? 0) + (quantity ?? line.line.quantity);
    if (units > line.line.quantity) {
      throw new Error(`${where}.targets[${index}] discounts ${units} units of ${id}, which has only ${line.line.quantity}`);
    }
    targets.set(id, units);
  });
  const prerequisites = (candidate.prerequisites ?? []).map((prerequisite, index) => {
    const { id, quantity } = prerequisite.cartLine!;
    requireLine(prepared, id, `${where}.prerequisites[${index}]`);
    return { lineId: id, quantity };
  });
  const { fixedAmount, percentage } = candidate.value;
  const value: CandidateValue = percentage
    ? { kind: "percentage", percent: parseDecimal(percentage.value, `${where}.value.percentage.value`) }
    : {
        kind: "fixed",
        amount: parseMoney(fixedAmount!.amount, prepared.currency, `${where}.value.fixedAmount.amount`),
        eachItem: fixedAmount!.appliesToEachItem === true,
      };
  return { targets, prerequisites, value, ...describe(candidate) };
}

function orderCandidate(candidate: OrderDiscountCandidate, prepared: PreparedCart, where: string): OrderCandidate {
  if (candidate.targets.length !== 1) {
    throw new Error(`${where}.targets has ${candidate.targets.length} entries; the emulator applies an order candidate to exactly one orderSubtotal target`);
  }
  const excludedLineIds = new Set(candidate.targets[0].orderSubtotal!.excludedCartLineIds);
  for (const lineId of excludedLineIds) requireLine(prepared, lineId, `${where}.targets[0].orderSubtotal.excludedCartLineIds`);
  return {
    excludedLineIds,
    conditions: (candidate.conditions ?? []).map((condition, index) => orderCondition(condition, prepared, `${where}.conditions[${index}]`)),
    value: simpleValue(candidate.value, prepared, where),
    ...describe(candidate),
  };
}

/** Condition minimums are in the SHOP currency; they are compared with cart amounts at the presentment rate. */
function orderCondition(condition: OrderCondition, prepared: PreparedCart, where: string): OrderConditionCheck {
  const minimumInCart = (amount: string | number, field: string) =>
    shopToPresentment(parseMoney(amount, prepared.shop.currencyCode, `${where}.${field}`), prepared.rate, prepared.shop.currencyCode, prepared.currency);
  const checkLines = (ids: string[], field: string) => ids.forEach((id) => requireLine(prepared, id, `${where}.${field}`));
  if (condition.orderMinimumSubtotal) {
    const { excludedCartLineIds, minimumAmount } = condition.orderMinimumSubtotal;
    checkLines(excludedCartLineIds, "orderMinimumSubtotal.excludedCartLineIds");
    return {
      kind: "orderMinimumSubtotal",
      excludedLineIds: new Set(excludedCartLineIds),
      minimum: minimumInCart(minimumAmount, "orderMinimumSubtotal.minimumAmount"),
    };
  }
  if (condition.cartLineMinimumSubtotal) {
    const { ids, minimumAmount } = condition.cartLineMinimumSubtotal;
    checkLines(ids, "cartLineMinimumSubtotal.ids");
    return { kind: "cartLineMinimumSubtotal", lineIds: ids, minimum: minimumInCart(minimumAmount, "cartLineMinimumSubtotal.minimumAmount") };
  }
  const { ids, minimumQuantity } = condition.cartLineMinimumQuantity!;
  checkLines(ids, "cartLineMinimumQuantity.ids");
  return { kind: "cartLineMinimumQuantity", lineIds: ids, minimumQuantity };
}

function deliveryCandidate(candidate: DeliveryDiscountCandidate, prepared: PreparedCart, where: string): DeliveryCandidate {
  const options = candidate.targets.flatMap((target, index): DeliveryOptionRef[] => {
    if (target.deliveryGroup) {
      const group = prepared.deliveryGroupById.get(target.deliveryGroup.id);
      if (!group) throw new Error(`${where}.targets[${index}] names delivery group ${target.deliveryGroup.id}, which is not in the cart`);
      return group.options.map(({ option }) => ({ groupId: group.group.id, handle: option.handle }));
    }
    const handle = target.deliveryOption!.handle;
    const group = prepared.deliveryGroups.find((candidate) => candidate.options.some(({ option }) => option.handle === handle));
    if (!group) throw new Error(`${where}.targets[${index}] names delivery option ${handle}, which no delivery group offers`);
    return [{ groupId: group.group.id, handle }];
  });
  return { options, value: simpleValue(candidate.value, prepared, where), ...describe(candidate) };
}

function simpleValue(
  value: { fixedAmount?: { amount: string | number } | null; percentage?: { value: string | number } | null },
  prepared: PreparedCart,
  where: string,
): CandidateValue {
  return value.percentage
    ? { kind: "percentage", percent: parseDecimal(value.percentage.value, `${where}.value.percentage.value`) }
    : { kind: "fixed", amount: parseMoney(value.fixedAmount!.amount, prepared.currency, `${where}.value.fixedAmount.amount`), eachItem: false };
}

function describe(candidate: { message?: string | null; associatedDiscountCode?: { code: string } | null }) {
  return { message: candidate.message ?? null, associatedCode: candidate.associatedDiscountCode?.code ?? null };
}
