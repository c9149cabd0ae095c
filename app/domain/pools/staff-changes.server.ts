// What a staff member changes in a pool from its pages, each with the audit entry it leaves: the
// operation changes the pool and writes who did it, so no caller can change a pool unrecorded.
// (The public API records its assignments in the same transaction: app/api/operations.server.ts;
// the operations underneath are also what imports, agencies and tests call without a person.)
import { recordAuditInStore, type AuditInput } from "~/domain/governance/audit.server";
import type { Actor } from "~/domain/governance/staff.server";
import type { CodesInShopify } from "~/shopify/existing-codes.server";
import { refreshPoolAlerts } from "./alerts.server";
import { assignCoupon, revokeAssignment, type AssignmentRequest } from "./assignments.server";
import { addCoupon, type NewCoupon } from "./coupons.server";
import { exportAssignmentsCsv } from "./history.server";
import { createImport, runImport, type ImportOptions, type ImportSummary } from "./imports.server";
import { createPool, findPool, renamePool, updateAlertSettings, type Pool } from "./pools.server";
import { redactedEmail } from "./redaction.server";
import type { PoolStore } from "./store.server";

/** The pool a change is made to, through its store, and who makes it. */
export interface PoolChange {
  store: PoolStore;
  pool: Pool;
  actor: Actor;
}

function audit(store: PoolStore, shopDomain: string, actor: Actor, entry: Omit<AuditInput, "shopDomain" | "actor">) {
  return recordAuditInStore(store, { shopDomain, actor, ...entry });
}

/** An entry about the pool itself (labelled with its name, or `label`). */
function auditPool({ store, pool, actor }: PoolChange, action: string, values: Pick<AuditInput, "before" | "after">, label = pool.name) {
  return audit(store, pool.shopDomain, actor, { action, entityType: "pool", entityId: pool.id, entityLabel: label, ...values });
}

/** Creates the shop's pool ("Create Coupon Pool"). */
export async function createPoolBy(store: PoolStore, shopDomain: string, name: string, actor: Actor): Promise<Pool> {
  const pool = await createPool(store, shopDomain, name);
  await auditPool({ store, pool, actor }, "pool.create", { after: { name: pool.name } });
  return pool;
}

/** Renames the pool; the audit entry has the name before and after. */
export async function renamePoolBy(change: PoolChange, name: string): Promise<void> {
  const { store, pool } = change;
  await renamePool(store, pool, name);
  const renamed = await findPool(store, pool.shopDomain, pool.id);
  await auditPool(change, "pool.rename", { before: { name: pool.name }, after: { name: renamed?.name } }, renamed?.name ?? pool.name);
}

/** Saves the low-stock alert settings and checks the alert again at once. */
export async function saveAlertSettingsBy(change: PoolChange, settings: { enabled: boolean; threshold: number }): Promise<void> {
  const { store, pool } = change;
  await updateAlertSettings(store, pool, settings);
  await refreshPoolAlerts(store, pool);
  const updated = await findPool(store, pool.shopDomain, pool.id);
  await auditPool(change, "pool.alerts", {
    before: { lowStockAlertEnabled: pool.lowStockAlertEnabled, lowStockThreshold: pool.lowStockThreshold },
    after: { lowStockAlertEnabled: updated?.lowStockAlertEnabled, lowStockThreshold: updated?.lowStockThreshold },
  });
}

/** Adds one code by hand (refused when `inShopify` says another discount has it). */
export async function addCouponBy({ store, pool, actor }: PoolChange, input: NewCoupon, inShopify: CodesInShopify) {
  const coupon = await addCoupon(store, pool, input, { inShopify });
  await refreshPoolAlerts(store, pool);
  await audit(store, pool.shopDomain, actor, {
    action: "coupon.add",
    entityType: "coupon",
    entityId: coupon.id,
    entityLabel: coupon.code,
    after: { pool: pool.name, code: coupon.code, message: coupon.message, poolExpiration: coupon.expiresAt, userExpirationDays: coupon.validityDays },
  });
  return coupon;
}

/** Registers an import before its file arrives (the page polls its progress meanwhile). */
export async function registerImportBy(change: PoolChange, registration: Parameters<typeof createImport>[2]): Promise<ImportSummary> {
  const summary = await createImport(change.store, change.pool, registration);
  await auditPool(change, "pool.import", {
    after: { importId: summary.id, status: summary.status, source: summary.source, fileName: summary.fileName, totalBytes: summary.totalBytes },
  });
  return summary;
}

/** Runs the registered import on its file; the entry has its outcome. */
export async function runImportBy(
  change: PoolChange,
  registered: ImportSummary,
  input: AsyncIterable<Uint8Array>,
  options: ImportOptions,
): Promise<ImportSummary> {
  const result = await runImport(change.store, change.pool, registered.id, input, options);
  await auditPool(change, "pool.import", {
    before: { importId: registered.id, status: registered.status },
    after: {
      importId: result.id,
      status: result.status,
      rowsRead: result.rowsRead,
      imported: result.imported,
      duplicates: result.duplicatesInFile + result.duplicatesInPool + result.duplicatesInOtherPool,
      invalid: result.invalid,
      rejectionReason: result.rejectionReason,
    },
  });
  return result;
}

/**
 * Hands a code to the recipient by hand. The audit trail names the recipient only by a keyed hash
 * of the email: its entries can never be redacted later. A replayed request records nothing new.
 */
export async function assignCouponBy({ store, pool, actor }: PoolChange, request: AssignmentRequest) {
  const result = await assignCoupon(store, pool, request);
  const { assignment } = result;
  if (!result.replayed) {
    await audit(store, pool.shopDomain, actor, {
      action: "coupon.assign",
      entityType: "coupon",
      entityId: assignment.couponId,
      entityLabel: assignment.code,
      after: {
        pool: pool.name,
        assignmentId: assignment.id,
        assignedTo: redactedEmail(pool.shopDomain, assignment.email),
        source: assignment.source,
        expiresAt: assignment.expiresAt,
      },
    });
  }
  return result;
}

/** Takes an assignment back (the code returns to the pool); null when the pool has no such one. */
export async function revokeAssignmentBy({ store, pool, actor }: PoolChange, assignmentId: number) {
  const revoked = await revokeAssignment(store, pool, assignmentId);
  if (!revoked) return null;
  await audit(store, pool.shopDomain, actor, {
    action: "coupon.revoke",
    entityType: "coupon",
    entityId: revoked.couponId,
    entityLabel: revoked.code,
    // The code is back in the pool: no longer assigned to that (hashed) customer.
    before: { assignedTo: redactedEmail(pool.shopDomain, revoked.email), revokedAt: null },
    after: { assignedTo: null, revokedAt: revoked.revokedAt },
  });
  return revoked;
}

/** Assigned History as CSV, streamed while it is read: customer emails leave the app, recorded first. */
export async function exportAssignmentsBy(change: PoolChange) {
  await auditPool(change, "pool.export", { after: { export: "Assigned History (CSV)" } });
  return exportAssignmentsCsv(change.store, change.pool);
}
