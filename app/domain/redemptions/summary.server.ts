// What the campaign page and the pool's Assigned History show of redemptions. Plain JSON values
// (ISO dates, decimal strings), so route loaders can return them as they are.
import type { Database } from "~/db.server";

export interface CampaignRedemptionSummary {
  redemptions: number;
  /** Sum of the redeemed orders' totals, in the shop's currency. */
  revenue: string;
  /** What the campaign's codes took off those orders. */
  discountGiven: string;
  lastRedeemedAt: string | null;
  leaked: number;
  currency: string | null;
}

export async function getCampaignRedemptionSummary(db: Database, shopDomain: string, campaignId: number): Promise<CampaignRedemptionSummary> {
  const where = { shopDomain, campaignId };
  const [totals, leaked, latest] = await Promise.all([
    db.redemption.aggregate({ where, _count: { _all: true }, _sum: { total: true, codeDiscount: true }, _max: { processedAt: true } }),
    db.redemption.count({ where: { ...where, leaked: true } }),
    db.redemption.findFirst({ where, orderBy: { processedAt: "desc" }, select: { currency: true } }),
  ]);
  return {
    redemptions: totals._count._all,
    revenue: (totals._sum.total ?? 0).toString(),
    discountGiven: (totals._sum.codeDiscount ?? 0).toString(),
    lastRedeemedAt: totals._max.processedAt?.toISOString() ?? null,
    leaked,
    currency: latest?.currency ?? null,
  };
}

/** How a unique code was used: its first redemption, how often, and who used it when leaked. */
export interface CouponUsage {
  orderId: string;
  orderName: string;
  redeemedAt: string;
  timesUsed: number;
  leaked: boolean;
  /** Both identities of a leaked use: the recipient, and who redeemed it. */
  assignedEmail: string | null;
  usedByEmail: string | null;
  usedByCustomerId: string | null;
}

/** Usage of each coupon that was redeemed, keyed by coupon id; an absent id is unused. */
export async function getCouponUsage(db: Database, shopDomain: string, couponIds: readonly number[]): Promise<Record<number, CouponUsage>> {
  if (couponIds.length === 0) return {};
  const rows = await db.redemption.findMany({
    where: { shopDomain, couponId: { in: [...couponIds] } },
    orderBy: [{ processedAt: "asc" }, { id: "asc" }],
    select: { couponId: true, orderId: true, orderName: true, processedAt: true, leaked: true, assignedEmail: true, email: true, customerId: true },
  });
  const usage: Record<number, CouponUsage> = {};
  for (const row of rows) {
    const couponId = row.couponId!;
    const earlier = usage[couponId];
    if (earlier) {
      earlier.timesUsed++;
      // A leak anywhere marks the coupon; the leaking use is the one worth showing.
      if (row.leaked && !earlier.leaked) Object.assign(earlier, { leaked: true, usedByEmail: row.email, usedByCustomerId: row.customerId });
      continue;
    }
    usage[couponId] = {
      orderId: row.orderId,
      orderName: row.orderName,
      redeemedAt: row.processedAt.toISOString(),
      timesUsed: 1,
      leaked: row.leaked,
      assignedEmail: row.assignedEmail,
      usedByEmail: row.email,
      usedByCustomerId: row.customerId,
    };
  }
  return usage;
}
