// Which discounts apply together. The rule the emulator implements (Shopify documents the
// ingredients, not an algorithm, so this is our reading of them):
//
// 1. Each discount contributes up to three "applications", one per class it actually produced a
//    reduction for (PRODUCT, ORDER, SHIPPING).
// 2. Applications of two different discounts may coexist only if each discount's combinesWith
//    allows the other's class: A's PRODUCT with B's ORDER needs A.orderDiscounts and B.productDiscounts.
//    A discount's own applications always coexist.
// 3. Within a class, stacking follows Shopify's defaults: one product discount per cart line (the
//    largest), one shipping discount per delivery option (the largest), while order discounts each
//    take their value from the subtotal left after product discounts (not one after another),
//    together never more than that subtotal.
// 4. Among all sets of applications allowed by (2), checkout picks the one saving the buyer most;
//    on a tie, the set applying more entered codes; then the set listing the earliest discounts
//    (the `discounts` order given to simulateCheckout).
import type { OrderOperation } from "./candidates";
import type { PreparedCart } from "./prepared-cart";
import { deliveryOptionKey, evaluateOrderOperations, reductionTotal, type Reduction } from "./selection";
import type { ActiveDiscount, DiscountClass } from "./types";

export interface DiscountProposal {
  discount: ActiveDiscount;
  /** The code the discount applies under, if any (the triggering code, or an accepted code its candidates name). */
  code: string | null;
  product: Reduction;
  orderOperations: OrderOperation[];
  shipping: Reduction;
}

export interface Application {
  proposal: DiscountProposal;
  discountClass: DiscountClass;
}

export interface Winner {
  proposal: DiscountProposal;
  amount: number;
}

export interface Combination {
  /** The product discount each line gets. */
  productByLine: Map<string, Winner>;
  /** Order reductions per discount, already capped to what the lines had left. */
  orderByDiscount: Map<DiscountProposal, Reduction>;
  /** The shipping discount each delivery option (see deliveryOptionKey) gets. */
  shippingByOption: Map<string, Winner>;
  /** Delivery options the buyer picked: only their discounts are paid out. */
  selectedOptionKeys: Set<string>;
  savings: number;
}

/** Exhaustive search stops here: more combinations than this means a scenario too big to reason about anyway. */
const MAX_COMBINATIONS = 1 << 16;

const COMBINES_WITH_KEY = { PRODUCT: "productDiscounts", ORDER: "orderDiscounts", SHIPPING: "shippingDiscounts" } as const;

function coexist(a: Application, b: Application): boolean {
  if (a.proposal === b.proposal) return true;
  return a.proposal.discount.combinesWith[COMBINES_WITH_KEY[b.discountClass]] && b.proposal.discount.combinesWith[COMBINES_WITH_KEY[a.discountClass]];
}

export function applicationsOf(proposal: DiscountProposal): Application[] {
  const classes: DiscountClass[] = [];
  if (reductionTotal(proposal.product) > 0) classes.push("PRODUCT");
  if (proposal.orderOperations.length > 0) classes.push("ORDER");
  if (reductionTotal(proposal.shipping) > 0) classes.push("SHIPPING");
  return classes.map((discountClass) => ({ proposal, discountClass }));
}

export function bestCombination(proposals: DiscountProposal[], prepared: PreparedCart): Combination {
  const applications = proposals.flatMap(applicationsOf);
  const search = { best: evaluateCombination([], prepared), bestCodes: 0, explored: 0 };

  const explore = (index: number, chosen: Application[]): void => {
    if (index === applications.length) {
      search.explored += 1;
      if (search.explored > MAX_COMBINATIONS) {
        throw new Error(`More than ${MAX_COMBINATIONS} discount combinations to compare; the emulator's exhaustive search stops there`);
      }
      const combination = evaluateCombination(chosen, prepared);
      const codes = appliedCodeCount(combination);
      if (combination.savings > search.best.savings || (combination.savings === search.best.savings && codes > search.bestCodes)) {
        search.best = combination;
        search.bestCodes = codes;
      }
      return;
    }
    const application = applications[index];
    if (chosen.every((other) => coexist(application, other))) explore(index + 1, [...chosen, application]);
    explore(index + 1, chosen);
  };
  explore(0, []);
  return search.best;
}

/** What a set of applications is worth, with the per-class stacking rules applied. */
export function evaluateCombination(applications: Application[], prepared: PreparedCart): Combination {
  const ofClass = (discountClass: DiscountClass) =>
    applications.filter((application) => application.discountClass === discountClass).map(({ proposal }) => proposal);

  const productByLine = largestPerKey(ofClass("PRODUCT").map((proposal) => ({ proposal, amounts: proposal.product.amounts })));
  const afterProducts = new Map(prepared.lines.map((line) => [line.line.id, line.subtotal - (productByLine.get(line.line.id)?.amount ?? 0)]));

  const orderByDiscount = new Map<DiscountProposal, Reduction>();
  const remaining = new Map(afterProducts);
  for (const proposal of ofClass("ORDER")) {
    const reduction = evaluateOrderOperations(proposal.orderOperations, afterProducts, prepared);
    for (const [lineId, amount] of reduction.amounts) {
      const capped = Math.min(amount, remaining.get(lineId)!);
      reduction.amounts.set(lineId, capped);
      remaining.set(lineId, remaining.get(lineId)! - capped);
    }
    orderByDiscount.set(proposal, reduction);
  }

  const shippingByOption = largestPerKey(ofClass("SHIPPING").map((proposal) => ({ proposal, amounts: proposal.shipping.amounts })));
  const selectedOptionKeys = new Set(
    prepared.deliveryGroups.filter((group) => group.selected).map((group) => deliveryOptionKey(group.group.id, group.selected!.option.handle)),
  );

  const savings =
    [...productByLine.values()].reduce((sum, winner) => sum + winner.amount, 0) +
    [...orderByDiscount.values()].reduce((sum, reduction) => sum + reductionTotal(reduction), 0) +
    [...selectedOptionKeys].reduce((sum, key) => sum + (shippingByOption.get(key)?.amount ?? 0), 0);
  return { productByLine, orderByDiscount, shippingByOption, selectedOptionKeys, savings };
}

/** Per key, the proposal reducing it most; the earlier proposal wins a tie. */
function largestPerKey(entries: { proposal: DiscountProposal; amounts: Map<string, number> }[]): Map<string, Winner> {
  const winners = new Map<string, Winner>();
  for (const { proposal, amounts } of entries) {
    for (const [key, amount] of amounts) {
      if (amount > (winners.get(key)?.amount ?? 0)) winners.set(key, { proposal, amount });
    }
  }
  return winners;
}

/** Discounts that reduce something in this combination (an application worth nothing is not applied). */
export function appliedProposals(combination: Combination): Set<DiscountProposal> {
  const applied = new Set<DiscountProposal>();
  for (const winner of combination.productByLine.values()) applied.add(winner.proposal);
  for (const [proposal, reduction] of combination.orderByDiscount) if (reductionTotal(reduction) > 0) applied.add(proposal);
  for (const [key, winner] of combination.shippingByOption) if (combination.selectedOptionKeys.has(key)) applied.add(winner.proposal);
  return applied;
}

function appliedCodeCount(combination: Combination): number {
  return [...appliedProposals(combination)].filter((proposal) => proposal.code !== null).length;
}
