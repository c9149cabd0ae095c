import { collectErrors, PoolInputError, PoolStateError } from "./errors";
import { keysetPage, prefixRange, type Direction, type Page, type PageRequest } from "./keyset";
import { checkPoolExpiration } from "./pool-expiration";
import type { Pool, PoolRef } from "./pools.server";
import { checkCode, checkMessage, checkValidityDays } from "./rules";
import { EARLIEST_SQL_TIME, fromSqlTime, LARGEST_ID, LATEST_SQL_TIME, toSqlTime } from "./sql-time";
import type { PoolStore } from "./store.server";
import { codeKey } from "~/shopify/code-key";
import type { CodesInShopify } from "~/shopify/existing-codes.server";

export interface ActiveCoupon {
  id: number;
  code: string;
  message: string | null;
  /** Pool Expiration. */
  expiresAt: Date | null;
  /** User Expiration, in days after assignment. */
  validityDays: number | null;
}

export interface NewCoupon {
  code: string;
  message?: string | null;
  poolExpiration?: string | null;
  userExpirationDays?: string | number | null;
}

/**
 * Adds one code to the pool (the Active Coupons "Add" form), unless another pool or (asked through
 * `inShopify`, as the route does) another discount of the store already has it.
 */
export async function addCoupon(
  store: PoolStore,
  pool: Pool,
  input: NewCoupon,
  { now = new Date(), inShopify }: { now?: Date; inShopify?: CodesInShopify } = {},
): Promise<ActiveCoupon> {
  const fields = collectErrors({
    code: checkCode(input.code),
    message: checkMessage(input.message),
    poolExpiration: checkPoolExpiration(input.poolExpiration, pool.timeZone, now),
    userExpirationDays: checkValidityDays(input.userExpirationDays),
  });
  const discount = (
    await inShopify?.([{ code: fields.code.code, codeKey: fields.code.key }]).catch((error: unknown) => {
      console.error("Checking a code with Shopify failed", error);
      throw new PoolStateError("SHOPIFY_UNAVAILABLE", "PromoGuard could not check the code with Shopify, so it was not added. Try again in a few minutes.");
    })
  )?.get(fields.code.key);
  if (discount !== undefined) {
    throw new PoolInputError({
      code: `This code already exists in Shopify, in the discount “${discount}”; Shopify codes are unique across the store, so choose another.`,
    });
  }
  const row = await store.write(
    () =>
      store
        .statement(
          `INSERT INTO "Coupon" ("shopDomain", "poolId", "code", "codeKey", "message", "expiresAt", "validityDays")
           VALUES (:shopDomain, :poolId, :code, :codeKey, :message, :expiresAt, :validityDays)
           ON CONFLICT ("shopDomain", "codeKey") DO NOTHING RETURNING "id"`,
        )
        .get({
          shopDomain: pool.shopDomain,
          poolId: pool.id,
          code: fields.code.code,
          codeKey: fields.code.key,
          message: fields.message,
          expiresAt: fields.poolExpiration && toSqlTime(fields.poolExpiration),
          validityDays: fields.userExpirationDays,
        }) as { id: number } | undefined,
  );
  if (!row) throw new PoolInputError({ code: await whereCodeLives(store, pool, fields.code.key) });
  return {
    id: row.id,
    code: fields.code.code,
    message: fields.message,
    expiresAt: fields.poolExpiration,
    validityDays: fields.userExpirationDays,
  };
}

/** Explains a code clash: codes are unique across all of a shop's pools. */
export async function whereCodeLives(store: PoolStore, pool: PoolRef, codeKey: string): Promise<string> {
  const owner = await store.read(
    () =>
      store
        .statement(
          `SELECT p."id", p."name" FROM "Coupon" c JOIN "CouponPool" p ON p."id" = c."poolId"
           WHERE c."shopDomain" = :shopDomain AND c."codeKey" = :codeKey`,
        )
        .get({ shopDomain: pool.shopDomain, codeKey }) as { id: number; name: string } | undefined,
  );
  if (!owner || owner.id === pool.id) return "This code is already in this pool.";
  return `This code is already in the pool “${owner.name}”; codes are unique across your pools, whatever their case.`;
}

interface CouponRow {
  id: number;
  code: string;
  message: string | null;
  expiresAt: string | null;
  validityDays: number | null;
  codeKey: string;
}

const COLUMNS = `"id", "code", "codeKey", "message", "expiresAt", "validityDays"`;
const AVAILABLE = `"poolId" = :poolId AND "assignedAt" IS NULL`;

// Active Coupons are listed in the order they will be handed out (see assignCoupon): codes with a
// Pool Expiration soonest first, then codes without one, oldest first. Both runs are ranges of the
// claim index, so the list needs no index of its own.
type HandOutKey = [expiresAt: string | null, id: number];
const isHandOutKey = (value: unknown): value is HandOutKey =>
  Array.isArray(value) && value.length === 2 && (value[0] === null || typeof value[0] === "string") && Number.isSafeInteger(value[1]);

const DATED = {
  after: `SELECT ${COLUMNS} FROM "Coupon" WHERE ${AVAILABLE} AND "expiresAt" > :now
          AND ("expiresAt", "id") > (:expiresAt, :id) ORDER BY "expiresAt", "id" LIMIT :limit`,
  before: `SELECT ${COLUMNS} FROM "Coupon" WHERE ${AVAILABLE} AND "expiresAt" > :now
           AND ("expiresAt", "id") < (:expiresAt, :id) ORDER BY "expiresAt" DESC, "id" DESC LIMIT :limit`,
};
const UNDATED = {
  after: `SELECT ${COLUMNS} FROM "Coupon" WHERE ${AVAILABLE} AND "expiresAt" IS NULL AND "id" > :id
          ORDER BY "id" LIMIT :limit`,
  before: `SELECT ${COLUMNS} FROM "Coupon" WHERE ${AVAILABLE} AND "expiresAt" IS NULL AND "id" < :id
           ORDER BY "id" DESC LIMIT :limit`,
};
// Keys beyond either end of a run, to read a run from its start: instants, so that PostgreSQL's
// timestamp columns compare them as SQLite's text columns do.
const BEFORE_EVERYTHING = { expiresAt: EARLIEST_SQL_TIME, id: 0 };
const AFTER_EVERYTHING = { expiresAt: LATEST_SQL_TIME, id: LARGEST_ID };

// Searching matches the start of the code (case-insensitively) through the shop's unique code
// index, so it stays an index range however many coupons the pool holds.
type CodeKey = [codeKey: string];
const isCodeKey = (value: unknown): value is CodeKey => Array.isArray(value) && value.length === 1 && typeof value[0] === "string";
const SEARCH = {
  after: `SELECT ${COLUMNS} FROM "Coupon" WHERE "shopDomain" = :shopDomain AND "codeKey" >= :from AND "codeKey" < :to
          AND "codeKey" > :codeKey AND ${AVAILABLE} AND ("expiresAt" IS NULL OR "expiresAt" > :now)
          ORDER BY "codeKey" LIMIT :limit`,
  before: `SELECT ${COLUMNS} FROM "Coupon" WHERE "shopDomain" = :shopDomain AND "codeKey" >= :from AND "codeKey" < :to
           AND "codeKey" < :codeKey AND ${AVAILABLE} AND ("expiresAt" IS NULL OR "expiresAt" > :now)
           ORDER BY "codeKey" DESC LIMIT :limit`,
};

export async function listActiveCoupons(
  store: PoolStore,
  pool: PoolRef,
  request: PageRequest & { search?: string | null },
  now = new Date(),
): Promise<Page<ActiveCoupon>> {
  const base = { poolId: pool.id, shopDomain: pool.shopDomain, now: toSqlTime(now) };
  const search = request.search?.trim() ? codeKey(request.search.trim()) : "";
  const rows = (sql: string, params: Record<string, unknown>) => store.statement(sql).all({ ...base, ...params }) as CouponRow[];

  const page = await store.read(() => {
    if (search) {
      const range = prefixRange(search);
      return keysetPage(request, {
        isKey: isCodeKey,
        keyOf: (row: CouponRow): CodeKey => [row.codeKey],
        seek: (direction, key, limit) => rows(SEARCH[direction], { ...range, limit, codeKey: key?.[0] ?? (direction === "after" ? "" : range.to) }),
      });
    }
    return keysetPage(request, {
      isKey: isHandOutKey,
      keyOf: (row: CouponRow): HandOutKey => [row.expiresAt, row.id],
      seek: (direction, key, limit) => seekHandOutOrder(rows, direction, key, limit),
    });
  });
  return { ...page, items: page.items.map(toActiveCoupon) };
}

/** Walks the dated run then the undated run (or back), continuing into the next run when short. */
function seekHandOutOrder(
  rows: (sql: string, params: Record<string, unknown>) => CouponRow[],
  direction: Direction,
  key: HandOutKey | null,
  limit: number,
): CouponRow[] {
  const inUndated = key !== null && key[0] === null;
  if (direction === "after") {
    const dated = inUndated ? [] : rows(DATED.after, { ...(key ? { expiresAt: key[0], id: key[1] } : BEFORE_EVERYTHING), limit });
    if (dated.length === limit) return dated;
    const undated = rows(UNDATED.after, { id: inUndated ? key[1] : 0, limit: limit - dated.length });
    return [...dated, ...undated];
  }
  const undated = inUndated || key === null ? rows(UNDATED.before, { id: key?.[1] ?? LARGEST_ID, limit }) : [];
  if (undated.length === limit) return undated;
  const from = key === null || inUndated ? AFTER_EVERYTHING : { expiresAt: key[0], id: key[1] };
  return [...undated, ...rows(DATED.before, { ...from, limit: limit - undated.length })];
}

function toActiveCoupon(row: CouponRow): ActiveCoupon {
  return {
    id: row.id,
    code: row.code,
    message: row.message,
    expiresAt: fromSqlTime(row.expiresAt),
    validityDays: row.validityDays,
  };
}
