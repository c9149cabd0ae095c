import type { Database } from "~/db.server";
import { redactedEmail } from "~/domain/pools/redaction.server";
import { redactFraudData } from "~/domain/analytics/fraud/privacy.server";
import { customerGid, customerRedemptionIds, customerRedemptions, customerShopOrders, redactCustomerRedemptions } from "~/domain/redemptions/privacy.server";

const COMPLIANCE_TOPICS = ["CUSTOMERS_DATA_REQUEST", "CUSTOMERS_REDACT", "SHOP_REDACT"] as const;
export type ComplianceTopic = (typeof COMPLIANCE_TOPICS)[number];

export function isComplianceTopic(topic: string): topic is ComplianceTopic {
  return (COMPLIANCE_TOPICS as readonly string[]).includes(topic);
}

interface CompliancePayload {
  customer?: { id?: number | string; email?: string | null; phone?: string | null };
  orders_requested?: unknown[];
  orders_to_redact?: unknown[];
}

/**
 * Records a compliance webhook once (Shopify retries; the webhook id deduplicates) and carries
 * it out. The stored payload keeps ids only: a redaction record must not itself hold the
 * customer's email or phone.
 */
export async function handleComplianceRequest(
  db: Database,
  request: { shop: string; topic: ComplianceTopic; webhookId: string; payload: CompliancePayload },
): Promise<{ duplicate: boolean; customerData?: CustomerData }> {
  const { shop, topic, webhookId, payload } = request;
  const existing = await db.complianceRequest.findUnique({ where: { webhookId } });
  if (existing) return { duplicate: true };

  if (topic === "SHOP_REDACT") {
    await deleteShopData(db, shop);
    return { duplicate: false };
  }

  const customerId = payload.customer?.id != null ? String(payload.customer.id) : null;
  await db.shop.upsert({ where: { domain: shop }, create: { domain: shop }, update: {} });
  const record = await db.complianceRequest.create({
    data: {
      shopDomain: shop,
      topic,
      webhookId,
      customerId,
      payload: JSON.stringify({
        customer: { id: customerId },
        orders_requested: payload.orders_requested,
        orders_to_redact: payload.orders_to_redact,
      }),
    },
  });
  if (topic === "CUSTOMERS_REDACT" && customerId) {
    await redactCustomer(db, shop, customerId, payload.customer?.email, payload.orders_to_redact);
  }
  const customerData =
    topic === "CUSTOMERS_DATA_REQUEST" && customerId
      ? await customerDataOf(db, shop, customerId, payload.customer?.email, payload.orders_requested)
      : undefined;
  await db.complianceRequest.update({ where: { id: record.id }, data: { completedAt: new Date() } });
  return { duplicate: false, customerData };
}

const orderIdsOf = (orders: unknown[] | undefined) =>
  (orders ?? []).filter((order): order is string | number => typeof order === "string" || typeof order === "number");

export type CustomerData = Awaited<ReturnType<typeof customerDataOf>>;

/**
 * customers/data_request: everything PromoGuard stores about the customer, for the merchant to
 * hand over. It is returned, never stored: a copy would be one more place holding the data.
 */
export async function customerDataOf(db: Database, shop: string, customerId: string, email?: string | null, orderIds?: unknown[]) {
  const normalisedEmail = email?.trim().toLowerCase();
  return {
    customer: { id: customerId, email: normalisedEmail ?? null },
    couponAssignments: await db.couponAssignment.findMany({
      where: assignmentsOf(shop, customerId, normalisedEmail),
      select: { code: true, source: true, customerId: true, metadata: true, assignedAt: true, expiresAt: true, revokedAt: true },
      orderBy: { id: "asc" },
    }),
    holdouts: await db.holdoutAssignment.findMany({
      where: assignmentsOf(shop, customerId, normalisedEmail),
      select: { campaignId: true, source: true, customerId: true, metadata: true, assignedAt: true },
      orderBy: { id: "asc" },
    }),
    redemptions: await customerRedemptions(db, shop, { customerId, email, orderIds: orderIdsOf(orderIds) }),
    orders: await customerShopOrders(db, shop, { customerId, email, orderIds: orderIdsOf(orderIds) }),
    postPurchaseCodes: await db.postPurchaseOrder.findMany({
      where: { shopDomain: shop, OR: [{ customerId: customerGid(customerId) }, ...(normalisedEmail ? [{ email: normalisedEmail }] : [])] },
      select: { orderName: true, status: true, sendAt: true },
      orderBy: { id: "asc" },
    }),
    fraudBlocks: await db.blockedCustomer.findMany({
      where: { shopDomain: shop, customerId: customerGid(customerId) },
      select: { reason: true, blockedAt: true },
    }),
  };
}

/**
 * Removes what PromoGuard stores about one customer of one shop. Each feature that stores
 * customer data adds its tables here.
 */
export async function redactCustomer(db: Database, shop: string, customerId: string, email?: string | null, orderIds?: unknown[]) {
  await db.complianceRequest.updateMany({
    where: { shopDomain: shop, customerId, topic: { not: "CUSTOMERS_REDACT" } },
    data: { payload: JSON.stringify({ customer: { id: customerId }, redacted: true }) },
  });
  // Coupon assignments and holdouts know the customer by email (stored lower-cased) and, when an
  // API caller named them, by customer id; the caller's metadata goes with the identity.
  const where = assignmentsOf(shop, customerId, email?.trim().toLowerCase());
  const data = { customerId: null, metadata: null };
  await db.couponAssignment.updateMany({ where, data });
  await db.holdoutAssignment.updateMany({ where, data });
  if (email?.trim()) {
    const byEmail = { shopDomain: shop, email: email.trim().toLowerCase() };
    await db.couponAssignment.updateMany({ where: byEmail, data: { email: redactedEmail(shop, email) } });
    await db.holdoutAssignment.updateMany({ where: byEmail, data: { email: redactedEmail(shop, email) } });
  }
  // Post-purchase codes: the orders answered keep their figures, and a code not sent yet is never
  // emailed (its delivery loses the address; the job finds a redacted address and skips it).
  const gid = customerGid(customerId);
  const normalised = email?.trim().toLowerCase();
  const byCustomer = { shopDomain: shop, OR: [{ customerId: gid }, ...(normalised ? [{ email: normalised }] : [])] };
  if (normalised) await db.postPurchaseOrder.updateMany({ where: byCustomer, data: { email: redactedEmail(shop, normalised), customerId: null } });
  else await db.postPurchaseOrder.updateMany({ where: byCustomer, data: { customerId: null } });
  await db.codeDelivery.updateMany({ where: byCustomer, data: { email: null, customerId: null } });
  const identity = { customerId, email, orderIds: orderIdsOf(orderIds) };
  // Found before the redemptions are redacted: the redaction removes what identifies them.
  await redactFraudData(db, shop, customerGid(customerId), await customerRedemptionIds(db, shop, identity));
  await redactCustomerRedemptions(db, shop, identity);
}

/** A customer's assignments and holdouts: by email, or by the customer id an API caller gave. */
function assignmentsOf(shop: string, customerId: string, email: string | undefined) {
  return { shopDomain: shop, OR: [{ customerId: customerGid(customerId) }, ...(email ? [{ email }] : [])] };
}

/** shop/redact: everything PromoGuard holds for the shop goes (the Shop row cascades). */
export async function deleteShopData(db: Database, shop: string) {
  await db.$transaction([db.session.deleteMany({ where: { shop } }), db.shop.deleteMany({ where: { domain: shop } })]);
}
