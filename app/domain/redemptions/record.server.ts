// Recording an order: the order itself (ShopOrder, every order, the analytics baseline) and its
// code uses (once per (order, code)), always at the order's latest figures; then the shop-local
// days it touches are queued for the analytics rollups.
import type { Database } from "~/db.server";
import { shopTimeZone } from "~/domain/shops.server";
import { isUniqueViolation } from "~/database-errors";
import { flowTriggerJob } from "~/domain/automation/flow-trigger-jobs.server";
import { isNumericGid } from "~/domain/automation/flow-triggers";
import { queueFraudRefresh } from "~/domain/analytics/fraud/refresh.server";
import { enqueueRollupDays } from "~/domain/analytics/rollups.server";
import { localDayOf } from "~/domain/campaigns/local-days";
import { queueCapsChecks } from "~/domain/campaigns/caps.server";
import { afterOrderRecorded } from "~/domain/campaigns/customer-uses.server";
import { redactedEmail } from "~/domain/pools/redaction.server";
import { findCodeOwner, type CodeOwner } from "./code-owners.server";
import {
  codeUses,
  hasDiscountCode,
  orderCosts,
  shippingAddressHash,
  userAgentHash,
  utmParameters,
  type CodeUse,
  type OrderContext,
  type OrderCosts,
  type OrderFacts,
} from "./order-facts";

/** How long after an order the fraud signals are checked again. */
export const FRAUD_REFRESH_DELAY_MS = 5 * 60_000;

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

export type Influence = "influenced" | "leaked" | "applied";

const INFLUENCE_LABELS: Record<Influence, string> = { influenced: "Influenced", leaked: "Leaked", applied: "Applied" };

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Whether the order arrived with the campaign's tag: its utm_campaign is the tag, or its landing
 * site names it between non-alphanumeric characters (so "summer26" is found in
 * "/pages/summer26-lookbook" but not in "/pages/summer2626"); case ignored.
 */
export function carriesCampaignTag(tag: string | null | undefined, landingSite: string | null): boolean {
  const wanted = tag?.trim().toLowerCase();
  if (!wanted || !landingSite) return false;
  if (utmParameters(landingSite).utmCampaign?.trim().toLowerCase() === wanted) return true;
  let decoded = landingSite;
  try {
    decoded = decodeURIComponent(landingSite);
  } catch {
    // A malformed escape: the landing site is read as it came.
  }
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(wanted)}($|[^\\p{L}\\p{N}])`, "iu").test(decoded);
}

/**
 * Influence vs redemption (README.md): a unique code used by its recipient is influenced, by
 * anyone else leaked. A shared code (or a unique code PromoGuard never handed to anyone) is
 * influenced only when the order carried the campaign's UTM/landing-site tag, else applied. A
 * unique code on an order without an email cannot be judged either way: applied. Codes of no
 * campaign are applied.
 */
export function classifyInfluence(shopDomain: string, owner: CodeOwner, orderEmail: string | null, landingSite: string | null): Influence {
  if (owner.campaignId === null) return "applied";
  if (owner.assignedEmail) {
    if (!orderEmail) return "applied";
    return isLeaked(shopDomain, owner, orderEmail) ? "leaked" : "influenced";
  }
  return carriesCampaignTag(owner.campaignTag, landingSite) ? "influenced" : "applied";
}

function redemptionFields(
  shopDomain: string,
  facts: OrderFacts,
  context: OrderContext,
  use: CodeUse,
  owner: CodeOwner,
  costs: OrderCosts,
  recordedFrom: RecordedFrom,
) {
  const influence = classifyInfluence(shopDomain, owner, facts.email, facts.landingSite);
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
    leaked: influence === "leaked",
    influence,
    assignedEmail: owner.assignedEmail,
    orderDiscount: use.orderDiscount,
    cogs: costs.cogs,
    linesWithoutCost: costs.linesWithoutCost,
    shippingAddressHash: shippingAddressHash(shopDomain, facts.shippingAddress),
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

/**
 * Writes one code use unless newer figures are stored: the update only matches a row whose
 * figures are not newer than these, so orders/create arriving after orders/updated changes
 * nothing. Two deliveries racing to insert meet on the unique key; the loser updates instead.
 */
async function writeCodeUse(
  db: Database,
  shopDomain: string,
  facts: OrderFacts,
  fields: ReturnType<typeof redemptionFields>,
  use: CodeUse,
  touched: Date[],
  recordedFrom: RecordedFrom,
): Promise<boolean> {
  const key = { shopDomain, orderId: facts.orderId, codeKey: use.codeKey };
  for (let attempt = 0; attempt < 2; attempt++) {
    const written = await db
      .$transaction(async (tx) => {
        const existing = await tx.redemption.findUnique({
          where: { shopDomain_orderId_codeKey: key },
          select: { id: true, orderUpdatedAt: true, processedAt: true },
        });
        // A redeemed pool coupon can never go back to the pool (revocation checks this column).
        if (fields.couponId !== null) {
          await tx.coupon.updateMany({ where: { id: fields.couponId, redeemedAt: null }, data: { redeemedAt: facts.processedAt } });
        }
        if (!existing) {
          await tx.redemption.create({ data: { ...key, ...fields, lines: { create: lineRows(use) } } });
          // A campaign's code used on a new order starts the merchant's "Campaign code redeemed"
          // workflows: queued with the redemption, so once per order and code. Past orders the
          // backfill imports are history, not events.
          const announce = fields.campaignId !== null && recordedFrom === "webhook" && isNumericGid(facts.orderId);
          const campaign = announce ? await tx.campaign.findUnique({ where: { id: fields.campaignId! }, select: { name: true } }) : null;
          if (campaign) {
            await tx.job.create({
              data: flowTriggerJob(shopDomain, "codeRedeemed", {
                order: facts.orderId,
                code: use.code,
                campaignName: campaign.name,
                discountAmount: use.codeDiscount.toNumber(),
                influence: INFLUENCE_LABELS[fields.influence],
              }),
            });
          }
          return true;
        }
        if (existing.orderUpdatedAt > facts.updatedAt) return false;
        // An edit that moved the order to another day leaves the old day's rollups to recompute.
        touched.push(existing.processedAt);
        await tx.redemptionLine.deleteMany({ where: { redemptionId: existing.id } });
        await tx.redemption.update({ where: { id: existing.id }, data: { ...fields, lines: { create: lineRows(use) } } });
        return true;
      })
      .catch((error: unknown) => {
        if (attempt === 0 && isUniqueViolation(error)) return null;
        throw error;
      });
    if (written !== null) return written;
  }
  throw new Error(`Could not record ${use.code} on ${facts.orderName}`);
}

/**
 * The order in ShopOrder (every order, with or without a code), unless newer figures are stored.
 * Returns whether it was written; `touched` gets the stored row's earlier processedAt.
 */
async function writeShopOrder(db: Database, shopDomain: string, facts: OrderFacts, costs: OrderCosts, touched: Date[]): Promise<boolean> {
  const fields = {
    orderUpdatedAt: facts.updatedAt,
    processedAt: facts.processedAt,
    email: facts.email,
    customerId: facts.customerId,
    subtotal: facts.subtotal,
    total: facts.total,
    totalDiscount: facts.totalDiscount,
    cogs: costs.cogs,
    linesWithoutCost: costs.linesWithoutCost,
    hasCode: hasDiscountCode(facts),
    landingSite: facts.landingSite,
    utmCampaign: utmParameters(facts.landingSite).utmCampaign,
  };
  const key = { shopDomain_orderId: { shopDomain, orderId: facts.orderId } };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const existing = await db.shopOrder.findUnique({ where: key, select: { orderUpdatedAt: true, processedAt: true } });
      if (!existing) {
        await db.shopOrder.create({ data: { shopDomain, orderId: facts.orderId, ...fields } });
        return true;
      }
      const { count } = await db.shopOrder.updateMany({
        where: { shopDomain, orderId: facts.orderId, orderUpdatedAt: { lte: facts.updatedAt } },
        data: fields,
      });
      if (count > 0) touched.push(existing.processedAt);
      return count > 0;
    } catch (error) {
      if (attempt > 0 || !isUniqueViolation(error)) throw error;
    }
  }
  return false;
}

/**
 * Records the order and every discount code of it (codes PromoGuard does not govern too), then
 * queues the rollups of the days it touched. `context.unitCosts` must name every variant of the
 * order's lines whose cost is known (a missing one counts as a line without cost).
 */
export async function recordOrder(
  db: Database,
  shopDomain: string,
  facts: OrderFacts,
  context: OrderContext,
  recordedFrom: RecordedFrom,
): Promise<RecordOutcome> {
  const outcome: RecordOutcome = { written: 0, stale: 0 };
  const costs = orderCosts(facts, context.unitCosts);
  const touched: Date[] = [];
  const campaigns: number[] = [];
  let changed = await writeShopOrder(db, shopDomain, facts, costs, touched);
  for (const use of codeUses(facts, context)) {
    const owner = await findCodeOwner(db, shopDomain, use.codeKey);
    const written = await writeCodeUse(
      db,
      shopDomain,
      facts,
      redemptionFields(shopDomain, facts, context, use, owner, costs, recordedFrom),
      use,
      touched,
      recordedFrom,
    );
    outcome[written ? "written" : "stale"]++;
    changed ||= written;
    if (written && owner.campaignId !== null) campaigns.push(owner.campaignId);
  }
  // The campaigns' budgets and daily caps, and the customer's per-campaign use counts, follow.
  await queueCapsChecks(db, shopDomain, campaigns);
  await afterOrderRecorded(db, shopDomain, facts.customerId, campaigns);
  if (changed) {
    const timeZone = await shopTimeZone(db, shopDomain);
    await enqueueRollupDays(
      db,
      shopDomain,
      [facts.processedAt, ...touched].map((instant) => localDayOf(instant, timeZone)),
    );
  }
  // New redemptions may form or grow a fraud cluster: one refresh a few minutes later covers a
  // burst of orders (the queued job absorbs every later request until it runs).
  if (outcome.written > 0) await queueFraudRefresh(db, shopDomain, new Date(Date.now() + FRAUD_REFRESH_DELAY_MS));
  return outcome;
}
