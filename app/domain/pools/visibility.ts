/**
 * An import writes its rows in many short transactions (so it never holds the database's write
 * lock for long) and publishes them all at once by marking itself COMPLETED. Until then its rows
 * are not part of the pool: every query that hands out, lists or counts available coupons adds
 * this condition (it needs the :poolId parameter).
 */
const HIDING = `SELECT "id" FROM "CouponImport" WHERE "poolId" = :poolId AND "status" IN ('RUNNING', 'DISCARDING')`;

export const VISIBLE_COUPON = `("importId" IS NULL OR "importId" NOT IN (${HIDING}))`;

/** Whether the pool has rows to hide right now; when not, counts skip the per-row check. */
export const POOL_HAS_HIDDEN_ROWS = `SELECT EXISTS (${HIDING}) AS "hidden"`;
