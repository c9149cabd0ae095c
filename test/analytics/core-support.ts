// Builders for the analytics core tests: orders recorded through the real recording path
// (recordOrder, as the webhook job and the backfill call it), rollup jobs run by the real worker.
import prisma from "~/db.server";
import type { OrderFacts } from "~/domain/redemptions/order-facts";
import { recordOrder } from "~/domain/redemptions/record.server";

export const VARIANT = {
  /** Unit cost 10.00. */
  shirt: "gid://shopify/ProductVariant/1",
  /** Unit cost 4.00. */
  socks: "gid://shopify/ProductVariant/2",
  /** Shopify has no cost for it. */
  scarf: "gid://shopify/ProductVariant/3",
} as const;

export const UNIT_COSTS: ReadonlyMap<string, string | null> = new Map([
  [VARIANT.shirt, "10.00"],
  [VARIANT.socks, "4.00"],
  [VARIANT.scarf, null],
]);

export interface OrderSpec {
  id: number;
  at: string;
  email?: string | null;
  customer?: string | null;
  newCustomer?: boolean | null;
  landingSite?: string | null;
  lines: { variant: string | null; quantity: number; price: string }[];
  /**
   * Discounts: code (null = automatic), level, and the amount on each line (same order as
   * lines) or on shipping.
   */
  discounts?: { code: string | null; level: "line" | "order" | "shipping"; amounts: string[] }[];
  updatedAt?: string;
}

const money = (value: number) => value.toFixed(2);

/** OrderFacts as both webhook and backfill produce them; totals derived like Shopify does. */
export function orderFacts(spec: OrderSpec): OrderFacts {
  const discounts = spec.discounts ?? [];
  const lineTotal = spec.lines.reduce((sum, line) => sum + Number(line.price) * line.quantity, 0);
  const lineDiscounts = discounts
    .filter((discount) => discount.level !== "shipping")
    .reduce((sum, discount) => sum + discount.amounts.reduce((a, b) => a + Number(b), 0), 0);
  const shippingDiscounts = discounts.filter((discount) => discount.level === "shipping").reduce((sum, discount) => sum + Number(discount.amounts[0] ?? 0), 0);
  const subtotal = lineTotal - lineDiscounts;
  return {
    orderId: `gid://shopify/Order/${spec.id}`,
    orderName: `#${1000 + spec.id}`,
    createdAt: new Date(spec.at),
    updatedAt: new Date(spec.updatedAt ?? spec.at),
    processedAt: new Date(spec.at),
    customerId: spec.customer ?? null,
    email: spec.email ?? null,
    currency: "USD",
    presentmentCurrency: "USD",
    subtotal: money(subtotal),
    total: money(subtotal + 5 - shippingDiscounts),
    totalDiscount: money(lineDiscounts + shippingDiscounts),
    presentmentTotal: money(subtotal + 5 - shippingDiscounts),
    landingSite: spec.landingSite ?? null,
    referringSite: null,
    sourceName: "web",
    clientIp: null,
    userAgent: null,
    applications: discounts.map((discount, index) => ({ index, code: discount.code, orderLevel: discount.level === "order" })),
    lines: spec.lines.map((line, lineIndex) => ({
      variantId: line.variant,
      sku: null,
      title: `Line ${lineIndex}`,
      quantity: line.quantity,
      price: line.price,
      allocations: discounts.flatMap((discount, index) =>
        discount.level !== "shipping" && discount.amounts[lineIndex] && Number(discount.amounts[lineIndex]) > 0
          ? [{ applicationIndex: index, amount: discount.amounts[lineIndex] }]
          : [],
      ),
    })),
    shippingAllocations: discounts.flatMap((discount, index) =>
      discount.level === "shipping" ? [{ applicationIndex: index, amount: discount.amounts[0] }] : [],
    ),
    shippingAddress: null,
  };
}

export function record(shopDomain: string, spec: OrderSpec) {
  return recordOrder(prisma, shopDomain, orderFacts(spec), { newCustomer: spec.newCustomer ?? null, unitCosts: UNIT_COSTS }, "webhook");
}

export { givenCampaign, runJobs } from "../support/factories";

export async function givenShop(domain: string, ianaTimezone = "UTC") {
  await prisma.shop.create({ data: { domain, ianaTimezone } });
}

/** A pool with codes; `assigned` maps a code to the email it was handed to. */
export async function givenPool(shopDomain: string, name: string, codes: string[], assigned: Record<string, string>) {
  const pool = await prisma.couponPool.create({ data: { shopDomain, name, nameKey: name.toLowerCase() } });
  for (const code of codes) {
    const coupon = await prisma.coupon.create({
      data: { shopDomain, poolId: pool.id, code, codeKey: code.toUpperCase(), assignedAt: assigned[code] ? new Date("2026-11-01T00:00:00Z") : null },
    });
    if (assigned[code]) {
      await prisma.couponAssignment.create({
        data: { shopDomain, poolId: pool.id, couponId: coupon.id, code, email: assigned[code], source: "manual", assignedAt: new Date("2026-11-01T00:00:00Z") },
      });
    }
  }
  return pool;
}

/** Every rollup cell of a shop, comparable across rebuilds (ids left out). */
export async function rollupCells(shopDomain: string) {
  const rows = await prisma.analyticsRollup.findMany({ where: { shopDomain }, orderBy: [{ dimension: "asc" }, { key: "asc" }, { day: "asc" }] });
  return rows.map(({ id: _id, ...cell }) => ({
    ...cell,
    grossRevenue: String(cell.grossRevenue),
    lineDiscount: String(cell.lineDiscount),
    orderDiscount: String(cell.orderDiscount),
    shippingDiscount: String(cell.shippingDiscount),
    netRevenue: String(cell.netRevenue),
    cogs: String(cell.cogs),
    influencedRevenue: String(cell.influencedRevenue),
  }));
}
