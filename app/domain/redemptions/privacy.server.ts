// The redemptions' part of the privacy webhooks: what is stored about one customer, and how it
// is forgotten while the shop's figures stay right.
import type { Database } from "~/db.server";
import { redactedEmail } from "~/domain/pools/redaction.server";

export interface CustomerIdentity {
  /** Shopify's numeric customer id, as compliance webhooks carry it. */
  customerId: string;
  email?: string | null;
  /** Numeric ids of orders the request names. */
  orderIds?: readonly (string | number)[];
}

export const customerGid = (customerId: string) => (customerId.startsWith("gid://") ? customerId : `gid://shopify/Customer/${customerId}`);
const orderGid = (orderId: string | number) => (String(orderId).startsWith("gid://") ? String(orderId) : `gid://shopify/Order/${orderId}`);

function customerRedemptionsWhere(shopDomain: string, identity: CustomerIdentity) {
  const email = identity.email?.trim().toLowerCase();
  return {
    shopDomain,
    OR: [
      { customerId: customerGid(identity.customerId) },
      ...(email ? [{ email }] : []),
      ...(identity.orderIds?.length ? [{ orderId: { in: identity.orderIds.map(orderGid) } }] : []),
    ],
  };
}

/** The ids of the customer's redemptions (before their redaction: it removes what finds them). */
export async function customerRedemptionIds(db: Database, shopDomain: string, identity: CustomerIdentity): Promise<number[]> {
  const rows = await db.redemption.findMany({ where: customerRedemptionsWhere(shopDomain, identity), select: { id: true } });
  return rows.map((row) => row.id);
}

/** customers/data_request: every redemption stored for the customer, with its line items. */
export async function customerRedemptions(db: Database, shopDomain: string, identity: CustomerIdentity) {
  const rows = await db.redemption.findMany({
    where: customerRedemptionsWhere(shopDomain, identity),
    include: { lines: { orderBy: { id: "asc" } } },
    orderBy: [{ processedAt: "asc" }, { id: "asc" }],
  });
  return rows.map(({ id: _id, shopDomain: _shop, lines, ...redemption }) => ({
    ...redemption,
    lines: lines.map(({ id: _lineId, redemptionId: _redemptionId, ...line }) => line),
  }));
}

/** customers/data_request: every order of the customer PromoGuard keeps (ShopOrder), oldest first. */
export async function customerShopOrders(db: Database, shopDomain: string, identity: CustomerIdentity) {
  const rows = await db.shopOrder.findMany({ where: customerRedemptionsWhere(shopDomain, identity), orderBy: [{ processedAt: "asc" }, { id: "asc" }] });
  return rows.map(({ id: _id, shopDomain: _shop, ...order }) => order);
}

/**
 * customers/redact: email and customer id become the keyed hash pools use (so counts per
 * customer stay right and the leaked flag can still be judged), on redemptions and on every
 * order (ShopOrder); the IP address, device and shipping address hashes and the landing site go;
 * the figures stay.
 */
export async function redactCustomerRedemptions(db: Database, shopDomain: string, identity: CustomerIdentity) {
  const where = customerRedemptionsWhere(shopDomain, identity);
  const hashed = (value: string) => redactedEmail(shopDomain, value);
  const rows = await db.redemption.findMany({ where, select: { id: true, email: true, customerId: true, assignedEmail: true } });
  for (const row of rows) {
    await db.redemption.update({
      where: { id: row.id },
      data: {
        email: row.email && !row.email.startsWith("redacted:") ? hashed(row.email) : row.email,
        customerId: row.customerId && !row.customerId.startsWith("redacted:") ? hashed(row.customerId) : row.customerId,
        clientIp: null,
        userAgentHash: null,
        shippingAddressHash: null,
      },
    });
  }
  // Every order of the customer (with or without a code) is kept for the shop's figures, under
  // the same keyed hashes.
  const orders = await db.shopOrder.findMany({ where, select: { id: true, email: true, customerId: true } });
  for (const order of orders) {
    await db.shopOrder.update({
      where: { id: order.id },
      data: {
        email: order.email && !order.email.startsWith("redacted:") ? hashed(order.email) : order.email,
        customerId: order.customerId && !order.customerId.startsWith("redacted:") ? hashed(order.customerId) : order.customerId,
        landingSite: null,
      },
    });
  }
  // The customer may also be the recipient named on redemptions of other buyers (a leaked code).
  const email = identity.email?.trim().toLowerCase();
  if (email) await db.redemption.updateMany({ where: { shopDomain, assignedEmail: email }, data: { assignedEmail: hashed(email) } });
}
