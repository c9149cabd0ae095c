// Fraud signals: first-order and single-use codes are worth collecting twice, so one person
// posing as several new customers leaves traces — the same IP, shipping address, device or an
// inbox behind several email variants. Redemptions that share one form a cluster (this module,
// pure); refresh.server.ts keeps them as FraudCases for the merchant to review (cases.server.ts),
// decisions.server.ts blocks, revokes or dismisses, settings.server.ts holds the automatic block.
import { createHmac } from "node:crypto";
import { Prisma } from "@prisma/client";
import { isDisposableEmail, maskEmail, maskIp, normaliseEmail } from "../email-patterns";

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
  return createHmac("sha256", process.env.SHOPIFY_API_SECRET ?? "")
    .update(`${shopDomain}\n${kind}\n${value}`)
    .digest("hex")
    .slice(0, 32);
}

export const isRedacted = (email: string | null) => email?.startsWith("redacted:") ?? false;
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
    if (distinct >= minClusterSize)
      clusters.push({ signal: group.signal, clusterKey: group.clusterKey, shared: group.shared, members: group.members, distinct });
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

export function evidenceOf(cluster: Cluster): FraudEvidence {
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
