import { refreshAlertsSoon, refreshPoolAlerts } from "./alerts.server";
import { collectErrors, PoolStateError } from "./errors";
import type { PoolRef } from "./pools.server";
import { checkEmail, checkIdempotencyKey, checkSource } from "./rules";
import { addDays, fromSqlTime, toSqlTime } from "./sql-time";
import { isUniqueViolation, type PoolStore } from "./store.server";
import { POOL_HAS_HIDDEN_ROWS, VISIBLE_COUPON } from "./visibility";

export interface AssignmentRequest {
  email: string;
  /** manual, api, flow, post_purchase, … */
  source: string;
  /** Repeating a request with the same key returns the same code instead of a second one. */
  idempotencyKey?: string | null;
}

export interface Assignment {
  id: number;
  poolId: number;
  couponId: number;
  code: string;
  message: string | null;
  email: string;
  source: string;
  assignedAt: Date;
  /** When the code stops working for this recipient (User Expiration); null when it does not. */
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export interface AssignmentResult {
  assignment: Assignment;
  /** True when the idempotency key had already been used: nothing new was assigned. */
  replayed: boolean;
}

// The claim: ONE conditional UPDATE picks the first available code and marks it assigned only if
// it is still unassigned, so two connections can never both win the same row — on SQLite the
// write lock serialises the statements, on PostgreSQL the second UPDATE re-checks
// "assignedAt" IS NULL on the row the first one committed and changes nothing (a lost race,
// retried). Codes with a Pool Expiration go first, soonest first, so fewer codes expire unused.
// The import visibility check is left out while no import of the pool is running (the usual
// case): it costs a third of the statement.
const claimSql = (visibility: string) => `UPDATE "Coupon" SET "assignedAt" = :now
  WHERE "id" = COALESCE(
    (SELECT "id" FROM "Coupon" WHERE "poolId" = :poolId AND "assignedAt" IS NULL AND "expiresAt" > :now
       ${visibility} ORDER BY "expiresAt", "id" LIMIT 1),
    (SELECT "id" FROM "Coupon" WHERE "poolId" = :poolId AND "assignedAt" IS NULL AND "expiresAt" IS NULL
       ${visibility} ORDER BY "id" LIMIT 1))
  AND "assignedAt" IS NULL
  RETURNING "id", "code", "message", "validityDays"`;
const CLAIM = claimSql("");
const CLAIM_SKIPPING_IMPORTS = claimSql(`AND ${VISIBLE_COUPON}`);

const ANY_AVAILABLE = `SELECT 1 FROM "Coupon" WHERE "poolId" = :poolId AND "assignedAt" IS NULL
  AND ("expiresAt" IS NULL OR "expiresAt" > :now) AND ${VISIBLE_COUPON} LIMIT 1`;

const RECORD = `INSERT INTO "CouponAssignment"
  ("shopDomain", "poolId", "couponId", "code", "email", "source", "idempotencyKey", "assignedAt", "expiresAt")
  VALUES (:shopDomain, :poolId, :couponId, :code, :email, :source, :idempotencyKey, :now, :expiresAt)
  RETURNING "id"`;

const ASSIGNMENT_COLUMNS = `a."id", a."poolId", a."couponId", a."code", c."message", a."email", a."source",
  a."assignedAt", a."expiresAt", a."revokedAt"`;

const BY_IDEMPOTENCY_KEY = `SELECT ${ASSIGNMENT_COLUMNS} FROM "CouponAssignment" a JOIN "Coupon" c ON c."id" = a."couponId"
  WHERE a."poolId" = :poolId AND a."idempotencyKey" = :idempotencyKey`;

// A claim that lost a race on PostgreSQL retries; this bounds a pathological livelock.
const MAX_CLAIM_ATTEMPTS = 20;

interface ClaimedCoupon {
  id: number;
  code: string;
  message: string | null;
  validityDays: number | null;
}

interface AssignmentRow {
  id: number;
  poolId: number;
  couponId: number;
  code: string;
  message: string | null;
  email: string;
  source: string;
  assignedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

/**
 * Hands one available, unexpired code of the pool to `email`, atomically: however many callers
 * run at once, in however many processes, no code goes to two of them. An empty pool raises its
 * EMPTY alert and throws PoolStateError("POOL_EMPTY").
 */
export async function assignCoupon(
  store: PoolStore,
  pool: PoolRef,
  request: AssignmentRequest,
  now = new Date(),
): Promise<AssignmentResult> {
  const input = collectErrors({
    email: checkEmail(request.email),
    source: checkSource(request.source),
    idempotencyKey: checkIdempotencyKey(request.idempotencyKey),
  });
  const params = { ...input, poolId: pool.id, shopDomain: pool.shopDomain, now: toSqlTime(now) };

  let result: AssignmentResult | "empty";
  try {
    result = await store.write(() => {
      const earlier = input.idempotencyKey ? replay(store, params, input.email) : null;
      if (earlier) return earlier;
      const coupon = claim(store, params);
      if (!coupon) return "empty";
      const expiresAt = coupon.validityDays ? toSqlTime(addDays(now, coupon.validityDays)) : null;
      const { id } = store
        .statement(RECORD)
        .get({ ...params, couponId: coupon.id, code: coupon.code, expiresAt }) as { id: number };
      return {
        replayed: false,
        assignment: {
          id,
          poolId: pool.id,
          couponId: coupon.id,
          code: coupon.code,
          message: coupon.message,
          email: input.email,
          source: input.source,
          assignedAt: now,
          expiresAt: fromSqlTime(expiresAt),
          revokedAt: null,
        },
      };
    });
  } catch (error) {
    // Only a concurrent first use of the same key, on a database that lets both transactions
    // reach their INSERT, gets here; the claim rolled back with it, and the winner's code is the
    // answer.
    if (!input.idempotencyKey || !isUniqueViolation(error)) throw error;
    result = await store.read(() => replay(store, params, input.email)!);
  }

  if (result === "empty") {
    await refreshPoolAlerts(store, pool, { now, refusedAssignment: true });
    throw new PoolStateError("POOL_EMPTY", "This pool has no coupons left to assign. Import more codes to continue.");
  }
  if (!result.replayed) await refreshAlertsSoon(store, pool);
  return result;
}

function claim(store: PoolStore, params: { poolId: number; now: string }): ClaimedCoupon | null {
  const { hidden } = store.statement(POOL_HAS_HIDDEN_ROWS).get(params) as { hidden: number };
  for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
    const coupon = store.statement(hidden ? CLAIM_SKIPPING_IMPORTS : CLAIM).get(params) as ClaimedCoupon | undefined;
    if (coupon) return coupon;
    if (!store.statement(ANY_AVAILABLE).get(params)) return null;
  }
  throw new Error(`Could not claim a coupon of pool ${params.poolId} after ${MAX_CLAIM_ATTEMPTS} attempts`);
}

function replay(
  store: PoolStore,
  params: { poolId: number; idempotencyKey: string | null },
  email: string,
): AssignmentResult | null {
  const row = store.statement(BY_IDEMPOTENCY_KEY).get(params) as AssignmentRow | undefined;
  if (!row) return null;
  if (row.email !== email) {
    throw new PoolStateError("IDEMPOTENCY_KEY_REUSED", "This idempotency key was already used to assign a coupon to another email.");
  }
  if (row.revokedAt) {
    throw new PoolStateError("ASSIGNMENT_REVOKED", "The coupon assigned with this idempotency key was revoked.");
  }
  return { replayed: true, assignment: toAssignment(row) };
}

/**
 * Takes an assignment back: the code returns to the pool, unless it was redeemed, and the
 * assignment stays in Assigned History marked revoked. Null when the pool has no such assignment.
 */
export async function revokeAssignment(
  store: PoolStore,
  pool: PoolRef,
  assignmentId: number,
  now = new Date(),
): Promise<Assignment | null> {
  const revoked = await store.write(() => {
    const row = store
      .statement(
        `SELECT ${ASSIGNMENT_COLUMNS}, c."redeemedAt" FROM "CouponAssignment" a JOIN "Coupon" c ON c."id" = a."couponId"
         WHERE a."id" = :assignmentId AND a."poolId" = :poolId`,
      )
      .get({ assignmentId, poolId: pool.id }) as (AssignmentRow & { redeemedAt: string | null }) | undefined;
    if (!row) return null;
    if (row.revokedAt) throw new PoolStateError("NOT_ASSIGNED", "This assignment was already revoked.");
    if (row.redeemedAt) {
      throw new PoolStateError("ALREADY_REDEEMED", "This code was already redeemed at checkout, so it cannot return to the pool.");
    }
    const at = toSqlTime(now);
    store.statement(`UPDATE "CouponAssignment" SET "revokedAt" = :at WHERE "id" = :assignmentId`).run({ at, assignmentId });
    store
      .statement(`UPDATE "Coupon" SET "assignedAt" = NULL WHERE "id" = :couponId AND "redeemedAt" IS NULL`)
      .run({ couponId: row.couponId });
    return toAssignment({ ...row, revokedAt: at });
  });
  if (revoked) await refreshAlertsSoon(store, pool);
  return revoked;
}

export function toAssignment(row: AssignmentRow): Assignment {
  return {
    id: row.id,
    poolId: row.poolId,
    couponId: row.couponId,
    code: row.code,
    message: row.message,
    email: row.email,
    source: row.source,
    assignedAt: fromSqlTime(row.assignedAt),
    expiresAt: fromSqlTime(row.expiresAt),
    revokedAt: fromSqlTime(row.revokedAt),
  };
}

export { ASSIGNMENT_COLUMNS, type AssignmentRow };
