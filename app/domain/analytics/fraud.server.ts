// Fraud signals: first-order and single-use codes are worth collecting twice, so one person
// posing as several new customers leaves traces — the same IP, shipping address, device or an
// inbox behind several email variants. Redemptions that share one become a FraudCase for the
// merchant to review; blocking tags the customers `promoguard-blocked`, which the discount
// function refuses at checkout, and revoking takes back the codes they were handed and did not use.
import { createHmac } from "node:crypto";
import { Prisma, type FraudCase } from "@prisma/client";
import type { Database } from "~/db.server";
import { isUniqueViolation } from "~/database-errors";
import { flowTriggerJob } from "~/domain/automation/flow-trigger-jobs.server";
import { recordAudit } from "~/domain/governance/audit.server";
import { adminLink } from "~/domain/governance/mail.server";
import type { Actor } from "~/domain/governance/staff.server";
import { revokeAssignment } from "~/domain/pools/assignments.server";
import { PoolStateError } from "~/domain/pools/errors";
import { poolStore } from "~/domain/pools/store.server";
import { enqueueJob } from "~/jobs/queue.server";
import type { JobHandler } from "~/jobs/worker.server";
import { addCustomerTags, BLOCKED_CUSTOMER_TAG, removeCustomerTags, type AdminGraphql } from "~/shopify/customers.server";
import { isDisposableEmail, maskEmail, maskIp, normaliseEmail } from "./email-patterns";
import { AUTO_BLOCK_LIMITS, DEFAULT_AUTO_BLOCK, readAutoBlockSettings } from "./fraud-settings";

const Decimal = Prisma.Decimal;

export type FraudSignal = "ip" | "address" | "device" | "email_pattern";
export type FraudCaseStatus = "open" | "blocked" | "dismissed";

export const FRAUD_SIGNALS: readonly FraudSignal[] = ["ip", "address", "device", "email_pattern"];
export const SIGNAL_LABELS: Record<FraudSignal, string> = {
  ip: "Same IP address",
  address: "Same shipping address",
  device: "Same device",
  email_pattern: "Same inbox behind different email addresses",
};

/** Redemptions older than this are not clustered: old sign-ups say little about today's abuse. */
export const DEFAULT_LOOKBACK_DAYS = 90;
/** A cluster needs at least this many different customers (or addresses, for email patterns). */
export const DEFAULT_MIN_CLUSTER_SIZE = 2;
/** The evidence keeps the latest orders; the case keeps every redemption id. */
const EVIDENCE_ORDERS = 50;

export interface EvidenceOrder {
  redemptionId: number;
  orderName: string;
  processedAt: string;
  code: string;
  /** Masked, e.g. j***@gmail.com. */
  email: string;
  customerId: string | null;
  firstOrder: boolean;
  singleUse: boolean;
  codeDiscount: string;
}

export interface FraudEvidence {
  /** Plain words for the review list. */
  summary: string;
  /** What the orders share, masked where it is personal (IP, email); hashes are not shown. */
  shared: string | null;
  /** Different customers (or, for email patterns, different addresses) in the cluster. */
  distinct: number;
  customerIds: string[];
  redemptions: number;
  discount: string;
  currency: string;
  firstAt: string;
  lastAt: string;
  orders: EvidenceOrder[];
}

export interface FraudCaseView {
  id: number;
  signal: FraudSignal;
  signalLabel: string;
  status: FraudCaseStatus;
  evidence: FraudEvidence;
  redemptionIds: number[];
  decidedById: number | null;
  createdAt: string;
  updatedAt: string;
}

// ---------------------------------------------------------------------------------------------
// Clustering

interface Candidate {
  id: number;
  orderId: string;
  orderName: string;
  processedAt: Date;
  code: string;
  customerId: string | null;
  email: string | null;
  newCustomer: boolean | null;
  couponId: number | null;
  codeDiscount: Prisma.Decimal;
  currency: string;
  clientIp: string | null;
  userAgentHash: string | null;
  shippingAddressHash: string | null;
}

export interface Cluster {
  signal: FraudSignal;
  clusterKey: string;
  shared: string | null;
  members: Candidate[];
  distinct: number;
}

/** Personal values (IP, normalised email) are stored as a keyed hash, per shop. */
function keyedHash(shopDomain: string, kind: string, value: string): string {
  return createHmac("sha256", process.env.SHOPIFY_API_SECRET ?? "").update(`${shopDomain}\n${kind}\n${value}`).digest("hex").slice(0, 32);
}

const isRedacted = (email: string | null) => email?.startsWith("redacted:") ?? false;
/** One person: their customer account, else their email, else (a guest without one) the order. */
const identityOf = (candidate: Candidate) => candidate.customerId ?? candidate.email ?? `order:${candidate.orderId}`;

/**
 * Groups the candidates by each signal; a group becomes a cluster when it holds at least
 * `minClusterSize` different people (different email addresses, for the email signals).
 */
export function clusterRedemptions(shopDomain: string, candidates: Candidate[], minClusterSize = DEFAULT_MIN_CLUSTER_SIZE): Cluster[] {
  const groups = new Map<string, { signal: FraudSignal; clusterKey: string; shared: string | null; members: Candidate[]; byEmail: boolean }>();
  const add = (signal: FraudSignal, clusterKey: string, shared: string | null, candidate: Candidate, byEmail = false) => {
    const id = `${signal}\n${clusterKey}`;
    const group = groups.get(id) ?? { signal, clusterKey, shared, members: [], byEmail };
    group.members.push(candidate);
    groups.set(id, group);
  };
  for (const candidate of candidates) {
    if (candidate.clientIp) add("ip", keyedHash(shopDomain, "ip", candidate.clientIp), maskIp(candidate.clientIp), candidate);
    if (candidate.shippingAddressHash) add("address", candidate.shippingAddressHash, null, candidate);
    if (candidate.userAgentHash) add("device", candidate.userAgentHash, null, candidate);
    if (candidate.email && !isRedacted(candidate.email)) {
      const inbox = normaliseEmail(candidate.email);
      if (inbox) add("email_pattern", keyedHash(shopDomain, "email", inbox), maskEmail(inbox), candidate, true);
      // Throwaway inboxes belong to nobody in particular: together they are one cluster.
      if (isDisposableEmail(candidate.email)) add("email_pattern", "disposable", "disposable email services", candidate, true);
    }
  }
  const clusters: Cluster[] = [];
  for (const group of groups.values()) {
    const distinct = new Set(group.members.map((member) => (group.byEmail ? (member.email ?? "").toLowerCase() : identityOf(member)))).size;
    if (distinct >= minClusterSize) clusters.push({ signal: group.signal, clusterKey: group.clusterKey, shared: group.shared, members: group.members, distinct });
  }
  return clusters;
}

function summaryOf(cluster: Cluster): string {
  const codes = cluster.members.length === 1 ? "1 first-order or single-use code" : `${cluster.members.length} first-order or single-use codes`;
  switch (cluster.signal) {
    case "ip":
      return `${cluster.distinct} different customers redeemed ${codes} from the same IP address (${cluster.shared}).`;
    case "address":
      return `${cluster.distinct} different customers redeemed ${codes} with the same shipping address.`;
    case "device":
      return `${cluster.distinct} different customers redeemed ${codes} from the same browser and device. On its own this is weak evidence: popular phones share one.`;
    case "email_pattern":
      return cluster.clusterKey === "disposable"
        ? `${cluster.distinct} different throwaway email addresses redeemed ${codes}.`
        : `${cluster.distinct} email addresses that all deliver to one inbox (${cluster.shared}) redeemed ${codes}.`;
  }
}

function evidenceOf(cluster: Cluster): FraudEvidence {
  const members = [...cluster.members].sort((a, b) => a.processedAt.getTime() - b.processedAt.getTime() || a.id - b.id);
  const discount = members.reduce((total, member) => total.plus(member.codeDiscount), new Decimal(0));
  return {
    summary: summaryOf(cluster),
    shared: cluster.shared,
    distinct: cluster.distinct,
    customerIds: [...new Set(members.flatMap((member) => (member.customerId ? [member.customerId] : [])))],
    redemptions: members.length,
    discount: discount.toFixed(2),
    currency: members[0]?.currency ?? "",
    firstAt: members[0].processedAt.toISOString(),
    lastAt: members[members.length - 1].processedAt.toISOString(),
    orders: members.slice(-EVIDENCE_ORDERS).map((member) => ({
      redemptionId: member.id,
      orderName: member.orderName,
      processedAt: member.processedAt.toISOString(),
      code: member.code,
      email: maskEmail(member.email),
      customerId: member.customerId,
      firstOrder: member.newCustomer === true,
      singleUse: member.couponId !== null,
      codeDiscount: member.codeDiscount.toFixed(2),
    })),
  };
}

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
      id: true, orderId: true, orderName: true, processedAt: true, code: true, customerId: true, email: true, newCustomer: true,
      couponId: true, codeDiscount: true, currency: true, clientIp: true, userAgentHash: true, shippingAddressHash: true,
    },
    orderBy: { id: "asc" },
  });
  const clusters = clusterRedemptions(shopDomain, candidates, options.minClusterSize ?? DEFAULT_MIN_CLUSTER_SIZE);
  const result: RefreshResult = { clusters: clusters.length, created: 0, updated: 0, reopened: 0, autoBlocked: 0 };
  // One read of the shop's cases and one transaction for every write: thousands of clusters
  // refresh in a few statements instead of a round trip (and a commit) each.
  const existing = new Map(
    (await db.fraudCase.findMany({ where: { shopDomain }, select: { id: true, signal: true, clusterKey: true, status: true, redemptionIds: true, evidence: true } }))
      .map((row) => [`${row.signal}\n${row.clusterKey}`, row]),
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
      announcements.push(flowTriggerJob(shopDomain, "fraudCaseOpened", {
        signal: SIGNAL_LABELS[cluster.signal],
        customers: cluster.distinct,
        redemptions: redemptionIds.length,
        discountGiven: Number(facts.discount),
        reviewPage: adminLink(shopDomain, "/app/analytics/fraud"),
      }, now));
      continue;
    }
    const knownIds = new Set(parseIds(known.redemptionIds));
    const joined = redemptionIds.some((id) => !knownIds.has(id));
    const reopen = joined && known.status !== "open";
    if (!joined && known.evidence === evidence) continue;
    updates.push(db.fraudCase.update({
      where: { id: known.id },
      data: { redemptionIds: JSON.stringify(redemptionIds), evidence, ...(reopen ? { status: "open", decidedById: null } : {}) },
    }));
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
  const due = open.map(toView).filter((fraudCase) => fraudCase.evidence.distinct >= settings.autoBlock.minClusterSize && fraudCase.evidence.customerIds.length > 0);
  if (due.length === 0) return 0;
  const client = typeof admin === "function" ? await admin() : admin;
  let blocked = 0;
  for (const fraudCase of due) {
    const reason = `Automatic block: ${fraudCase.evidence.distinct} customers in one cluster (${SIGNAL_LABELS[fraudCase.signal].toLowerCase()}), at or above the threshold of ${settings.autoBlock.minClusterSize}.`;
    const outcome = await blockFraudCase(db, client, shopDomain, fraudCase.id, null, reason);
    if (outcome.ok) blocked++;
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

// ---------------------------------------------------------------------------------------------
// Privacy

/**
 * customers/redact: the customer's block record goes, and the evidence of every case keeps their
 * orders only as counts (no customer id, no masked email). The clusters themselves are rebuilt
 * from the redemptions, which the redaction has already hashed.
 */
export async function redactFraudData(db: Database, shopDomain: string, customerId: string, redemptionIds: readonly number[]) {
  await db.blockedCustomer.deleteMany({ where: { shopDomain, customerId } });
  const mine = new Set(redemptionIds);
  const cases = await db.fraudCase.findMany({ where: { shopDomain }, select: { id: true, evidence: true, redemptionIds: true } });
  for (const row of cases) {
    const ids = parseIds(row.redemptionIds);
    if (!ids.some((id) => mine.has(id)) && !row.evidence.includes(customerId)) continue;
    const evidence = parseEvidence(row.evidence);
    const redacted: FraudEvidence = {
      ...evidence,
      customerIds: evidence.customerIds.filter((id) => id !== customerId),
      orders: evidence.orders.map((order) => (mine.has(order.redemptionId) || order.customerId === customerId ? { ...order, email: "(redacted)", customerId: null } : order)),
    };
    await db.fraudCase.update({ where: { id: row.id }, data: { evidence: JSON.stringify(redacted) } });
  }
}

// ---------------------------------------------------------------------------------------------
// Reading cases

const parseIds = (value: string): number[] => {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((id): id is number => Number.isInteger(id)) : [];
  } catch {
    return [];
  }
};

function parseEvidence(text: string): FraudEvidence {
  try {
    return JSON.parse(text) as FraudEvidence;
  } catch {
    return { summary: "The evidence of this case could not be read.", shared: null, distinct: 0, customerIds: [], redemptions: 0, discount: "0.00", currency: "", firstAt: "", lastAt: "", orders: [] };
  }
}

function toView(row: FraudCase): FraudCaseView {
  const signal = (FRAUD_SIGNALS as readonly string[]).includes(row.signal) ? (row.signal as FraudSignal) : "ip";
  const evidence = parseEvidence(row.evidence);
  return {
    id: row.id,
    signal,
    signalLabel: SIGNAL_LABELS[signal],
    status: row.status as FraudCaseStatus,
    evidence,
    redemptionIds: parseIds(row.redemptionIds),
    decidedById: row.decidedById,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The shop's cases with that status, largest clusters first. */
export async function listFraudCases(db: Database, shopDomain: string, status: FraudCaseStatus = "open"): Promise<FraudCaseView[]> {
  const rows = await db.fraudCase.findMany({ where: { shopDomain, status }, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], take: 200 });
  return rows.map(toView).sort((a, b) => b.evidence.distinct - a.evidence.distinct);
}

/** One of the shop's cases; null for a missing id or another shop's. */
export async function findFraudCase(db: Database, shopDomain: string, id: number): Promise<FraudCaseView | null> {
  if (!Number.isSafeInteger(id)) return null;
  const row = await db.fraudCase.findFirst({ where: { id, shopDomain } });
  return row ? toView(row) : null;
}

export async function listBlockedCustomers(db: Database, shopDomain: string) {
  return db.blockedCustomer.findMany({ where: { shopDomain }, orderBy: { blockedAt: "desc" }, take: 500 });
}

// ---------------------------------------------------------------------------------------------
// Decisions

export type DecisionOutcome = { ok: true; message: string } | { ok: false; status: 404 | 409 | 502; error: string };

const NOT_FOUND: DecisionOutcome = { ok: false, status: 404, error: "This fraud case does not exist." };

/**
 * Tags every customer account of the case `promoguard-blocked` in Shopify, records them as
 * blocked and closes the case as blocked. Guest checkouts have no account to tag (their codes
 * can be revoked instead). A customer Shopify refuses to tag is named and the case stays open.
 */
export async function blockFraudCase(db: Database, admin: AdminGraphql, shopDomain: string, caseId: number, actor: Actor, reason?: string | null): Promise<DecisionOutcome> {
  const fraudCase = await findFraudCase(db, shopDomain, caseId);
  if (!fraudCase) return NOT_FOUND;
  const redemptions = await db.redemption.findMany({ where: { shopDomain, id: { in: fraudCase.redemptionIds } }, select: { customerId: true } });
  const customerIds = [...new Set(redemptions.flatMap((redemption) => (redemption.customerId ? [redemption.customerId] : [])))];
  if (customerIds.length === 0) {
    return { ok: false, status: 409, error: "Every order in this case was a guest checkout: there is no customer account to block. Revoke their codes instead." };
  }
  const already = new Set((await db.blockedCustomer.findMany({ where: { shopDomain, customerId: { in: customerIds } }, select: { customerId: true } })).map((row) => row.customerId));
  const why = reason ?? `Fraud case #${fraudCase.id}: ${fraudCase.signalLabel.toLowerCase()}`;
  const blocked: string[] = [];
  const failures: string[] = [];
  for (const customerId of customerIds.filter((id) => !already.has(id))) {
    const userErrors = await addCustomerTags(admin, customerId, [BLOCKED_CUSTOMER_TAG]);
    if (userErrors.length > 0) {
      failures.push(`${customerId}: ${userErrors.map((error) => error.message).join("; ")}`);
      continue;
    }
    await db.blockedCustomer.upsert({
      where: { shopDomain_customerId: { shopDomain, customerId } },
      update: {},
      create: { shopDomain, customerId, reason: why, fraudCaseId: fraudCase.id, blockedById: actor?.id ?? null },
    });
    blocked.push(customerId);
  }
  const complete = failures.length === 0;
  await db.$transaction(async (tx) => {
    if (complete) await tx.fraudCase.update({ where: { id: fraudCase.id }, data: { status: "blocked", decidedById: actor?.id ?? null } });
    await recordAudit(tx, {
      shopDomain,
      actor,
      action: actor === null ? "fraud.auto-block" : "fraud.block",
      entityType: "FraudCase",
      entityId: fraudCase.id,
      entityLabel: `Fraud case #${fraudCase.id} (${fraudCase.signalLabel})`,
      before: { status: fraudCase.status, blockedCustomers: [...already].sort() },
      after: { status: complete ? "blocked" : fraudCase.status, blockedCustomers: [...already, ...blocked].sort() },
      reason: complete ? why : `${why} — Shopify refused: ${failures.join(" | ")}`,
    });
  });
  if (!complete) return { ok: false, status: 502, error: `Shopify refused to tag ${failures.length === 1 ? "a customer" : `${failures.length} customers`}: ${failures.join(" | ")}. The others are blocked; try again.` };
  const guests = redemptions.length - redemptions.filter((redemption) => redemption.customerId).length;
  return {
    ok: true,
    message: `Blocked ${blocked.length + already.size} customer${blocked.length + already.size === 1 ? "" : "s"}: their codes no longer apply at checkout.${guests > 0 ? ` ${guests} guest order${guests === 1 ? " has" : "s have"} no account to block.` : ""}`,
  };
}

/** Removes the tag and the block; the case keeps its decision. */
export async function unblockCustomer(db: Database, admin: AdminGraphql, shopDomain: string, blockedId: number, actor: Actor, reason?: string | null): Promise<DecisionOutcome> {
  const row = Number.isSafeInteger(blockedId) ? await db.blockedCustomer.findFirst({ where: { id: blockedId, shopDomain } }) : null;
  if (!row) return { ok: false, status: 404, error: "This blocked customer does not exist." };
  const userErrors = await removeCustomerTags(admin, row.customerId, [BLOCKED_CUSTOMER_TAG]);
  if (userErrors.length > 0) return { ok: false, status: 502, error: `Shopify refused to remove the tag: ${userErrors.map((error) => error.message).join("; ")}` };
  await db.$transaction(async (tx) => {
    await tx.blockedCustomer.delete({ where: { id: row.id } });
    await recordAudit(tx, {
      shopDomain,
      actor,
      action: "fraud.unblock",
      entityType: "BlockedCustomer",
      entityId: row.customerId,
      entityLabel: row.customerId,
      before: { blocked: true, reason: row.reason, fraudCaseId: row.fraudCaseId },
      after: { blocked: false },
      reason: reason ?? null,
    });
  });
  return { ok: true, message: "Customer unblocked: PromoGuard's codes apply to them again." };
}

export async function dismissFraudCase(db: Database, shopDomain: string, caseId: number, actor: Actor, reason?: string | null): Promise<DecisionOutcome> {
  const fraudCase = await findFraudCase(db, shopDomain, caseId);
  if (!fraudCase) return NOT_FOUND;
  await db.$transaction(async (tx) => {
    await tx.fraudCase.update({ where: { id: fraudCase.id }, data: { status: "dismissed", decidedById: actor?.id ?? null } });
    await recordAudit(tx, {
      shopDomain,
      actor,
      action: "fraud.dismiss",
      entityType: "FraudCase",
      entityId: fraudCase.id,
      entityLabel: `Fraud case #${fraudCase.id} (${fraudCase.signalLabel})`,
      before: { status: fraudCase.status },
      after: { status: "dismissed" },
      reason: reason ?? null,
    });
  });
  return { ok: true, message: "Case dismissed. It reopens if new orders join the cluster." };
}

/**
 * Takes back the unique codes handed to the case's email addresses that were not used yet
 * (through the pools' revokeAssignment: the code returns to its pool). Codes already redeemed
 * cannot be taken back; they are counted.
 */
export async function revokeFraudCaseCodes(db: Database, shopDomain: string, caseId: number, actor: Actor, now = new Date()): Promise<DecisionOutcome> {
  const fraudCase = await findFraudCase(db, shopDomain, caseId);
  if (!fraudCase) return NOT_FOUND;
  const redemptions = await db.redemption.findMany({ where: { shopDomain, id: { in: fraudCase.redemptionIds } }, select: { email: true } });
  const emails = [...new Set(redemptions.flatMap((redemption) => (redemption.email && !isRedacted(redemption.email) ? [redemption.email.toLowerCase()] : [])))];
  const assignments = emails.length === 0 ? [] : await db.couponAssignment.findMany({
    where: { shopDomain, email: { in: emails }, revokedAt: null },
    select: { id: true, poolId: true, code: true, coupon: { select: { redeemedAt: true } } },
    orderBy: { id: "asc" },
  });
  const store = poolStore();
  const revoked: string[] = [];
  let used = 0;
  for (const assignment of assignments) {
    if (assignment.coupon.redeemedAt) {
      used++;
      continue;
    }
    try {
      if (await revokeAssignment(store, { id: assignment.poolId, shopDomain }, assignment.id, now)) revoked.push(assignment.code);
    } catch (error) {
      // Redeemed or revoked since it was read: nothing left to take back.
      if (error instanceof PoolStateError) used++;
      else throw error;
    }
  }
  await recordAudit(db, {
    shopDomain,
    actor,
    action: "fraud.revoke",
    entityType: "FraudCase",
    entityId: fraudCase.id,
    entityLabel: `Fraud case #${fraudCase.id} (${fraudCase.signalLabel})`,
    before: { revokedCodes: [] },
    after: { revokedCodes: revoked },
    reason: `${revoked.length} unused code${revoked.length === 1 ? "" : "s"} revoked; ${used} already used.`,
  });
  if (revoked.length === 0) return { ok: true, message: used > 0 ? `Nothing to revoke: the ${used} code${used === 1 ? "" : "s"} handed to these addresses ${used === 1 ? "was" : "were"} already used.` : "Nothing to revoke: no unused codes were handed to these addresses." };
  return { ok: true, message: `Revoked ${revoked.length} unused code${revoked.length === 1 ? "" : "s"} (${revoked.join(", ")}); they are back in their pools.${used > 0 ? ` ${used} already used.` : ""}` };
}

// ---------------------------------------------------------------------------------------------
// Automatic blocking setting (Shop.settings "fraudAutoBlock")

export interface FraudSettings {
  autoBlock: { enabled: boolean; minClusterSize: number };
}

export { AUTO_BLOCK_LIMITS, DEFAULT_AUTO_BLOCK };

function shopSettings(raw: string | null | undefined): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw ?? "{}");
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function readFraudSettings(db: Database, shopDomain: string): Promise<FraudSettings> {
  const shop = await db.shop.findUnique({ where: { domain: shopDomain }, select: { settings: true } });
  const stored = shopSettings(shop?.settings).fraudAutoBlock as { enabled?: unknown; minClusterSize?: unknown } | undefined;
  const size = Number(stored?.minClusterSize);
  return {
    autoBlock: {
      enabled: stored?.enabled === true,
      minClusterSize: Number.isInteger(size) && size >= AUTO_BLOCK_LIMITS.min && size <= AUTO_BLOCK_LIMITS.max ? size : DEFAULT_AUTO_BLOCK.minClusterSize,
    },
  };
}

export type SettingsOutcome = { ok: true; settings: FraudSettings } | { ok: false; errors: Record<string, string> };

/** Validates and saves the automatic-blocking setting, keeping the shop's other settings. */
export async function saveAutoBlockSettings(db: Database, shopDomain: string, input: { enabled: boolean; minClusterSize: string }, actor: Actor): Promise<SettingsOutcome> {
  // The settings form's own schema (fraud-settings.ts), the one the page checks with before posting.
  const read = readAutoBlockSettings({ enabled: input.enabled ? "true" : "", minClusterSize: input.minClusterSize });
  if (!read.ok) return { ok: false, errors: read.errors };
  const next = read.value;
  await db.$transaction(async (tx) => {
    const shop = await tx.shop.findUniqueOrThrow({ where: { domain: shopDomain }, select: { settings: true } });
    const settings = shopSettings(shop.settings);
    const before = settings.fraudAutoBlock ?? DEFAULT_AUTO_BLOCK;
    await tx.shop.update({ where: { domain: shopDomain }, data: { settings: JSON.stringify({ ...settings, fraudAutoBlock: next }) } });
    await recordAudit(tx, {
      shopDomain,
      actor,
      action: "fraud.auto-block.settings",
      entityType: "Shop",
      entityId: shopDomain,
      entityLabel: "Automatic fraud blocking",
      before: before as Record<string, unknown>,
      after: next,
    });
  });
  return { ok: true, settings: { autoBlock: next } };
}
