// The merchant's decisions on a fraud case: block its customers, take back their unused codes,
// dismiss it; and unblock a customer. Each leaves its audit entry.
import type { Database } from "~/db.server";
import { recordAudit } from "~/domain/governance/audit.server";
import type { Actor } from "~/domain/governance/staff.server";
import { revokeAssignment } from "~/domain/pools/assignments.server";
import { PoolStateError } from "~/domain/pools/errors";
import { poolStore } from "~/domain/pools/store.server";
import { addCustomerTags, BLOCKED_CUSTOMER_TAG, removeCustomerTags, type AdminGraphql } from "~/shopify/customers.server";
import { Conflict, NotFound, Unavailable } from "~/domain/errors";
import { findFraudCase } from "./cases.server";
import { isRedacted } from "./signals.server";

/** What a decision did, for the merchant. A refused one throws (app/domain/errors.ts): NotFound,
 * Conflict (nothing to do it to), Unavailable (Shopify refused; what was done is kept). */
export type DecisionOutcome = { ok: true; message: string };

const CASE_NOT_FOUND = "This fraud case does not exist.";

/**
 * Tags every customer account of the case `promoguard-blocked` in Shopify, records them as
 * blocked and closes the case as blocked. Guest checkouts have no account to tag (their codes
 * can be revoked instead). A customer Shopify refuses to tag is named and the case stays open.
 */
export async function blockFraudCase(
  db: Database,
  admin: AdminGraphql,
  shopDomain: string,
  caseId: number,
  actor: Actor,
  reason?: string | null,
): Promise<DecisionOutcome> {
  const fraudCase = await findFraudCase(db, shopDomain, caseId);
  if (!fraudCase) throw new NotFound(CASE_NOT_FOUND);
  const redemptions = await db.redemption.findMany({ where: { shopDomain, id: { in: fraudCase.redemptionIds } }, select: { customerId: true } });
  const customerIds = [...new Set(redemptions.flatMap((redemption) => (redemption.customerId ? [redemption.customerId] : [])))];
  if (customerIds.length === 0) {
    throw new Conflict("Every order in this case was a guest checkout: there is no customer account to block. Revoke their codes instead.");
  }
  const already = new Set(
    (await db.blockedCustomer.findMany({ where: { shopDomain, customerId: { in: customerIds } }, select: { customerId: true } })).map((row) => row.customerId),
  );
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
  if (!complete)
    throw new Unavailable(
      `Shopify refused to tag ${failures.length === 1 ? "a customer" : `${failures.length} customers`}: ${failures.join(" | ")}. The others are blocked; try again.`,
    );
  const guests = redemptions.length - redemptions.filter((redemption) => redemption.customerId).length;
  return {
    ok: true,
    message: `Blocked ${blocked.length + already.size} customer${blocked.length + already.size === 1 ? "" : "s"}: their codes no longer apply at checkout.${guests > 0 ? ` ${guests} guest order${guests === 1 ? " has" : "s have"} no account to block.` : ""}`,
  };
}

/** Removes the tag and the block; the case keeps its decision. */
export async function unblockCustomer(
  db: Database,
  admin: AdminGraphql,
  shopDomain: string,
  blockedId: number,
  actor: Actor,
  reason?: string | null,
): Promise<DecisionOutcome> {
  const row = Number.isSafeInteger(blockedId) ? await db.blockedCustomer.findFirst({ where: { id: blockedId, shopDomain } }) : null;
  if (!row) throw new NotFound("This blocked customer does not exist.");
  const userErrors = await removeCustomerTags(admin, row.customerId, [BLOCKED_CUSTOMER_TAG]);
  if (userErrors.length > 0) throw new Unavailable(`Shopify refused to remove the tag: ${userErrors.map((error) => error.message).join("; ")}`);
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
  if (!fraudCase) throw new NotFound(CASE_NOT_FOUND);
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
  if (!fraudCase) throw new NotFound(CASE_NOT_FOUND);
  const redemptions = await db.redemption.findMany({ where: { shopDomain, id: { in: fraudCase.redemptionIds } }, select: { email: true } });
  const emails = [...new Set(redemptions.flatMap((redemption) => (redemption.email && !isRedacted(redemption.email) ? [redemption.email.toLowerCase()] : [])))];
  const assignments =
    emails.length === 0
      ? []
      : await db.couponAssignment.findMany({
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
  if (revoked.length === 0)
    return {
      ok: true,
      message:
        used > 0
          ? `Nothing to revoke: the ${used} code${used === 1 ? "" : "s"} handed to these addresses ${used === 1 ? "was" : "were"} already used.`
          : "Nothing to revoke: no unused codes were handed to these addresses.",
    };
  return {
    ok: true,
    message: `Revoked ${revoked.length} unused code${revoked.length === 1 ? "" : "s"} (${revoked.join(", ")}); they are back in their pools.${used > 0 ? ` ${used} already used.` : ""}`,
  };
}
