import { PoolInputError } from "./errors";
import { alertSettingsFormSchema, poolNameFormSchema, readPoolForm } from "./rules";
import { fromSqlTime, toSqlTime, LARGEST_ID } from "./sql-time";
import { get } from "./steps";
import type { PoolStore } from "./store.server";

/** What every pool operation needs: the pool and the shop that owns it. */
export interface PoolRef {
  id: number;
  shopDomain: string;
}

export interface Pool extends PoolRef {
  name: string;
  lowStockAlertEnabled: boolean;
  lowStockThreshold: number;
  createdAt: Date;
  /** The shop's IANA time zone: a Pool Expiration date ends at midnight there. */
  timeZone: string;
}

export interface PoolCounts {
  /** Unassigned, unexpired: ready to hand out. */
  available: number;
  assigned: number;
  /** Unassigned but past their Pool Expiration: never handed out. */
  expired: number;
  total: number;
}

interface PoolRow {
  id: number;
  shopDomain: string;
  name: string;
  lowStockAlertEnabled: number;
  lowStockThreshold: number;
  createdAt: string;
  timeZone: string | null;
}

const POOL_COLUMNS = `p."id", p."shopDomain", p."name", p."lowStockAlertEnabled", p."lowStockThreshold",
  p."createdAt", s."ianaTimezone" AS "timeZone"`;

export async function createPool(store: PoolStore, shopDomain: string, rawName: string, now = new Date()): Promise<Pool> {
  const { name, key } = readPoolForm(poolNameFormSchema, { name: rawName }).name!;
  const id = await store.write(() => {
    const row = store
      .statement(
        `INSERT INTO "CouponPool" ("shopDomain", "name", "nameKey", "lowStockAlertEnabled", "lowStockThreshold", "createdAt", "updatedAt")
         VALUES (:shopDomain, :name, :nameKey, false, 100, :now, :now)
         ON CONFLICT ("shopDomain", "nameKey") DO NOTHING RETURNING "id"`,
      )
      .get({ shopDomain, name, nameKey: key, now: toSqlTime(now) }) as { id: number } | undefined;
    return row?.id;
  });
  if (id === undefined) throw duplicateName(name);
  return (await findPool(store, shopDomain, id))!;
}

/** The shop's pool with that id, or null — also for another shop's pool, which must look absent. */
export async function findPool(store: PoolStore, shopDomain: string, id: number): Promise<Pool | null> {
  // Ids are 32-bit integers (PostgreSQL refuses a larger one outright): a larger id is no pool.
  if (!Number.isSafeInteger(id) || id < 1 || id > LARGEST_ID) return null;
  const row = await store.readSteps(() =>
    get<PoolRow>(
      `SELECT ${POOL_COLUMNS} FROM "CouponPool" p JOIN "Shop" s ON s."domain" = p."shopDomain"
       WHERE p."id" = :id AND p."shopDomain" = :shopDomain`,
      { id, shopDomain },
    ),
  );
  return row ? toPool(row) : null;
}

export async function listPools(store: PoolStore, shopDomain: string): Promise<Pool[]> {
  const rows = await store.read(
    () =>
      store
        .statement(
          `SELECT ${POOL_COLUMNS} FROM "CouponPool" p JOIN "Shop" s ON s."domain" = p."shopDomain"
           WHERE p."shopDomain" = :shopDomain ORDER BY p."nameKey"`,
        )
        .all({ shopDomain }) as PoolRow[],
  );
  return rows.map(toPool);
}

export async function renamePool(store: PoolStore, pool: PoolRef, rawName: string, now = new Date()) {
  const { name, key } = readPoolForm(poolNameFormSchema, { name: rawName }).name!;
  const renamed = await store.write(() => {
    const clash = store
      .statement(`SELECT 1 FROM "CouponPool" WHERE "shopDomain" = :shopDomain AND "nameKey" = :nameKey AND "id" <> :id`)
      .get({ shopDomain: pool.shopDomain, nameKey: key, id: pool.id });
    if (clash) return false;
    store
      .statement(`UPDATE "CouponPool" SET "name" = :name, "nameKey" = :nameKey, "updatedAt" = :now WHERE "id" = :id AND "shopDomain" = :shopDomain`)
      .run({ name, nameKey: key, now: toSqlTime(now), id: pool.id, shopDomain: pool.shopDomain });
    return true;
  });
  if (!renamed) throw duplicateName(name);
}

export async function updateAlertSettings(store: PoolStore, pool: PoolRef, settings: { enabled: boolean; threshold: string | number }, now = new Date()) {
  const threshold = readPoolForm(alertSettingsFormSchema, { enabled: settings.enabled ? "true" : "", threshold: String(settings.threshold) }).threshold!;
  await store.write(() =>
    store
      .statement(
        `UPDATE "CouponPool" SET "lowStockAlertEnabled" = :enabled, "lowStockThreshold" = :threshold, "updatedAt" = :now
         WHERE "id" = :id AND "shopDomain" = :shopDomain`,
      )
      .run({ enabled: settings.enabled ? 1 : 0, threshold, now: toSqlTime(now), id: pool.id, shopDomain: pool.shopDomain }),
  );
}

const COUNTS = `SELECT
    COUNT(*) AS "total",
    COALESCE(SUM(CASE WHEN "assignedAt" IS NOT NULL THEN 1 ELSE 0 END), 0) AS "assigned",
    COALESCE(SUM(CASE WHEN "assignedAt" IS NULL AND "expiresAt" <= :now THEN 1 ELSE 0 END), 0) AS "expired"
  FROM "Coupon" WHERE "poolId" = :poolId`;

/** Counts from the claim index alone. */
export async function countCoupons(store: PoolStore, pool: PoolRef, now = new Date()): Promise<PoolCounts> {
  return store.read(() => {
    const params = { poolId: pool.id, now: toSqlTime(now) };
    const counts = store.statement(COUNTS).get(params) as Omit<PoolCounts, "available">;
    return { ...counts, available: counts.total - counts.assigned - counts.expired };
  });
}

function duplicateName(name: string) {
  return new PoolInputError({ name: `A pool named “${name}” already exists. Choose another name.` });
}

function toPool(row: PoolRow): Pool {
  return {
    id: row.id,
    shopDomain: row.shopDomain,
    name: row.name,
    lowStockAlertEnabled: row.lowStockAlertEnabled === 1,
    lowStockThreshold: row.lowStockThreshold,
    createdAt: fromSqlTime(row.createdAt),
    timeZone: validTimeZone(row.timeZone),
  };
}

// Checking a zone builds an Intl.DateTimeFormat (tens of microseconds): each zone is checked once.
const checkedZones = new Map<string, string>();

function validTimeZone(zone: string | null): string {
  if (!zone) return "UTC";
  let valid = checkedZones.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
      valid = zone;
    } catch {
      valid = "UTC";
    }
    checkedZones.set(zone, valid);
  }
  return valid;
}

/** The shop's IANA time zone (UTC when unknown), in which pool dates are shown. */
export async function shopTimeZone(store: PoolStore, shopDomain: string): Promise<string> {
  const row = await store.read(
    () =>
      store.statement(`SELECT "ianaTimezone" AS "timeZone" FROM "Shop" WHERE "domain" = :shopDomain`).get({ shopDomain }) as
        { timeZone: string | null } | undefined,
  );
  return validTimeZone(row?.timeZone ?? null);
}
