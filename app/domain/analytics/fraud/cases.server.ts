// Reading the shop's fraud cases and blocked customers.
import { type FraudCase } from "@prisma/client";
import type { Database } from "~/db.server";
import { FRAUD_SIGNALS, SIGNAL_LABELS, type FraudCaseStatus, type FraudCaseView, type FraudEvidence, type FraudSignal } from "./signals.server";

export const parseIds = (value: string): number[] => {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((id): id is number => Number.isInteger(id)) : [];
  } catch {
    return [];
  }
};

export function parseEvidence(text: string): FraudEvidence {
  try {
    return JSON.parse(text) as FraudEvidence;
  } catch {
    return {
      summary: "The evidence of this case could not be read.",
      shared: null,
      distinct: 0,
      customerIds: [],
      redemptions: 0,
      discount: "0.00",
      currency: "",
      firstAt: "",
      lastAt: "",
      orders: [],
    };
  }
}

export function toView(row: FraudCase): FraudCaseView {
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
