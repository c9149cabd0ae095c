// What PromoGuard records of an order, in one shape whichever way the order arrived: an
// orders/create or orders/updated webhook (REST JSON) or the Admin API backfill (GraphQL).
import { createHash, createHmac } from "node:crypto";
import { Prisma } from "@prisma/client";
import { codeKey as shopifyCodeKey } from "~/shopify/code-key";

type Decimal = Prisma.Decimal;
const Decimal = Prisma.Decimal;

export interface DiscountAllocationFact {
  applicationIndex: number;
  amount: string;
}

export interface LineFact {
  /** Shopify's variant GID; null for custom items. */
  variantId: string | null;
  sku: string | null;
  title: string;
  quantity: number;
  /** Unit price before discounts, shop currency. */
  price: string;
  allocations: DiscountAllocationFact[];
}

export interface OrderFacts {
  orderId: string;
  orderName: string;
  createdAt: Date;
  updatedAt: Date;
  processedAt: Date;
  customerId: string | null;
  email: string | null;
  currency: string;
  presentmentCurrency: string;
  subtotal: string;
  total: string;
  totalDiscount: string;
  presentmentTotal: string;
  landingSite: string | null;
  referringSite: string | null;
  sourceName: string | null;
  clientIp: string | null;
  /** Null when the source does not carry it (the Admin API does not expose the user agent). */
  userAgent: string | null;
  /**
   * Every discount application by index; code is set for discount codes only. orderLevel: it
   * applies to the whole order (target selection "all" on line items), so its allocations are
   * the order discount rather than a line discount.
   */
  applications: { index: number; code: string | null; orderLevel?: boolean }[];
  lines: LineFact[];
  /** Allocations on the order's shipping lines. */
  shippingAllocations: DiscountAllocationFact[];
  /** Where the order ships; only its keyed hash is stored (fraud clusters). */
  shippingAddress?: AddressFact | null;
}

export interface AddressFact {
  address1: string | null;
  address2: string | null;
  city: string | null;
  zip: string | null;
  provinceCode: string | null;
  countryCode: string | null;
}

/**
 * The shipping address as a keyed hash of its normalised form (case, spacing and punctuation
 * ignored), so two orders to one address cluster together while the address itself is not kept.
 * Keyed with the app's secret like redactedEmail: guessed addresses cannot be hashed to match.
 */
export function shippingAddressHash(shopDomain: string, address: AddressFact | null | undefined): string | null {
  if (!address) return null;
  const normalise = (value: string | null) =>
    (value ?? "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  const parts = [address.address1, address.address2, address.city, address.zip, address.provinceCode, address.countryCode].map(normalise);
  if (!parts[0] && !parts[3]) return null;
  const digest = createHmac("sha256", process.env.SHOPIFY_API_SECRET ?? "")
    .update(`${shopDomain}\naddress\n${parts.join("|")}`)
    .digest("hex");
  return `addr:${digest.slice(0, 32)}`;
}

/** What only a further Admin API read can tell: the customer's history and the variants' costs. */
export interface OrderContext {
  newCustomer: boolean | null;
  unitCosts: ReadonlyMap<string, string | null>;
}

export interface UtmParameters {
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
}

/** UTM parameters of a landing page, whether Shopify gave a path (REST) or a full URL (GraphQL). */
export function utmParameters(landingSite: string | null): UtmParameters {
  let params = new URLSearchParams();
  if (landingSite) {
    try {
      params = new URL(landingSite, "https://landing.invalid").searchParams;
    } catch {
      // An unparseable landing site has no parameters to read.
    }
  }
  const read = (name: string) => params.get(`utm_${name}`) || null;
  return { utmSource: read("source"), utmMedium: read("medium"), utmCampaign: read("campaign"), utmTerm: read("term"), utmContent: read("content") };
}

/** The user agent is kept only as a hash: enough to cluster devices, useless to identify anyone. */
export function userAgentHash(userAgent: string | null): string | null {
  return userAgent ? createHash("sha256").update(userAgent).digest("hex").slice(0, 32) : null;
}

export const codeKey = (code: string) => shopifyCodeKey(code.trim());

const sum = (amounts: string[]): Decimal => amounts.reduce((total, amount) => total.plus(amount), new Decimal(0));

export interface CodeUseLine {
  variantId: string | null;
  sku: string | null;
  title: string;
  quantity: number;
  price: Decimal;
  discountAllocated: Decimal;
  codeDiscount: Decimal;
  unitCost: Decimal | null;
}

/** One discount code of the order, with the part of the discount it gave. */
export interface CodeUse {
  code: string;
  codeKey: string;
  codeDiscount: Decimal;
  shippingDiscount: Decimal;
  /** The part of codeDiscount from applications on the whole order (the rest is line discount). */
  orderDiscount: Decimal;
  lines: CodeUseLine[];
}

/**
 * The order's discount codes, each once (a code can be applied to lines and to shipping, giving
 * two applications), with what its applications were allocated.
 */
export function codeUses(facts: OrderFacts, context: OrderContext): CodeUse[] {
  const byKey = new Map<string, { code: string; indexes: Set<number>; orderLevel: Set<number> }>();
  for (const application of facts.applications) {
    if (!application.code?.trim()) continue;
    const key = codeKey(application.code);
    const entry = byKey.get(key) ?? { code: application.code.trim(), indexes: new Set<number>(), orderLevel: new Set<number>() };
    entry.indexes.add(application.index);
    if (application.orderLevel) entry.orderLevel.add(application.index);
    byKey.set(key, entry);
  }
  return [...byKey].map(([key, { code, indexes, orderLevel }]) => {
    const ofCode = (allocations: DiscountAllocationFact[], of: Set<number> = indexes) =>
      sum(allocations.filter((allocation) => of.has(allocation.applicationIndex)).map((allocation) => allocation.amount));
    const lines = facts.lines.map((line) => {
      const cost = line.variantId ? context.unitCosts.get(line.variantId) : null;
      return {
        variantId: line.variantId,
        sku: line.sku,
        title: line.title,
        quantity: line.quantity,
        price: new Decimal(line.price),
        discountAllocated: sum(line.allocations.map((allocation) => allocation.amount)),
        codeDiscount: ofCode(line.allocations),
        unitCost: cost == null ? null : new Decimal(cost),
      };
    });
    const shippingDiscount = ofCode(facts.shippingAllocations);
    const codeDiscount = lines.reduce((total, line) => total.plus(line.codeDiscount), shippingDiscount);
    const orderDiscount = sum(facts.lines.map((line) => ofCode(line.allocations, orderLevel).toString()));
    return { code, codeKey: key, codeDiscount, shippingDiscount, orderDiscount, lines };
  });
}

/** The order's cost of goods where known, and how many lines (with a quantity) had no unit cost. */
export interface OrderCosts {
  cogs: Decimal;
  linesWithoutCost: number;
}

/**
 * Cost of goods of the order's lines. A line without a known unit cost (no variant, or a variant
 * Shopify has no cost for) adds nothing to cogs and is counted instead, so figures that need
 * every cost can say they are incomplete rather than treat the cost as zero.
 */
export function orderCosts(facts: OrderFacts, unitCosts: ReadonlyMap<string, string | null>): OrderCosts {
  let cogs = new Decimal(0);
  let linesWithoutCost = 0;
  for (const line of facts.lines) {
    if (line.quantity <= 0) continue;
    const cost = line.variantId ? unitCosts.get(line.variantId) : null;
    if (cost == null) linesWithoutCost++;
    else cogs = cogs.plus(new Decimal(cost).times(line.quantity));
  }
  return { cogs, linesWithoutCost };
}

/** Variant GIDs whose unit cost the order's lines need. */
export const variantIdsOf = (facts: OrderFacts) => [...new Set(facts.lines.flatMap((line) => (line.variantId ? [line.variantId] : [])))];

export const hasDiscountCode = (facts: OrderFacts) => facts.applications.some((application) => application.code?.trim());
