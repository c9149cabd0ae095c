import { addMoney, multiplyMoney, subtractMoney } from "./money";
import type { DiscountAllocationRecord, LineItemRecord, MoneyPair, OrderRecord, ShippingLineRecord } from "./records";

/** What a set of discount allocations takes off. */
export const allocationTotal = (allocations: DiscountAllocationRecord[]) => addMoney(...allocations.map((allocation) => allocation.amount));

export const lineOriginalTotal = (line: LineItemRecord): MoneyPair => multiplyMoney(line.unitPrice, line.quantity);
export const lineDiscountTotal = (line: LineItemRecord): MoneyPair => allocationTotal(line.discountAllocations);
export const lineDiscountedTotal = (line: LineItemRecord): MoneyPair => subtractMoney(lineOriginalTotal(line), lineDiscountTotal(line));
export const discountedShippingPrice = (line: ShippingLineRecord): MoneyPair => subtractMoney(line.price, allocationTotal(line.discountAllocations));

/**
 * An order's figures the way Shopify derives them: discounts are allocated to line items and
 * shipping lines, the subtotal is the line items after their discounts, shipping is reported
 * before its discounts, and the total adds discounted shipping and tax (taxes not included).
 */
export function orderTotals(order: OrderRecord) {
  const lineItemsTotal = addMoney(...order.lineItems.map(lineOriginalTotal));
  const lineDiscounts = addMoney(...order.lineItems.map(lineDiscountTotal));
  const shipping = addMoney(...order.shippingLines.map((line) => line.price));
  const shippingDiscounts = addMoney(...order.shippingLines.map((line) => allocationTotal(line.discountAllocations)));
  const subtotal = subtractMoney(lineItemsTotal, lineDiscounts);
  const orderLevelIndexes = new Set(
    order.discountApplications
      .filter((application) => application.targetSelection === "ALL" && application.targetType === "LINE_ITEM")
      .map((application) => application.index),
  );
  const cartDiscount = allocationTotal(
    order.lineItems.flatMap((line) => line.discountAllocations.filter((allocation) => orderLevelIndexes.has(allocation.applicationIndex))),
  );
  return {
    lineItemsTotal,
    subtotal,
    shipping,
    shippingDiscounts,
    cartDiscount,
    totalDiscounts: addMoney(lineDiscounts, shippingDiscounts),
    totalTax: order.totalTax,
    total: addMoney(subtotal, subtractMoney(shipping, shippingDiscounts), order.totalTax),
    itemQuantity: order.lineItems.reduce((sum, line) => sum + line.quantity, 0),
  };
}

/** What one discount application took off the order, over line items and shipping lines. */
export function applicationTotal(order: OrderRecord, applicationIndex: number): MoneyPair {
  const allocations = [...order.lineItems, ...order.shippingLines].flatMap((line) => line.discountAllocations);
  return allocationTotal(allocations.filter((allocation) => allocation.applicationIndex === applicationIndex));
}
