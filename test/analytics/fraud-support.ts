// Redemptions made by hand for the fraud tests: every field the clustering reads, nothing else.
import prisma from "~/db.server";
import { TEST_SHOP } from "../support/shopify-app";

let orderNumber = 1000;

export interface RedemptionSeed {
  shop?: string;
  code?: string;
  email?: string | null;
  customerId?: string | null;
  newCustomer?: boolean | null;
  couponId?: number | null;
  clientIp?: string | null;
  userAgentHash?: string | null;
  shippingAddressHash?: string | null;
  codeDiscount?: string;
  processedAt?: Date;
}

export async function redeem(seed: RedemptionSeed) {
  orderNumber++;
  return prisma.redemption.create({
    data: {
      shopDomain: seed.shop ?? TEST_SHOP,
      orderId: `gid://shopify/Order/${orderNumber}`,
      orderName: `#${orderNumber}`,
      orderUpdatedAt: seed.processedAt ?? new Date("2026-11-10T10:00:00Z"),
      processedAt: seed.processedAt ?? new Date("2026-11-10T10:00:00Z"),
      code: seed.code ?? "WELCOME10",
      codeKey: (seed.code ?? "WELCOME10").toUpperCase(),
      customerId: seed.customerId === undefined ? null : seed.customerId,
      email: seed.email === undefined ? `shopper${orderNumber}@example.com` : seed.email,
      newCustomer: seed.newCustomer === undefined ? true : seed.newCustomer,
      couponId: seed.couponId ?? null,
      currency: "USD",
      presentmentCurrency: "USD",
      subtotal: "90.00",
      total: "95.00",
      totalDiscount: seed.codeDiscount ?? "10.00",
      codeDiscount: seed.codeDiscount ?? "10.00",
      shippingDiscount: "0",
      presentmentTotal: "95.00",
      clientIp: seed.clientIp ?? null,
      userAgentHash: seed.userAgentHash ?? null,
      shippingAddressHash: seed.shippingAddressHash ?? null,
      recordedFrom: "webhook",
    },
  });
}
