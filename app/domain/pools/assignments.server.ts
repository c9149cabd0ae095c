import { createHash } from "node:crypto";
import { refreshAlertsSoon, refreshPoolAlerts } from "./alerts.server";
import { collectErrors, PoolStateError } from "./errors";
import type { PoolRef } from "./pools.server";
import { checkCustomerId, checkEmail, checkIdempotencyKey, checkMetadata, checkSource } from "./rules";
import { addDays, fromSqlTime, toSqlTime } from "./sql-time";
import { isUniqueViolation } from "~/database-errors";
import { get, run, type Steps } from "./steps";
import { bySql, type PoolStore } from "./store.server";

export interface AssignmentRequest {
  email: string;
  /** manual, api, flow, post_purchase, … */
  source: string;
  /** Repeating a request with the same key returns the same code instead of a second one. */
  idempotencyKey?: string | null;
  /** Days the code works for the recipient, instead of the coupon's User Expiration (a post-purchase rule's). */
  validityDays?: number | null;
  /** The Shopify customer, when the caller knows it (numeric id or GID). */
  customerId?: string | number | null;
  /** The caller's own notes about the assignment, kept with it (a JSON object, at most 2 KB). */
  metadata?: Record<string, unknown> | null;
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
const claimSql = (lock: string) => `UPDATE "Coupon" SET "assignedAt" = :now
  WHERE "id" = COALESCE(
    (SELECT "id" FROM "Coupon" WHERE "poolId" = :poolId AND "assignedAt" IS NULL AND "expiresAt" > :now
       ORDER BY "expiresAt", "id" LIMIT 1${lock}),
    (SELECT "id" FROM "Coupon" WHERE "poolId" = :poolId AND "assignedAt" IS NULL AND "expiresAt" IS NULL
       ORDER BY "id" LIMIT 1${lock}))
  AND "assignedAt" IS NULL
  RETURNING "id", "code", "message", "validityDays"`;
const CLAIM = claimSql("");
// PostgreSQL: concurrent claimers each lock a different row and skip the ones others hold, so
// they neither wait for each other nor lose the race and retry (until the pool's last codes).
const POSTGRES_CLAIM = claimSql(" FOR UPDATE SKIP LOCKED");

const ANY_AVAILABLE = `SELECT 1 FROM "Coupon" WHERE "poolId" = :poolId AND "assignedAt" IS NULL
  AND ("expiresAt" IS NULL OR "expiresAt" > :now) LIMIT 1`;

const RECORD = `INSERT INTO "CouponAssignment"
  ("shopDomain", "poolId", "couponId", "code", "email", "source", "idempotencyKey", "customerId", "metadata", "assignedAt", "expiresAt")
  VALUES (:shopDomain, :poolId, :couponId, :code, :email, :source, :idempotencyKey, :customerId, :metadata, :now, :expiresAt)
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
 *
 * This never holds anyone out: a merchant assigning by hand has chosen the recipient, and a
 * hand-picked recipient is no random sample (the holdout statistics leave source "manual" out of
 * the treated group for that reason). Automations (API, flows, post-purchase) call
 * assignOrHoldOut instead.
 */
export async function assignCoupon(store: PoolStore, pool: PoolRef, request: AssignmentRequest, now = new Date()): Promise<AssignmentResult> {
  const input = checkRequest(request);
  const params = { ...input, poolId: pool.id, shopDomain: pool.shopDomain, now: toSqlTime(now), validityDays: request.validityDays ?? null };

  let result: AssignmentResult | "empty";
  try {
    result = await store.writeSteps(function* () {
      const earlier = input.idempotencyKey ? yield* replay(params, input.email) : null;
      if (earlier) return earlier;
      return yield* claimAndRecord(store, params, now);
    });
  } catch (error) {
    // Only a concurrent first use of the same key, on a database that lets both transactions
    // reach their INSERT, gets here; the claim rolled back with it, and the winner's code is the
    // answer.
    if (!input.idempotencyKey || !isUniqueViolation(error)) throw error;
    result = (await store.readSteps(() => replay(params, input.email)))!;
  }

  if (result === "empty") {
    await refreshPoolAlerts(store, pool, { now, refusedAssignment: true });
    throw new PoolStateError("POOL_EMPTY", "This pool has no coupons left to assign. Import more codes to continue.");
  }
  if (!result.replayed) await refreshAlertsSoon(store, pool);
  return result;
}

function checkRequest(request: AssignmentRequest) {
  return collectErrors({
    email: checkEmail(request.email),
    source: checkSource(request.source),
    idempotencyKey: checkIdempotencyKey(request.idempotencyKey),
    customerId: checkCustomerId(request.customerId),
    metadata: checkMetadata(request.metadata),
  });
}

interface WriteParams {
  email: string;
  source: string;
  idempotencyKey: string | null;
  customerId: string | null;
  metadata: string | null;
  poolId: number;
  shopDomain: string;
  now: string;
  validityDays: number | null;
}

/** Claims a code and records who got it; "empty" when the pool has none left. Inside store.writeSteps. */
function* claimAndRecord(store: PoolStore, params: WriteParams, now: Date): Steps<AssignmentResult | "empty"> {
  const coupon = yield* claim(store, params);
  if (!coupon) return "empty";
  const validityDays = params.validityDays ?? coupon.validityDays;
  const expiresAt = validityDays ? toSqlTime(addDays(now, validityDays)) : null;
  const { id } = (yield* get<{ id: number }>(RECORD, { ...params, couponId: coupon.id, code: coupon.code, expiresAt }))!;
  return {
    replayed: false,
    assignment: {
      id,
      poolId: params.poolId,
      couponId: coupon.id,
      code: coupon.code,
      message: coupon.message,
      email: params.email,
      source: params.source,
      assignedAt: now,
      expiresAt: fromSqlTime(expiresAt),
      revokedAt: null,
    },
  };
}

function* claim(store: PoolStore, params: { poolId: number; now: string }): Steps<ClaimedCoupon | null> {
  for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
    // On PostgreSQL a first claim that found every available row locked by other claimers waits
    // for them next time (bounded by the store's lock timeout), as SQLite's claims always do.
    const claimSql = attempt === 0 ? bySql(store, CLAIM, POSTGRES_CLAIM) : CLAIM;
    const coupon = yield* get<ClaimedCoupon>(claimSql, params);
    if (coupon) return coupon;
    if (!(yield* get(ANY_AVAILABLE, params))) return null;
  }
  throw new Error(`Could not claim a coupon of pool ${params.poolId} after ${MAX_CLAIM_ATTEMPTS} attempts`);
}

function* replay(params: { poolId: number; idempotencyKey: string | null }, email: string): Steps<AssignmentResult | null> {
  const row = yield* get<AssignmentRow>(BY_IDEMPOTENCY_KEY, params);
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
export async function revokeAssignment(store: PoolStore, pool: PoolRef, assignmentId: number, now = new Date()): Promise<Assignment | null> {
  const revoked = await store.writeSteps(function* () {
    const row = yield* get<AssignmentRow & { redeemedAt: string | null }>(
      `SELECT ${ASSIGNMENT_COLUMNS}, c."redeemedAt" FROM "CouponAssignment" a JOIN "Coupon" c ON c."id" = a."couponId"
       WHERE a."id" = :assignmentId AND a."poolId" = :poolId`,
      { assignmentId, poolId: pool.id },
    );
    if (!row) return null;
    if (row.revokedAt) throw new PoolStateError("NOT_ASSIGNED", "This assignment was already revoked.");
    if (row.redeemedAt) {
      throw new PoolStateError("ALREADY_REDEEMED", "This code was already redeemed at checkout, so it cannot return to the pool.");
    }
    const at = toSqlTime(now);
    yield* run(`UPDATE "CouponAssignment" SET "revokedAt" = :at WHERE "id" = :assignmentId`, { at, assignmentId });
    yield* run(`UPDATE "Coupon" SET "assignedAt" = NULL WHERE "id" = :couponId AND "redeemedAt" IS NULL`, { couponId: row.couponId });
    return toAssignment({ ...row, revokedAt: at });
  });
  if (revoked) await refreshAlertsSoon(store, pool);
  return revoked;
}

// ---------------------------------------------------------------------------------------------
// Holdouts: a campaign fed by the pool may keep a share of the recipients without a code, so that
// what they buy anyway can be compared with what the treated recipients buy (holdouts.server.ts).

export interface Holdout {
  id: number;
  poolId: number;
  campaignId: number;
  email: string;
  source: string;
  assignedAt: Date;
}

export type AssignOrHoldOutResult =
  { outcome: "assigned"; assignment: Assignment; replayed: boolean } | { outcome: "held_out"; holdout: Holdout; replayed: boolean };

/** The one holdout bucket a share of 100% spans: percentages have two decimals of resolution. */
export const HOLDOUT_BUCKETS = 10_000;

/**
 * The recipient's bucket (0–9,999) in the campaign: the first 8 bytes of
 * sha256("campaignId:email") modulo 10,000. The same person always lands in the same bucket of a
 * campaign, on any server, and each campaign draws its own independent split.
 */
export function holdoutBucket(campaignId: number, email: string): number {
  const digest = createHash("sha256").update(`${campaignId}:${email.trim().toLowerCase()}`).digest();
  return Number(digest.readBigUInt64BE(0) % BigInt(HOLDOUT_BUCKETS));
}

/** Whether the recipient falls in the campaign's held-out share (holdoutPercent 0–50). */
export function isHeldOut(campaignId: number, email: string, holdoutPercent: number): boolean {
  return holdoutBucket(campaignId, email) < Math.round(holdoutPercent * 100);
}

// The campaign whose holdout applies: the live campaign fed by the pool (started, not ended),
// the newest one when several share the pool — the one the merchant set up last is the one an
// automation is feeding now.
const HOLDOUT_CAMPAIGN = `SELECT "id", "holdoutPercent", "startsAt" FROM "Campaign"
  WHERE "poolId" = :poolId AND "shopDomain" = :shopDomain AND "status" = 'live'
    AND "startsAt" <= :now AND ("endsAt" IS NULL OR "endsAt" > :now)
  ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`;

const HOLDOUT_COLUMNS = `"id", "poolId", "campaignId", "email", "source", "assignedAt"`;
const HOLDOUT_BY_KEY = `SELECT ${HOLDOUT_COLUMNS} FROM "HoldoutAssignment" WHERE "poolId" = :poolId AND "idempotencyKey" = :idempotencyKey`;
const HOLDOUT_OF_RECIPIENT = `SELECT ${HOLDOUT_COLUMNS} FROM "HoldoutAssignment"
  WHERE "shopDomain" = :shopDomain AND "campaignId" = :campaignId AND "email" = :email ORDER BY "id" LIMIT 1`;
const TREATED_SINCE = `SELECT 1 FROM "CouponAssignment" WHERE "shopDomain" = :shopDomain AND "email" = :email
  AND "poolId" = :poolId AND "assignedAt" >= :since AND "revokedAt" IS NULL LIMIT 1`;
const RECORD_HOLDOUT = `INSERT INTO "HoldoutAssignment" ("shopDomain", "poolId", "campaignId", "email", "source", "idempotencyKey", "customerId", "metadata", "assignedAt")
  VALUES (:shopDomain, :poolId, :campaignId, :email, :source, :idempotencyKey, :customerId, :metadata, :now) RETURNING ${HOLDOUT_COLUMNS}`;

interface HoldoutRow {
  id: number;
  poolId: number;
  campaignId: number;
  email: string;
  source: string;
  assignedAt: string;
}

const toHoldout = (row: HoldoutRow): Holdout => ({ ...row, assignedAt: fromSqlTime(row.assignedAt) });

/**
 * assignCoupon for automations, with the campaign's holdout: when the live campaign fed by the
 * pool holds out a share of recipients, a recipient whose bucket falls in that share gets no code,
 * and the decision is recorded (HoldoutAssignment) like an assignment. Decisions stick: a held-out
 * recipient asking again stays held out, one who already got a code in this campaign keeps
 * getting codes even if the share is raised later, and a repeated idempotency key returns the
 * first answer, whichever it was. The claim itself is assignCoupon's, with the same guarantees.
 */
export async function assignOrHoldOut(
  store: PoolStore,
  pool: PoolRef,
  request: AssignmentRequest,
  now = new Date(),
  /** Steps run in the write transaction that decided (a replay decided concurrently gets a write of
   * its own): what must be recorded with the answer, such as its audit entry, commits with it. */
  recordWith?: (result: AssignOrHoldOutResult) => Steps<void>,
): Promise<AssignOrHoldOutResult> {
  const input = checkRequest(request);
  const params = { ...input, poolId: pool.id, shopDomain: pool.shopDomain, now: toSqlTime(now), validityDays: request.validityDays ?? null };

  function* decide(): Steps<AssignOrHoldOutResult | "empty"> {
    if (input.idempotencyKey) {
      const earlier = yield* replayEither(params, input.email);
      if (earlier) return earlier;
    }
    const campaign = yield* get<{ id: number; holdoutPercent: number; startsAt: string }>(HOLDOUT_CAMPAIGN, params);
    if (campaign && campaign.holdoutPercent > 0) {
      const known = yield* get<HoldoutRow>(HOLDOUT_OF_RECIPIENT, { ...params, campaignId: campaign.id });
      // Without a key, asking again records nothing new; with a new key the answer is stored
      // under it too, so that key replays it even after the campaign ends.
      if (known && !input.idempotencyKey) return { outcome: "held_out", holdout: toHoldout(known), replayed: true };
      const treated = !known && (yield* get(TREATED_SINCE, { ...params, since: campaign.startsAt }));
      if (known || (!treated && isHeldOut(campaign.id, input.email, campaign.holdoutPercent))) {
        const row = (yield* get<HoldoutRow>(RECORD_HOLDOUT, { ...params, campaignId: campaign.id }))!;
        return { outcome: "held_out", holdout: toHoldout(row), replayed: false };
      }
    }
    const assigned = yield* claimAndRecord(store, params, now);
    return assigned === "empty" ? "empty" : { outcome: "assigned", ...assigned };
  }

  let result: AssignOrHoldOutResult | "empty";
  try {
    result = await store.writeSteps(function* () {
      const decided = yield* decide();
      if (decided !== "empty" && recordWith) yield* recordWith(decided);
      return decided;
    });
  } catch (error) {
    // A concurrent first use of the same key (see assignCoupon): the winner's answer is ours.
    if (!input.idempotencyKey || !isUniqueViolation(error)) throw error;
    const replayed = (await store.readSteps(() => replayEither(params, input.email)))!;
    if (recordWith) await store.writeSteps(() => recordWith(replayed));
    result = replayed;
  }

  if (result === "empty") {
    await refreshPoolAlerts(store, pool, { now, refusedAssignment: true });
    throw new PoolStateError("POOL_EMPTY", "This pool has no coupons left to assign. Import more codes to continue.");
  }
  if (result.outcome === "assigned" && !result.replayed) await refreshAlertsSoon(store, pool);
  return result;
}

/** The first answer given under this idempotency key, a code or a holdout; null for a new key. */
function* replayEither(params: { poolId: number; idempotencyKey: string | null }, email: string): Steps<AssignOrHoldOutResult | null> {
  const assigned = yield* replay(params, email);
  return assigned ? { outcome: "assigned", ...assigned } : yield* replayHoldout(params, email);
}

function* replayHoldout(params: { poolId: number; idempotencyKey: string | null }, email: string): Steps<AssignOrHoldOutResult | null> {
  const row = yield* get<HoldoutRow>(HOLDOUT_BY_KEY, params);
  if (!row) return null;
  if (row.email !== email) {
    throw new PoolStateError("IDEMPOTENCY_KEY_REUSED", "This idempotency key was already used to assign a coupon to another email.");
  }
  return { outcome: "held_out", holdout: toHoldout(row), replayed: true };
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
