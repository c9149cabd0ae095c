// What one discount's operations are worth: each candidate priced against the cart, then the
// operation's selection strategy picks among them. Product and delivery reductions depend on the
// cart alone; order reductions depend on which product discounts applied first, so they are priced
// per combination (see combinations.ts).
import type {
  CandidateValue,
  DeliveryCandidate,
  DeliveryOperation,
  OrderCandidate,
  OrderConditionCheck,
  OrderOperation,
  ProductCandidate,
  ProductOperation,
} from "./candidates";
import { allocateProportionally, percentOf } from "./money";
import type { PreparedCart } from "./prepared-cart";

/** Reductions keyed by cart line id (product, order) or delivery option key (shipping), with the candidates that made them. */
export interface Reduction {
  amounts: Map<string, number>;
  candidates: (ProductCandidate | OrderCandidate | DeliveryCandidate)[];
}

export const deliveryOptionKey = (groupId: string, handle: string) => `${groupId}\u0000${handle}`;

const total = (amounts: Map<string, number>) => [...amounts.values()].reduce((sum, amount) => sum + amount, 0);

/** Sums reductions, never past what each key costs. */
function addCapped(into: Map<string, number>, add: Map<string, number>, costOf: (key: string) => number): void {
  for (const [key, amount] of add) into.set(key, Math.min(costOf(key), (into.get(key) ?? 0) + amount));
}

/** Prices a value over targets of known unit prices and units. */
function priceValue(value: CandidateValue, targets: { key: string; unitPrice: number; units: number }[]): Map<string, number> {
  const amounts = new Map<string, number>();
  if (value.kind === "percentage") {
    for (const target of targets) amounts.set(target.key, percentOf(target.unitPrice * target.units, value.percent));
  } else if (value.eachItem) {
    for (const target of targets) amounts.set(target.key, Math.min(value.amount, target.unitPrice) * target.units);
  } else {
    const worth = targets.map((target) => target.unitPrice * target.units);
    const spread = allocateProportionally(
      Math.min(
        value.amount,
        worth.reduce((sum, amount) => sum + amount, 0),
      ),
      worth,
    );
    targets.forEach((target, index) => amounts.set(target.key, spread[index]));
  }
  return amounts;
}

// ---- Product ----

function productCandidateAmounts(candidate: ProductCandidate, prepared: PreparedCart): Map<string, number> | null {
  // A prerequisite counts only units the same candidate does not discount (buy X, get Y on one line).
  const satisfied = candidate.prerequisites.every(
    ({ lineId, quantity }) => prepared.lineById.get(lineId)!.line.quantity - (candidate.targets.get(lineId) ?? 0) >= quantity,
  );
  if (!satisfied) return null;
  const targets = [...candidate.targets].map(([lineId, units]) => ({ key: lineId, unitPrice: prepared.lineById.get(lineId)!.unitPrice, units }));
  return priceValue(candidate.value, targets);
}

export function evaluateProductOperations(operations: ProductOperation[], prepared: PreparedCart): Reduction {
  const reduction: Reduction = { amounts: new Map(), candidates: [] };
  const lineSubtotal = (lineId: string) => prepared.lineById.get(lineId)!.subtotal;
  for (const operation of operations) {
    const priced = operation.candidates
      .map((candidate) => ({ candidate, amounts: productCandidateAmounts(candidate, prepared) }))
      .filter((entry): entry is { candidate: ProductCandidate; amounts: Map<string, number> } => entry.amounts !== null);
    for (const chosen of selectByStrategy(operation.strategy, priced)) {
      addCapped(reduction.amounts, chosen.amounts, lineSubtotal);
      reduction.candidates.push(chosen.candidate);
    }
  }
  return reduction;
}

/** FIRST: the first eligible candidate; MAXIMUM: the eligible candidate worth most (first on ties); ALL: every eligible one. */
function selectByStrategy<Entry extends { amounts: Map<string, number> }>(strategy: "FIRST" | "MAXIMUM" | "ALL", eligible: Entry[]): Entry[] {
  if (eligible.length === 0 || strategy === "ALL") return eligible;
  if (strategy === "FIRST") return [eligible[0]];
  return [eligible.reduce((best, entry) => (total(entry.amounts) > total(best.amounts) ? entry : best))];
}

// ---- Delivery ----

export function evaluateDeliveryOperations(operations: DeliveryOperation[], prepared: PreparedCart): Reduction {
  const reduction: Reduction = { amounts: new Map(), candidates: [] };
  const costs = new Map<string, number>();
  for (const group of prepared.deliveryGroups) {
    for (const option of group.options) costs.set(deliveryOptionKey(group.group.id, option.option.handle), option.cost);
  }
  const costOf = (key: string) => costs.get(key)!;
  // The only delivery strategy is ALL: every candidate applies, capped at each option's cost.
  for (const operation of operations) {
    for (const candidate of operation.candidates) {
      const targets = candidate.options.map(({ groupId, handle }) => {
        const key = deliveryOptionKey(groupId, handle);
        return { key, unitPrice: costOf(key), units: 1 };
      });
      // A fixed amount comes off each targeted option: only the option the buyer picks is charged.
      const value: CandidateValue = candidate.value.kind === "fixed" ? { ...candidate.value, eachItem: true } : candidate.value;
      addCapped(reduction.amounts, priceValue(value, targets), costOf);
      reduction.candidates.push(candidate);
    }
  }
  return reduction;
}

// ---- Order ----

function conditionHolds(condition: OrderConditionCheck, lineAmounts: ReadonlyMap<string, number>, prepared: PreparedCart): boolean {
  const sum = (lineIds: Iterable<string>) => [...lineIds].reduce((amount, lineId) => amount + lineAmounts.get(lineId)!, 0);
  switch (condition.kind) {
    case "orderMinimumSubtotal":
      return sum([...lineAmounts.keys()].filter((lineId) => !condition.excludedLineIds.has(lineId))) >= condition.minimum;
    case "cartLineMinimumSubtotal":
      return sum(condition.lineIds) >= condition.minimum;
    case "cartLineMinimumQuantity":
      return condition.lineIds.reduce((units, lineId) => units + prepared.lineById.get(lineId)!.line.quantity, 0) >= condition.minimumQuantity;
  }
}

/**
 * Prices order operations on the line amounts left after product discounts: conditions are
 * checked there (that is why functions return them rather than deciding themselves), the value
 * applies to the subtotal of the non-excluded lines and is spread over those lines in proportion.
 */
export function evaluateOrderOperations(operations: OrderOperation[], lineAmounts: ReadonlyMap<string, number>, prepared: PreparedCart): Reduction {
  const reduction: Reduction = { amounts: new Map(), candidates: [] };
  for (const operation of operations) {
    const priced = operation.candidates
      .filter((candidate) => candidate.conditions.every((condition) => conditionHolds(condition, lineAmounts, prepared)))
      .map((candidate) => ({ candidate, amounts: orderCandidateAmounts(candidate, lineAmounts) }));
    const strategy = operation.strategy;
    for (const chosen of selectByStrategy(strategy, priced)) {
      addCapped(reduction.amounts, chosen.amounts, (lineId) => lineAmounts.get(lineId)!);
      reduction.candidates.push(chosen.candidate);
    }
  }
  return reduction;
}

function orderCandidateAmounts(candidate: OrderCandidate, lineAmounts: ReadonlyMap<string, number>): Map<string, number> {
  const lineIds = [...lineAmounts.keys()].filter((lineId) => !candidate.excludedLineIds.has(lineId));
  const weights = lineIds.map((lineId) => lineAmounts.get(lineId)!);
  const base = weights.reduce((sum, amount) => sum + amount, 0);
  const amount = candidate.value.kind === "percentage" ? percentOf(base, candidate.value.percent) : Math.min(candidate.value.amount, base);
  const spread = allocateProportionally(amount, weights);
  return new Map(lineIds.map((lineId, index) => [lineId, spread[index]]));
}

export const reductionTotal = (reduction: Reduction) => total(reduction.amounts);
