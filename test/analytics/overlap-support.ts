// The overlap tests' synthetic shop, small enough to work every figure out by hand.
import prisma from "~/db.server";

export const NOW = new Date("2026-11-20T12:00:00Z");

let orderNumber = 0;

interface Use {
  orderName: string;
  orderId?: string;
  code: string;
  customerId?: string | null;
  email?: string | null;
  processedAt: string;
  total: string;
  totalDiscount: string;
  codeDiscount: string;
}

async function redemption(shopDomain: string, use: Use) {
  orderNumber++;
  await prisma.redemption.create({
    data: {
      shopDomain,
      orderId: use.orderId ?? `gid://shopify/Order/${shopDomain}/${orderNumber}`,
      orderName: use.orderName,
      orderUpdatedAt: new Date(use.processedAt),
      processedAt: new Date(use.processedAt),
      code: use.code,
      codeKey: use.code.toUpperCase(),
      customerId: use.customerId ?? null,
      email: use.email ?? null,
      newCustomer: null,
      currency: "USD",
      presentmentCurrency: "USD",
      subtotal: use.total,
      total: use.total,
      totalDiscount: use.totalDiscount,
      codeDiscount: use.codeDiscount,
      shippingDiscount: "0",
      presentmentTotal: use.total,
      recordedFrom: "webhook",
    },
  });
}

export async function fullPriceOrder(
  shopDomain: string,
  order: { orderId: string; customerId?: string | null; email?: string | null; processedAt: string; total?: string; totalDiscount?: string; hasCode?: boolean },
) {
  await prisma.shopOrder.create({
    data: {
      shopDomain,
      orderId: `gid://shopify/Order/${shopDomain}/${order.orderId}`,
      orderUpdatedAt: new Date(order.processedAt),
      processedAt: new Date(order.processedAt),
      customerId: order.customerId ?? null,
      email: order.email ?? null,
      subtotal: order.total ?? "60.00",
      total: order.total ?? "60.00",
      totalDiscount: order.totalDiscount ?? "0",
      hasCode: order.hasCode ?? false,
    },
  });
}

const SARAH = { customerId: "gid://shopify/Customer/1", email: "sarah@example.com" };
const TOM = { customerId: null, email: "tom@example.com" };
const UMA = { customerId: "gid://shopify/Customer/3", email: "uma@example.com" };
const VIC = { customerId: "gid://shopify/Customer/4", email: "vic@example.com" };

/**
 * Sarah: WELCOME10 on Nov 1 (90.00 paid, 10.00 off), LOYALTY15 on Nov 8 (85.00 paid, 15.00 off);
 *   full price on Oct 25 (60.00).
 * Tom (guest): SAVE5 (5.00) and FREESHIP (7.50) on one order on Nov 3 (137.50 paid, 12.50 off);
 *   full price on Nov 2 (45.00).
 * Uma: WELCOME10 on Nov 5 and Nov 12 (10.00 off each); full price on Sep 15 (51 days before).
 * Vic: WELCOME10 on Sep 1 (outside 30 days), LOYALTY15 on Nov 10; a Nov 5 order without a code
 *   but with 5.00 of automatic discount (not full price).
 */
export async function seedOverlapShop(shopDomain: string) {
  await redemption(shopDomain, {
    ...SARAH,
    orderName: "#1001",
    code: "WELCOME10",
    processedAt: "2026-11-01T10:00:00Z",
    total: "90.00",
    totalDiscount: "10.00",
    codeDiscount: "10.00",
  });
  await redemption(shopDomain, {
    ...SARAH,
    orderName: "#1002",
    code: "LOYALTY15",
    processedAt: "2026-11-08T10:00:00Z",
    total: "85.00",
    totalDiscount: "15.00",
    codeDiscount: "15.00",
  });
  const tomOrder = `gid://shopify/Order/${shopDomain}/tom-1003`;
  await redemption(shopDomain, {
    ...TOM,
    orderId: tomOrder,
    orderName: "#1003",
    code: "SAVE5",
    processedAt: "2026-11-03T10:00:00Z",
    total: "137.50",
    totalDiscount: "12.50",
    codeDiscount: "5.00",
  });
  await redemption(shopDomain, {
    ...TOM,
    orderId: tomOrder,
    orderName: "#1003",
    code: "FREESHIP",
    processedAt: "2026-11-03T10:00:00Z",
    total: "137.50",
    totalDiscount: "12.50",
    codeDiscount: "7.50",
  });
  await redemption(shopDomain, {
    ...UMA,
    orderName: "#1004",
    code: "WELCOME10",
    processedAt: "2026-11-05T10:00:00Z",
    total: "90.00",
    totalDiscount: "10.00",
    codeDiscount: "10.00",
  });
  await redemption(shopDomain, {
    ...UMA,
    orderName: "#1005",
    code: "WELCOME10",
    processedAt: "2026-11-12T10:00:00Z",
    total: "90.00",
    totalDiscount: "10.00",
    codeDiscount: "10.00",
  });
  await redemption(shopDomain, {
    ...VIC,
    orderName: "#0900",
    code: "WELCOME10",
    processedAt: "2026-09-01T10:00:00Z",
    total: "90.00",
    totalDiscount: "10.00",
    codeDiscount: "10.00",
  });
  await redemption(shopDomain, {
    ...VIC,
    orderName: "#1006",
    code: "LOYALTY15",
    processedAt: "2026-11-10T10:00:00Z",
    total: "85.00",
    totalDiscount: "15.00",
    codeDiscount: "15.00",
  });

  await fullPriceOrder(shopDomain, { orderId: "sarah-full", ...SARAH, processedAt: "2026-10-25T10:00:00Z", total: "60.00" });
  await fullPriceOrder(shopDomain, { orderId: "tom-full", ...TOM, processedAt: "2026-11-02T10:00:00Z", total: "45.00" });
  await fullPriceOrder(shopDomain, { orderId: "uma-full", ...UMA, processedAt: "2026-09-15T10:00:00Z" });
  await fullPriceOrder(shopDomain, { orderId: "vic-auto", ...VIC, processedAt: "2026-11-05T10:00:00Z", totalDiscount: "5.00" });
}

let campaignNumber = 0;

export async function campaign(
  shopDomain: string,
  fields: {
    name: string;
    config?: unknown;
    status?: string;
    startsAt?: Date;
    endsAt?: Date | null;
    combinesWithOrder?: boolean;
    combinesWithProduct?: boolean;
  },
) {
  campaignNumber++;
  return prisma.campaign.create({
    data: {
      shopDomain,
      name: fields.name,
      ownerName: "Ana Owner",
      ownerEmail: "ana@example.com",
      purpose: "Overlap test",
      channel: "email",
      config: JSON.stringify(fields.config ?? { version: 1, effects: [{ type: "percentage", percentage: 10, appliesTo: "order" }] }),
      codeSource: "shared",
      sharedCode: `OVERLAP${campaignNumber}`,
      status: fields.status ?? "live",
      startsAt: fields.startsAt ?? new Date("2026-01-01T00:00:00Z"),
      endsAt: fields.endsAt === undefined ? null : fields.endsAt,
      combinesWithOrder: fields.combinesWithOrder ?? false,
      combinesWithProduct: fields.combinesWithProduct ?? false,
    },
  });
}
