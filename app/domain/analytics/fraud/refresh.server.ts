// Keeping the shop's fraud cases up to date: the redemptions of the look-back window clustered
// again, new clusters opened as cases, grown ones reopened, and the automatic block applied; and
// the job that does it in the background.
import { type Prisma } from "@prisma/client";
import type { Database } from "~/db.server";
import { isUniqueViolation } from "~/database-errors";
import { flowTriggerJob } from "~/domain/automation/flow-trigger-jobs.server";
import { adminLink } from "~/domain/governance/mail.server";
import { enqueueJob } from "~/jobs/queue.server";
import type { JobHandler } from "~/jobs/worker.server";
import { type AdminGraphql } from "~/shopify/customers.server";
import { DomainError } from "~/domain/errors";
import { recordAudit } from "~/domain/governance/audit.server";
import type { Actor } from "~/domain/governance/staff.server";
import { parseIds, toView } from "./cases.server";
import { blockFraudCase } from "./decisions.server";
import { readFraudSettings } from "./settings.server";
import { clusterRedemptions, DEFAULT_LOOKBACK_DAYS, DEFAULT_MIN_CLUSTER_SIZE, evidenceOf, SIGNAL_LABELS } from "./signals.server";
export interface RefreshOptions {
  now?: Date;
  lookbackDays?: number;
  minClusterSize?: number;
  /** An Admin client, for automatic blocking; without one, nothing is blocked automatically. */
  admin?: AdminGraphql | (() => Promise<AdminGraphql>);
  /** Set on the one retry after a concurrent refresh won a race. */
  retried?: boolean;
}

export interface RefreshResult {
  clusters: number;
  created: number;
  updated: number;
  /** Decided cases that new redemptions joined: they are open again. */
  reopened: number;
  autoBlocked: number;
}

/**
 * Re-clusters the shop's recent first-order and single-use redemptions and upserts one FraudCase
 * per (signal, shared value). A decided case (blocked or dismissed) reopens only when new
 * redemptions join it; then, with automatic blocking on, large enough open clusters are blocked.
 */
export async function refreshFraudCases(db: Database, shopDomain: string, options: RefreshOptions = {}): Promise<RefreshResult> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - (options.lookbackDays ?? DEFAULT_LOOKBACK_DAYS) * 86_400_000);
  const candidates = await db.redemption.findMany({
    where: { shopDomain, processedAt: { gte: since, lte: now }, OR: [{ newCustomer: true }, { couponId: { not: null } }] },
    select: {
      id: true,
      orderId: true,
      orderName: true,
      processedAt: true,
      code: true,
      customerId: true,
      email: true,
      newCustomer: true,
      couponId: true,
      codeDiscount: true,
      currency: true,
      clientIp: true,
      userAgentHash: true,
      shippingAddressHash: true,
    },
    orderBy: { id: "asc" },
  });
  const clusters = clusterRedemptions(shopDomain, candidates, options.minClusterSize ?? DEFAULT_MIN_CLUSTER_SIZE);
  const result: RefreshResult = { clusters: clusters.length, created: 0, updated: 0, reopened: 0, autoBlocked: 0 };
  // One read of the shop's cases and one transaction for every write: thousands of clusters
  // refresh in a few statements instead of a round trip (and a commit) each.
  const existing = new Map(
    (
      await db.fraudCase.findMany({
        where: { shopDomain },
        select: { id: true, signal: true, clusterKey: true, status: true, redemptionIds: true, evidence: true },
      })
    ).map((row) => [`${row.signal}\n${row.clusterKey}`, row]),
  );
  const creates: Prisma.FraudCaseCreateManyInput[] = [];
  const updates: Prisma.PrismaPromise<unknown>[] = [];
  // Each new case starts the merchant's "Fraud case opened" workflows, queued with the case.
  const announcements: Prisma.JobUncheckedCreateInput[] = [];
  for (const cluster of clusters) {
    const redemptionIds = cluster.members.map((member) => member.id).sort((a, b) => a - b);
    const facts = evidenceOf(cluster);
    const evidence = JSON.stringify(facts);
    const known = existing.get(`${cluster.signal}\n${cluster.clusterKey}`);
    if (!known) {
      creates.push({ shopDomain, signal: cluster.signal, clusterKey: cluster.clusterKey, redemptionIds: JSON.stringify(redemptionIds), evidence });
      announcements.push(
        flowTriggerJob(
          shopDomain,
          "fraudCaseOpened",
          {
            signal: SIGNAL_LABELS[cluster.signal],
            customers: cluster.distinct,
            redemptions: redemptionIds.length,
            discountGiven: Number(facts.discount),
            reviewPage: adminLink(shopDomain, "/app/analytics/fraud"),
          },
          now,
        ),
      );
      continue;
    }
    const knownIds = new Set(parseIds(known.redemptionIds));
    const joined = redemptionIds.some((id) => !knownIds.has(id));
    const reopen = joined && known.status !== "open";
    if (!joined && known.evidence === evidence) continue;
    updates.push(
      db.fraudCase.update({
        where: { id: known.id },
        data: { redemptionIds: JSON.stringify(redemptionIds), evidence, ...(reopen ? { status: "open", decidedById: null } : {}) },
      }),
    );
    result.updated++;
    if (reopen) result.reopened++;
  }
  if (creates.length > 0 || updates.length > 0) {
    try {
      await db.$transaction([
        ...(creates.length > 0 ? [db.fraudCase.createMany({ data: creates }), db.job.createMany({ data: announcements })] : []),
        ...updates,
      ]);
    } catch (error) {
      // Another refresh (the job and a "Check for new signals" click) created the same case
      // first: nothing was written here, and a second pass sees its cases.
      if (options.retried || !isUniqueViolation(error)) throw error;
      return refreshFraudCases(db, shopDomain, { ...options, retried: true });
    }
  }
  result.created = creates.length;
  result.autoBlocked = await autoBlock(db, shopDomain, options.admin);
  return result;
}

async function autoBlock(db: Database, shopDomain: string, admin: RefreshOptions["admin"]): Promise<number> {
  const settings = await readFraudSettings(db, shopDomain);
  if (!settings.autoBlock.enabled || !admin) return 0;
  const open = await db.fraudCase.findMany({ where: { shopDomain, status: "open" }, orderBy: { id: "asc" } });
  const due = open
    .map(toView)
    .filter((fraudCase) => fraudCase.evidence.distinct >= settings.autoBlock.minClusterSize && fraudCase.evidence.customerIds.length > 0);
  if (due.length === 0) return 0;
  const client = typeof admin === "function" ? await admin() : admin;
  let blocked = 0;
  for (const fraudCase of due) {
    const reason = `Automatic block: ${fraudCase.evidence.distinct} customers in one cluster (${SIGNAL_LABELS[fraudCase.signal].toLowerCase()}), at or above the threshold of ${settings.autoBlock.minClusterSize}.`;
    try {
      await blockFraudCase(db, client, shopDomain, fraudCase.id, null, reason);
      blocked++;
    } catch (error) {
      // Not blocked this time (a guest-only case, Shopify refusing a tag): it stays open for review.
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return blocked;
}

// ---------------------------------------------------------------------------------------------
// The refresh job

export const FRAUD_REFRESH_JOB = "analytics.fraud-refresh";

export interface FraudJobDependencies {
  adminFor(shopDomain: string): Promise<AdminGraphql>;
}

/** Registered in app/jobs/handlers.server.ts. */
export function fraudJobHandlers({ adminFor }: FraudJobDependencies): Record<string, JobHandler> {
  return {
    [FRAUD_REFRESH_JOB]: async ({ db, job, clock }) => {
      await refreshFraudCases(db, job.shopDomain, { now: clock.now(), admin: () => adminFor(job.shopDomain) });
    },
  };
}

/** Queues a refresh (at most one waiting per shop), e.g. after orders were recorded. */
export async function queueFraudRefresh(db: Database, shopDomain: string, now = new Date()) {
  return enqueueJob(db, { shopDomain, type: FRAUD_REFRESH_JOB, dedupeKey: `fraud-refresh:${shopDomain}`, concurrencyKey: `fraud-refresh:${shopDomain}` }, now);
}

/** A refresh a staff member asked for (the scheduled one runs unrecorded): recorded in the audit
 * trail, answered with what it found. */
export async function refreshFraudCasesAsked(db: Database, shopDomain: string, admin: AdminGraphql, actor: Actor) {
  const result = await refreshFraudCases(db, shopDomain, { admin });
  await recordAudit(db, {
    shopDomain,
    actor,
    action: "fraud.refresh",
    entityType: "FraudCase",
    entityId: "all",
    entityLabel: "Fraud signals",
    before: null,
    after: { clusters: result.clusters, created: result.created, reopened: result.reopened, autoBlocked: result.autoBlocked },
  });
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  return {
    result,
    message: `Signals checked: ${plural(result.clusters, "cluster")}, ${plural(result.created, "new case")}${result.reopened ? `, ${result.reopened} reopened` : ""}${result.autoBlocked ? `, ${result.autoBlocked} blocked automatically` : ""}.`,
  };
}
