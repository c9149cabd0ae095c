// Turns the chosen combination into what checkout shows: per-line and per-delivery allocations,
// the applied discounts with their codes, values and messages, and the totals.
import type { CandidateValue } from "./candidates";
import { appliedProposals, type Combination, type DiscountProposal } from "./combinations";
import { compareDecimals, formatExactDecimal, formatMoney } from "./money";
import type { PreparedCart } from "./prepared-cart";
import { deliveryOptionKey, reductionTotal, type Reduction } from "./selection";
import type { AppliedDiscount, AppliedValue, CheckoutTotals, DeliveryGroupResult, DiscountAllocation, DiscountClass, LineResult } from "./types";

export interface CheckoutBreakdown {
  totals: CheckoutTotals;
  lines: LineResult[];
  deliveryGroups: DeliveryGroupResult[];
  appliedDiscounts: AppliedDiscount[];
}

export function breakdown(combination: Combination, proposals: DiscountProposal[], prepared: PreparedCart): CheckoutBreakdown {
  const money = (minor: number) => formatMoney(minor, prepared.currency);
  const allocation = (proposal: DiscountProposal, discountClass: DiscountClass, amount: number): DiscountAllocation => ({
    discountId: proposal.discount.id,
    discountClass,
    code: proposal.code,
    amount: money(amount),
  });

  let lineDiscounts = 0;
  let orderDiscounts = 0;
  const lines = prepared.lines.map((line): LineResult => {
    const allocations: DiscountAllocation[] = [];
    let discounted = 0;
    const product = combination.productByLine.get(line.line.id);
    if (product) {
      allocations.push(allocation(product.proposal, "PRODUCT", product.amount));
      lineDiscounts += product.amount;
      discounted += product.amount;
    }
    for (const [proposal, reduction] of combination.orderByDiscount) {
      const amount = reduction.amounts.get(line.line.id) ?? 0;
      if (amount === 0) continue;
      allocations.push(allocation(proposal, "ORDER", amount));
      orderDiscounts += amount;
      discounted += amount;
    }
    return {
      id: line.line.id,
      quantity: line.line.quantity,
      unitPrice: money(line.unitPrice),
      subtotal: money(line.subtotal),
      allocations,
      total: money(line.subtotal - discounted),
    };
  });

  let shipping = 0;
  let shippingDiscounts = 0;
  const deliveryGroups = prepared.deliveryGroups.map((group): DeliveryGroupResult => {
    const winnerOf = (handle: string) => combination.shippingByOption.get(deliveryOptionKey(group.group.id, handle));
    const selectedWinner = group.selected ? winnerOf(group.selected.option.handle) : undefined;
    shipping += group.selected?.cost ?? 0;
    shippingDiscounts += selectedWinner?.amount ?? 0;
    return {
      id: group.group.id,
      selectedHandle: group.selected?.option.handle ?? null,
      options: group.options.map(({ option, cost }) => {
        const discount = winnerOf(option.handle)?.amount ?? 0;
        return { handle: option.handle, cost: money(cost), discount: money(discount), discountedCost: money(cost - discount) };
      }),
      allocations: selectedWinner ? [allocation(selectedWinner.proposal, "SHIPPING", selectedWinner.amount)] : [],
    };
  });

  const applied = appliedProposals(combination);
  const appliedDiscounts = proposals.filter((proposal) => applied.has(proposal)).map((proposal) => appliedDiscount(proposal, combination, prepared));

  return {
    totals: {
      subtotal: money(prepared.subtotal),
      lineDiscounts: money(lineDiscounts),
      orderDiscounts: money(orderDiscounts),
      shipping: money(shipping),
      shippingDiscounts: money(shippingDiscounts),
      total: money(prepared.subtotal - lineDiscounts - orderDiscounts + shipping - shippingDiscounts),
    },
    lines,
    deliveryGroups,
    appliedDiscounts,
  };
}

function appliedDiscount(proposal: DiscountProposal, combination: Combination, prepared: PreparedCart): AppliedDiscount {
  const byClass: Partial<Record<DiscountClass, { amount: number; reduction: Reduction }>> = {};
  const product = [...combination.productByLine.values()].filter((winner) => winner.proposal === proposal).reduce((sum, winner) => sum + winner.amount, 0);
  if (product > 0) byClass.PRODUCT = { amount: product, reduction: proposal.product };
  const order = combination.orderByDiscount.get(proposal);
  if (order && reductionTotal(order) > 0) byClass.ORDER = { amount: reductionTotal(order), reduction: order };
  const shipping = [...combination.shippingByOption]
    .filter(([key, winner]) => winner.proposal === proposal && combination.selectedOptionKeys.has(key))
    .reduce((sum, [, winner]) => sum + winner.amount, 0);
  if (shipping > 0) byClass.SHIPPING = { amount: shipping, reduction: proposal.shipping };

  const entries = Object.entries(byClass) as [DiscountClass, { amount: number; reduction: Reduction }][];
  const money = (minor: number) => formatMoney(minor, prepared.currency);
  return {
    discountId: proposal.discount.id,
    title: proposal.discount.title,
    method: proposal.discount.method,
    code: proposal.code,
    amounts: Object.fromEntries(entries.map(([discountClass, { amount }]) => [discountClass, money(amount)])),
    total: money(entries.reduce((sum, [, { amount }]) => sum + amount, 0)),
    values: Object.fromEntries(entries.map(([discountClass, { amount, reduction }]) => [discountClass, appliedValue(reduction, amount, prepared)])),
    messages: [
      ...new Set(entries.flatMap(([, { reduction }]) => reduction.candidates.map((candidate) => candidate.message)).filter((message) => message !== null)),
    ],
  };
}

/** One shared percentage reads as that percentage; anything else as the fixed amount it came to. */
function appliedValue(reduction: Reduction, amount: number, prepared: PreparedCart): AppliedValue {
  const values: CandidateValue[] = reduction.candidates.map((candidate) => candidate.value);
  const [first] = values;
  if (first?.kind === "percentage" && values.every((value) => value.kind === "percentage" && compareDecimals(value.percent, first.percent) === 0)) {
    return { type: "percentage", percentage: formatExactDecimal(first.percent), allocationMethod: "ACROSS" };
  }
  const each = values.length > 0 && values.every((value) => value.kind === "fixed" && value.eachItem);
  return { type: "fixed_amount", amount: formatMoney(amount, prepared.currency), allocationMethod: each ? "EACH" : "ACROSS" };
}
