// Recording an order's code uses: once per (order, code), always at the order's latest figures.
import { Prisma } from "@prisma/client";
import type { Database } from "~/db.server";
import { redactedEmail } from "~/domain/pools/redaction.server";
import { findCodeOwner, type CodeOwner } from "./code-owners.server";
import { codeUses, userAgentHash, utmParameters, type CodeUse, type OrderContext, type OrderFacts } from "./order-facts";

export type RecordedFrom = "webhook" | "backfill";

export interface RecordOutcome {
  /** Code uses written (new, or newer figures than those stored). */
  written: number;
  /** Code uses skipped because newer figures of the order were already stored. */
  stale: number;
}

/**
 * Leaked: a unique code used by someone other than the person it was handed to. Assignments know
 * their recipient by email only, so an order without an email cannot be judged and is not
 * flagged. A recipient who has since been redacted is compared through the same keyed hash.
 */
export function isLeaked(shopDomain: string, owner: CodeOwner, orderEmail: string | null): boolean {
  if (!owner.assignedEmail || !orderEmail) return false;
  const comparable = owner.assignedEmail.startsWith("redacted:") ? redactedEmail(shopDomain, orderEmail) : orderEmail;
  return comparable !== owner.assignedEmail;
}

function redemptionFields(shopDomain: string, facts: OrderFacts, context: OrderContext, use: CodeUse, owner: CodeOwner, recordedFrom: RecordedFrom) {
  return {
    orderName: facts.orderName,
    orderUpdatedAt: facts.updatedAt,
    processedAt: facts.processedAt,
    code: use.code,
    campaignId: owner.campaignId,
    couponId: owner.couponId,
    customerId: facts.customerId,
    email: facts.email,
    currency: facts.currency,
    presentmentCurrency: facts.presentmentCurrency,
    subtotal: facts.subtotal,
    total: facts.total,
    totalDiscount: facts.totalDiscount,
    codeDiscount: use.codeDiscount,
    shippingDiscount: use.shippingDiscount,
    presentmentTotal: facts.presentmentTotal,
    landingSite: facts.landingSite,
    referringSite: facts.referringSite,
    ...utmParameters(facts.landingSite),
    sourceName: facts.sourceName,
    clientIp: facts.clientIp,
    recordedFrom,
    leaked: isLeaked(shopDomain, owner, facts.email),
    assignedEmail: owner.assignedEmail,
    // What one source cannot tell must not erase what another one told (the Admin API has no
    // user agent; a failed history read gives no new-customer answer): only known values are set.
    ...(facts.userAgent ? { userAgentHash: userAgentHash(facts.userAgent) } : {}),
    ...(context.newCustomer !== null ? { newCustomer: context.newCustomer } : {}),
  };
}

const lineRows = (use: CodeUse) =>
  use.lines.map((line) => ({
    variantId: line.variantId,
    sku: line.sku,
    title: line.title,
    quantity: line.quantity,
    price: line.price,
    discountAllocated: line.discountAllocated,
    codeDiscount: line.codeDiscount,
    unitCost: line.unitCost,
  }));

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/**
 * Writes one code use unless newer figures are stored: the update only matches a row whose
 * figures are not newer than these, so orders/create arriving after orders/updated changes
 * nothing. Two deliveries racing to insert meet on the unique key; the loser updates instead.
 */
async function writeCodeUse(db: Database, shopDomain: string, facts: OrderFacts, fields: ReturnType<typeof redemptionFields>, use: CodeUse): Promise<boolean> {
  const key = { shopDomain, orderId: facts.orderId, codeKey: use.codeKey };
  for (let attempt = 0; attempt < 2; attempt++) {
    const written = await db.$transaction(async (tx) => {
      const existing = await tx.redemption.findUnique({ where: { shopDomain_orderId_codeKey: key }, select: { id: true, orderUpdatedAt: true } });
      // A redeemed pool coupon can never go back to the pool (revocation checks this column).
      if (fields.couponId !== null) {
        await tx.coupon.updateMany({ where: { id: fields.couponId, redeemedAt: null }, data: { redeemedAt: facts.processedAt } });
      }
      if (!existing) {
        await tx.redemption.create({ data: { ...key, ...fields, lines: { create: lineRows(use) } } });
        return true;
      }
      if (existing.orderUpdatedAt > facts.updatedAt) return false;
      await tx.redemptionLine.deleteMany({ where: { redemptionId: existing.id } });
      await tx.redemption.update({ where: { id: existing.id }, data: { ...fields, lines: { create: lineRows(use) } } });
      return true;
    }).catch((error: unknown) => {
      if (attempt === 0 && isUniqueViolation(error)) return null;
      throw error;
    });
    if (written !== null) return written;
  }
  throw new Error(`Could not record ${use.code} on ${facts.orderName}`);
}

/** Records every discount code of the order; codes PromoGuard does not govern are recorded too. */
export async function recordOrder(db: Database, shopDomain: string, facts: OrderFacts, context: OrderContext, recordedFrom: RecordedFrom): Promise<RecordOutcome> {
  const outcome: RecordOutcome = { written: 0, stale: 0 };
  for (const use of codeUses(facts, context)) {
    const owner = await findCodeOwner(db, shopDomain, use.codeKey);
    const written = await writeCodeUse(db, shopDomain, facts, redemptionFields(shopDomain, facts, context, use, owner, recordedFrom), use);
    outcome[written ? "written" : "stale"]++;
  }
  return outcome;
}
