// Caps that stop the spend: a campaign's budgets (what its codes took off, the net revenue of its
// orders, its redemptions) and its daily redemption cap. Shopify knows neither, so PromoGuard
// enforces them from the orders it records: every recorded redemption queues a check of its
// campaign (a durable job, one queued per campaign), which brings the Shopify discount in line
// with the figures — switched off when a budget is reached, paused until the shop's next
// midnight when today's cap is, back on when the merchant raised the cap or the day turned.
//
// Orders already in checkout when the cap is crossed can still complete: the discount is
// switched off seconds after the webhook of the order that crossed it, and orders placed in
// between (or whose webhooks are late) still carry it. The campaign page shows that overshoot.
import { sqlFloat } from "~/database-dialect";
import type { Campaign } from "@prisma/client";
import { Prisma } from "@prisma/client";
import type { Database } from "~/db.server";
import { queueFlowTrigger } from "~/domain/automation/flow-trigger-jobs.server";
import { recordAudit } from "~/domain/governance/audit.server";
import { adminLink } from "~/domain/governance/mail.server";
import { campaignPath } from "~/domain/governance/notifications.server";
import { staffWithRoles } from "~/domain/governance/staff.server";
import { enqueueJob } from "~/jobs/queue.server";
import type { JobHandler } from "~/jobs/worker.server";
import type { AdminGraphql } from "~/shopify/discounts.server";
import { localDayBounds, nextLocalMidnight } from "./local-days";
import { pauseForCap, resumeCampaign, type CampaignOutcome } from "./publishing.server";
import { GENERAL_FIELD } from "./shopify-errors";
import { formatCount, formatDateTime, formatMoney } from "~/lib/format";

export const CAPS_CHECK_JOB = "campaigns.caps-check";

export type BudgetKind = "discount" | "revenue" | "redemptions";

/** What a campaign's recorded orders add up to (shop currency), and today's redemptions. */
export interface CampaignFigures {
  discount: number;
  revenue: number;
  redemptions: number;
  today: number;
}

export interface BudgetState {
  kind: BudgetKind;
  cap: number;
  used: number;
  reached: boolean;
  /** How far past the cap the orders went (0 while under it). */
  overshoot: number;
}

type CapFields = Pick<Campaign, "budgetDiscount" | "budgetRevenue" | "budgetRedemptions" | "dailyCap">;

export const hasCaps = (campaign: CapFields) =>
  campaign.budgetDiscount !== null || campaign.budgetRevenue !== null || campaign.budgetRedemptions !== null || campaign.dailyCap !== null;

async function shopSettings(db: Database, shopDomain: string): Promise<{ timeZone: string; currency: string }> {
  const shop = await db.shop.findUnique({ where: { domain: shopDomain }, select: { ianaTimezone: true, currencyCode: true } });
  return { timeZone: shop?.ianaTimezone || "UTC", currency: shop?.currencyCode || "USD" };
}

const cents = (value: number) => Math.round(value * 100) / 100;

/**
 * The campaign's figures from its redemptions: a redemption is an order (an order with two of
 * the campaign's codes counts once); revenue is the orders' net revenue (their subtotal after
 * discounts), as analytics counts it.
 */
export async function campaignFigures(db: Database, campaign: Pick<Campaign, "id" | "shopDomain">, timeZone: string, now: Date): Promise<CampaignFigures> {
  const { start, end } = localDayBounds(now, timeZone);
  const [row] = await db.$queryRaw<
    { discount: number | null; revenue: number | null; redemptions: number | bigint; today: number | bigint | null }[]
  >(Prisma.sql`
    SELECT SUM(d) AS discount, SUM(s) AS revenue, COUNT(*) AS redemptions, SUM(CASE WHEN p >= ${start} AND p < ${end} THEN 1 ELSE 0 END) AS today
    FROM (
      SELECT SUM(CAST("codeDiscount" AS ${Prisma.raw(sqlFloat(db))})) AS d, MAX(CAST("subtotal" AS ${Prisma.raw(sqlFloat(db))})) AS s, MIN("processedAt") AS p
      FROM "Redemption" WHERE "shopDomain" = ${campaign.shopDomain} AND "campaignId" = ${campaign.id}
      GROUP BY "orderId"
    ) AS "perOrder"`);
  return { discount: cents(row?.discount ?? 0), revenue: cents(row?.revenue ?? 0), redemptions: Number(row?.redemptions ?? 0), today: Number(row?.today ?? 0) };
}

/** Each budget the campaign has, with how much of it is used. */
export function budgetStates(campaign: CapFields, figures: CampaignFigures): BudgetState[] {
  const caps: [BudgetKind, number | null, number][] = [
    ["discount", campaign.budgetDiscount === null ? null : Number(campaign.budgetDiscount), figures.discount],
    ["revenue", campaign.budgetRevenue === null ? null : Number(campaign.budgetRevenue), figures.revenue],
    ["redemptions", campaign.budgetRedemptions, figures.redemptions],
  ];
  return caps.flatMap(([kind, cap, used]) => (cap === null ? [] : [{ kind, cap, used, reached: used >= cap, overshoot: used > cap ? cents(used - cap) : 0 }]));
}

const dailyCapReached = (campaign: CapFields, figures: CampaignFigures) => campaign.dailyCap !== null && figures.today >= campaign.dailyCap;

/** A budget in the merchant's words: "its budget of $100.00 in discounts". */
export function budgetInWords(budget: Pick<BudgetState, "kind" | "cap">, currency: string): string {
  if (budget.kind === "discount") return `its budget of ${formatMoney(budget.cap, currency)} in discounts`;
  if (budget.kind === "revenue") return `its revenue goal of ${formatMoney(budget.cap, currency)}`;
  return `its limit of ${formatCount(budget.cap)} redemptions`;
}

const BUDGET_NAMES: Record<BudgetKind, string> = { discount: "Discount budget", revenue: "Revenue goal", redemptions: "Redemption limit" };

/** Queues a check of the campaign's caps (one queued per campaign; a burst of orders shares it). */
export async function queueCapsCheck(db: Database, shopDomain: string, campaignId: number, runAt = new Date()): Promise<void> {
  const key = `${CAPS_CHECK_JOB}:${campaignId}`;
  await enqueueJob(db, { shopDomain, type: CAPS_CHECK_JOB, payload: { campaignId }, runAt, dedupeKey: key, concurrencyKey: key }, runAt);
}

/** After orders were recorded: the campaigns among `campaignIds` that have caps get checked. */
export async function queueCapsChecks(db: Database, shopDomain: string, campaignIds: Iterable<number>): Promise<void> {
  const ids = [...new Set(campaignIds)];
  if (ids.length === 0) return;
  const capped = await db.campaign.findMany({ where: { shopDomain, id: { in: ids }, status: { in: ["live", "paused"] } } });
  for (const campaign of capped)
    if (hasCaps(campaign) || campaign.pauseReason === "budget" || campaign.pauseReason === "dailyCap") await queueCapsCheck(db, shopDomain, campaign.id);
}

async function tellOwnerAndApprovers(db: Database, campaign: Campaign, message: string, kind: string): Promise<void> {
  const approvers = await staffWithRoles(db, campaign.shopDomain, ["approver", "owner"]);
  const staffIds = new Set(approvers.map((staff) => staff.id));
  if (campaign.ownerStaffId !== null) staffIds.add(campaign.ownerStaffId);
  await db.notification.createMany({
    data: [...staffIds].map((staffId) => ({ shopDomain: campaign.shopDomain, staffId, kind, message, link: campaignPath(campaign.id) })),
  });
}

export interface CapsOutcome {
  /** What the check changed: nothing, or the step it took. */
  change: "none" | "budgetReached" | "dailyCapPaused" | "resumed";
  campaign: Campaign;
}

/**
 * Brings the campaign's discount in line with its caps, idempotently: a reached budget switches a
 * live campaign off (once: the first check to claim the crossing notifies and audits); today's
 * cap pauses it until the next local midnight, when a queued check resumes it; a budget that is
 * no longer reached (the merchant raised it) or a new day resumes a campaign the caps paused. A
 * campaign the merchant paused stays paused. A Shopify refusal throws, so the job retries.
 */
export async function enforceCaps(db: Database, admin: AdminGraphql, campaignId: number, now = new Date()): Promise<CapsOutcome | null> {
  let campaign = await db.campaign.findUnique({ where: { id: campaignId } });
  if (!campaign || campaign.shopifyDiscountId === null || (campaign.status !== "live" && campaign.status !== "paused")) return null;
  const { timeZone, currency } = await shopSettings(db, campaign.shopDomain);
  const figures = await campaignFigures(db, campaign, timeZone, now);
  const reached = budgetStates(campaign, figures).find((budget) => budget.reached) ?? null;
  const applied = (outcome: CampaignOutcome): Campaign => {
    if (!outcome.ok) throw new Error(`Shopify refused to change ${campaign!.name}: ${Object.values(outcome.errors).join(" ")}`);
    return outcome.campaign;
  };

  if (reached) {
    if (campaign.status === "live" || campaign.pauseReason === "dailyCap") campaign = applied(await pauseForCap(db, admin, campaign, "budget"));
    // The first check that sees the crossing claims it: one notification and audit entry, ever.
    const claim = await db.campaign.updateMany({
      where: { id: campaign.id, budgetReachedAt: null },
      data: { budgetReachedAt: now, budgetReachedBy: reached.kind },
    });
    if (claim.count === 0) return { change: "none", campaign };
    const over =
      reached.overshoot > 0
        ? ` Orders already in checkout went ${reached.kind === "redemptions" ? `${reached.overshoot} redemptions` : formatMoney(reached.overshoot, currency)} over it.`
        : "";
    const message = `${campaign.name} reached ${budgetInWords(reached, currency)}: PromoGuard switched its discount off.${over}`;
    await tellOwnerAndApprovers(db, campaign, message, "campaign.budget-reached");
    // And the merchant's "Campaign budget reached" workflows, once: the claim above is the crossing's.
    await queueFlowTrigger(
      db,
      campaign.shopDomain,
      "budgetReached",
      {
        campaignName: campaign.name,
        budget: BUDGET_NAMES[reached.kind],
        cap: reached.cap,
        used: reached.used,
        campaignPage: adminLink(campaign.shopDomain, campaignPath(campaign.id)),
      },
      now,
    );
    await recordAudit(db, {
      shopDomain: campaign.shopDomain,
      actor: null,
      action: "campaign.budget-reached",
      entityType: "campaign",
      entityId: campaign.id,
      entityLabel: campaign.name,
      before: { status: "live" },
      after: { status: "paused", budget: reached.kind, cap: reached.cap, used: reached.used },
    });
    return { change: "budgetReached", campaign: await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } }) };
  }

  // Under every budget: a crossing claimed earlier is over (the merchant raised the cap).
  if (campaign.budgetReachedAt !== null)
    campaign = await db.campaign.update({ where: { id: campaign.id }, data: { budgetReachedAt: null, budgetReachedBy: null } });

  if (dailyCapReached(campaign, figures)) {
    if (campaign.status === "paused" && campaign.pauseReason === "dailyCap") {
      // Checks queued by later orders take the place of the one at midnight: put it back.
      await queueCapsCheck(db, campaign.shopDomain, campaign.id, campaign.pausedUntil ?? nextLocalMidnight(now, timeZone));
      return { change: "none", campaign };
    }
    if (campaign.status === "paused" && campaign.pauseReason !== "budget") return { change: "none", campaign };
    const until = nextLocalMidnight(now, timeZone);
    campaign = applied(await pauseForCap(db, admin, campaign, "dailyCap", until));
    await queueCapsCheck(db, campaign.shopDomain, campaign.id, until);
    await recordAudit(db, {
      shopDomain: campaign.shopDomain,
      actor: null,
      action: "campaign.daily-cap",
      entityType: "campaign",
      entityId: campaign.id,
      entityLabel: campaign.name,
      before: { status: "live" },
      after: { status: "paused", dailyCap: campaign.dailyCap, resumesAt: until },
    });
    return { change: "dailyCapPaused", campaign };
  }

  const capPaused = campaign.status === "paused" && (campaign.pauseReason === "budget" || campaign.pauseReason === "dailyCap");
  if (!capPaused) return { change: "none", campaign };
  // A new day, or a cap raised above today's redemptions: the caps no longer hold the campaign.
  const reason = campaign.pauseReason;
  campaign = applied(await resumeCampaign(db, admin, campaign));
  await recordAudit(db, {
    shopDomain: campaign.shopDomain,
    actor: null,
    action: "campaign.cap-resume",
    entityType: "campaign",
    entityId: campaign.id,
    entityLabel: campaign.name,
    before: { status: "paused", pausedBy: reason },
    after: { status: "live" },
  });
  return { change: "resumed", campaign };
}

/** Why the merchant can't resume the campaign by hand right now (a cap still holds it); null when they can. */
export async function capResumeRefusal(db: Database, campaign: Campaign, now = new Date()): Promise<string | null> {
  if (campaign.status !== "paused" || !hasCaps(campaign)) return null;
  const { timeZone, currency } = await shopSettings(db, campaign.shopDomain);
  const figures = await campaignFigures(db, campaign, timeZone, now);
  const reached = budgetStates(campaign, figures).find((budget) => budget.reached);
  if (reached) return `This campaign reached ${budgetInWords(reached, currency)}. Raise it (edit the campaign and publish), and the campaign resumes.`;
  if (dailyCapReached(campaign, figures)) {
    const resumes = formatDateTime(nextLocalMidnight(now, timeZone), timeZone);
    return `Today's ${campaign.dailyCap} redemptions are used up. The campaign resumes by itself on ${resumes}, or raise the daily cap.`;
  }
  return null;
}

/** The merchant's Resume, refused while a cap holds the campaign. */
export async function resumeWithinCaps(db: Database, admin: AdminGraphql, campaign: Campaign): Promise<CampaignOutcome> {
  const refusal = await capResumeRefusal(db, campaign);
  if (refusal) return { ok: false, errors: { [GENERAL_FIELD]: refusal } };
  return resumeCampaign(db, admin, campaign);
}

/** What the campaign page shows of the caps. Plain JSON values. */
export interface CapsView {
  currency: string;
  budgets: BudgetState[];
  /** The daily cap and today's redemptions (shop-local day); null without a daily cap. */
  daily: { cap: number; today: number } | null;
  /** When a budget stopped the campaign (ISO), and which. */
  budgetReached: { at: string; kind: BudgetKind } | null;
  /** When the daily cap's pause ends (ISO); null unless paused by it. */
  resumesAt: string | null;
}

export async function campaignCaps(db: Database, campaign: Campaign, now = new Date()): Promise<CapsView | null> {
  if (!hasCaps(campaign) && campaign.budgetReachedAt === null) return null;
  const { timeZone, currency } = await shopSettings(db, campaign.shopDomain);
  const figures = await campaignFigures(db, campaign, timeZone, now);
  return {
    currency,
    budgets: budgetStates(campaign, figures),
    daily: campaign.dailyCap === null ? null : { cap: campaign.dailyCap, today: figures.today },
    budgetReached: campaign.budgetReachedAt === null ? null : { at: campaign.budgetReachedAt.toISOString(), kind: campaign.budgetReachedBy as BudgetKind },
    resumesAt: campaign.status === "paused" && campaign.pauseReason === "dailyCap" && campaign.pausedUntil ? campaign.pausedUntil.toISOString() : null,
  };
}

export function capsJobHandlers({ adminFor }: { adminFor(shopDomain: string): Promise<AdminGraphql> }): Record<string, JobHandler> {
  return {
    [CAPS_CHECK_JOB]: async ({ db, job, clock }) => {
      await enforceCaps(db, await adminFor(job.shopDomain), (job.payload as { campaignId: number }).campaignId, clock.now());
    },
  };
}
