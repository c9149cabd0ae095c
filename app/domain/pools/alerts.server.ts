import { formatCount, plural } from "~/lib/format";
import { queueFlowTriggerInPoolWrite } from "~/domain/automation/flow-trigger-jobs.server";
import { adminLink } from "~/domain/governance/mail.server";
import { ALERT_TITLES } from "./alert-titles";
import type { PoolRef } from "./pools.server";
import { DAY_MS, fromSqlTime, toSqlTime } from "./sql-time";
import type { PoolStore } from "./store.server";

export type AlertKind = "BELOW_THRESHOLD" | "RUNNING_OUT" | "EMPTY";

export interface PoolAlert {
  id: number;
  poolId: number;
  poolName: string;
  kind: AlertKind;
  /** Available coupons at the last evaluation while it is open (when it cleared, once cleared). */
  available: number;
  detail: string;
  firedAt: Date;
  clearedAt: Date | null;
}

/** The recent assignment rate is the number of assignments in this window. */
export const RATE_WINDOW_HOURS = 24;
/** RUNNING_OUT fires when the pool would last fewer days than this at the recent rate. */
export const RUN_OUT_HORIZON_DAYS = 7;

export const ALERT_HELP =
  `PromoGuard also alerts when the pool is projected to run out within ${RUN_OUT_HORIZON_DAYS} days — ` +
  `days left = available coupons ÷ coupons assigned in the last ${RATE_WINDOW_HOURS} hours — ` +
  "and when no coupons remain. Each alert fires once when its condition starts to hold and again only after it has cleared.";

interface PoolState {
  name: string;
  lowStockAlertEnabled: number;
  lowStockThreshold: number;
}

/**
 * Re-evaluates the pool's three alert conditions and records each change: an alert fires once
 * when its condition starts to hold (one open row per kind, enforced by a unique index, so
 * concurrent evaluations cannot fire it twice) and clears when the condition stops holding.
 * `refusedAssignment`: an assignment just failed on this pool, which is empty even if it never
 * held a code.
 */
export async function refreshPoolAlerts(
  store: PoolStore,
  pool: PoolRef,
  { now = new Date(), refusedAssignment = false }: { now?: Date; refusedAssignment?: boolean } = {},
) {
  await store.write(() => {
    const settings = store
      .statement(`SELECT "name", "lowStockAlertEnabled", "lowStockThreshold" FROM "CouponPool" WHERE "id" = :poolId`)
      .get({ poolId: pool.id }) as PoolState | undefined;
    if (!settings) return;
    const recent = countRecentAssignments(store, pool.id, now);
    // Counting stops at the largest number any condition compares with.
    const enough = Math.max(settings.lowStockThreshold, RUN_OUT_HORIZON_DAYS * recent) + 1;
    const available = countAvailableUpTo(store, pool.id, now, enough);
    const stocked = available > 0 || refusedAssignment || hasEverHeldCodes(store, pool.id);
    const threshold = settings.lowStockThreshold;

    const verdicts: Record<AlertKind, string | null> = {
      EMPTY: stocked && available === 0 ? "No coupons left to assign." : null,
      BELOW_THRESHOLD:
        stocked && settings.lowStockAlertEnabled === 1 && available < threshold
          ? `${coupons(available)} left, below your alert threshold of ${formatCount(threshold)}.`
          : null,
      RUNNING_OUT:
        available > 0 && available < RUN_OUT_HORIZON_DAYS * recent
          ? `${coupons(recent)} assigned in the last ${RATE_WINDOW_HOURS} hours: at that rate the ${formatCount(available)} left last about ${formatDays(available / recent)}.`
          : null,
    };
    for (const [kind, detail] of Object.entries(verdicts) as [AlertKind, string | null][]) {
      if (!detail) {
        clear(store, pool.id, kind, now);
        continue;
      }
      // An alert that stays open keeps saying how many are left now, not when it fired.
      if (!fire(store, pool, kind, available, detail, now)) {
        keepCurrent(store, pool.id, kind, available, detail);
        continue;
      }
      // An alert that opens now starts the merchant's "Coupon pool running low" workflows, in
      // the same transaction: once per crossing, like the alert itself.
      queueFlowTriggerInPoolWrite(
        store,
        pool.shopDomain,
        "poolRunningLow",
        {
          poolName: settings.name,
          available,
          projectedDays: projectedDays(available, recent),
          alert: ALERT_TITLES[kind],
          details: detail,
          poolPage: adminLink(pool.shopDomain, `/app/pools/${pool.id}`),
        },
        now,
      );
    }
  });
}

/** What the Flow trigger calls "Projected days": days left at the last 24 hours' rate, 0 when
 * empty, 9999 when nothing was assigned in the window (no rate to project from). */
const NO_RECENT_USE_DAYS = 9999;
function projectedDays(available: number, recentAssignments: number): number {
  if (available === 0) return 0;
  if (recentAssignments === 0) return NO_RECENT_USE_DAYS;
  return Math.round((available / recentAssignments) * 10) / 10;
}

function countRecentAssignments(store: PoolStore, poolId: number, now: Date): number {
  const since = toSqlTime(new Date(now.getTime() - (RATE_WINDOW_HOURS / 24) * DAY_MS));
  const row = store
    .statement(`SELECT COUNT(*) AS "count" FROM "CouponAssignment" WHERE "poolId" = :poolId AND "assignedAt" > :since`)
    .get({ poolId, since }) as { count: number };
  return row.count;
}

export interface RunOutProjection {
  /** Codes assigned in the last RATE_WINDOW_HOURS. */
  recentAssignments: number;
  /** Days the available codes last at that rate; null when nothing was assigned recently. */
  daysLeft: number | null;
  runsOutAt: Date | null;
}

/** When the pool runs out at the recent assignment rate: the RUNNING_OUT alert's reckoning. */
export async function projectRunOut(store: PoolStore, pool: PoolRef, available: number, now = new Date()): Promise<RunOutProjection> {
  const recent = await store.read(() => countRecentAssignments(store, pool.id, now));
  if (recent === 0) return { recentAssignments: 0, daysLeft: null, runsOutAt: null };
  const daysLeft = available / ((recent * 24) / RATE_WINDOW_HOURS);
  return { recentAssignments: recent, daysLeft, runsOutAt: new Date(now.getTime() + daysLeft * DAY_MS) };
}

function countAvailableUpTo(store: PoolStore, poolId: number, now: Date, limit: number): number {
  const row = store
    .statement(
      `SELECT COUNT(*) AS "count" FROM (SELECT 1 FROM "Coupon" WHERE "poolId" = :poolId AND "assignedAt" IS NULL
         AND ("expiresAt" IS NULL OR "expiresAt" > :now) LIMIT :limit) AS "available"`,
    )
    .get({ poolId, now: toSqlTime(now), limit }) as { count: number };
  return row.count;
}

function hasEverHeldCodes(store: PoolStore, poolId: number): boolean {
  return Boolean(store.statement(`SELECT 1 FROM "Coupon" WHERE "poolId" = :poolId LIMIT 1`).get({ poolId }));
}

/** Opens the alert unless it is open already; true when it opened now. */
function fire(store: PoolStore, pool: PoolRef, kind: AlertKind, available: number, detail: string, now: Date): boolean {
  return (
    store
      .statement(
        `INSERT INTO "PoolAlert" ("shopDomain", "poolId", "kind", "openKind", "available", "detail", "firedAt")
       VALUES (:shopDomain, :poolId, :kind, :kind, :available, :detail, :now)
       ON CONFLICT ("poolId", "openKind") DO NOTHING`,
      )
      .run({ shopDomain: pool.shopDomain, poolId: pool.id, kind, available, detail, now: toSqlTime(now) }).changes === 1
  );
}

function keepCurrent(store: PoolStore, poolId: number, kind: AlertKind, available: number, detail: string) {
  store
    .statement(
      `UPDATE "PoolAlert" SET "available" = :available, "detail" = :detail WHERE "poolId" = :poolId AND "openKind" = :kind AND ("available" <> :available OR "detail" <> :detail)`,
    )
    .run({ poolId, kind, available, detail });
}

function clear(store: PoolStore, poolId: number, kind: AlertKind, now: Date) {
  store
    .statement(`UPDATE "PoolAlert" SET "openKind" = NULL, "clearedAt" = :now WHERE "poolId" = :poolId AND "openKind" = :kind`)
    .run({ poolId, kind, now: toSqlTime(now) });
}

const coupons = (count: number) => plural(count, "coupon", "coupons");

function formatDays(days: number): string {
  if (days < 1) {
    const hours = Math.max(1, Math.round(days * 24));
    return hours === 1 ? "1 hour" : `${hours} hours`;
  }
  return `${days.toFixed(1)} days`;
}

// Assignments re-evaluate their pool's alerts at most once a second per process: the evaluation
// counts up to a few times the daily volume, which at thousands of assignments a second would
// cost more than the assignments. A trailing run catches the end of every burst. This is only
// pacing; firing once per crossing is guaranteed by the database, not by this map.
const ASSIGNMENT_REFRESH_INTERVAL_MS = 1_000;
interface Pacing {
  lastRun: number;
  trailing?: NodeJS.Timeout;
  pool?: PoolRef;
}
const pacing = new WeakMap<PoolStore, Map<number, Pacing>>();

export function refreshAlertsSoon(store: PoolStore, pool: PoolRef): Promise<void> {
  let pools = pacing.get(store);
  if (!pools) pacing.set(store, (pools = new Map()));
  const state: Pacing = pools.get(pool.id) ?? { lastRun: 0 };
  pools.set(pool.id, state);
  const wait = state.lastRun + ASSIGNMENT_REFRESH_INTERVAL_MS - Date.now();
  if (wait <= 0 && !state.trailing) {
    state.lastRun = Date.now();
    return refreshPoolAlerts(store, pool);
  }
  state.pool = pool;
  state.trailing ??= setTimeout(() => void runTrailing(store, state), Math.max(wait, 0)).unref();
  return Promise.resolve();
}

function runTrailing(store: PoolStore, state: Pacing): Promise<void> {
  clearTimeout(state.trailing);
  state.trailing = undefined;
  state.lastRun = Date.now();
  if (!store.open || !state.pool) return Promise.resolve();
  return refreshPoolAlerts(store, state.pool).catch((error) => console.error("Pool alert refresh failed", error));
}

/** Runs now every trailing refresh still waiting, so that nothing changes behind the caller's back afterwards. */
export async function settleAlertRefreshes(store: PoolStore): Promise<void> {
  const waiting = [...(pacing.get(store)?.values() ?? [])].filter((state) => state.trailing);
  await Promise.all(waiting.map((state) => runTrailing(store, state)));
}

interface AlertRow {
  id: number;
  poolId: number;
  poolName: string;
  kind: AlertKind;
  available: number;
  detail: string;
  firedAt: string;
  clearedAt: string | null;
}

const ALERT_COLUMNS = `a."id", a."poolId", p."name" AS "poolName", a."kind", a."available", a."detail", a."firedAt", a."clearedAt"`;

/** The shop's open alerts, newest first (the dashboard). */
export async function listOpenAlerts(store: PoolStore, shopDomain: string): Promise<PoolAlert[]> {
  const rows = await store.read(
    () =>
      store
        .statement(
          `SELECT ${ALERT_COLUMNS} FROM "PoolAlert" a JOIN "CouponPool" p ON p."id" = a."poolId"
           WHERE a."shopDomain" = :shopDomain AND a."openKind" IS NOT NULL ORDER BY a."firedAt" DESC, a."id" DESC`,
        )
        .all({ shopDomain }) as AlertRow[],
  );
  return rows.map(toAlert);
}

/** The pool's latest alerts, open and cleared, newest first (the pool page). */
export async function listPoolAlerts(store: PoolStore, pool: PoolRef, limit = 10): Promise<PoolAlert[]> {
  const rows = await store.read(
    () =>
      store
        .statement(
          `SELECT ${ALERT_COLUMNS} FROM "PoolAlert" a JOIN "CouponPool" p ON p."id" = a."poolId"
           WHERE a."poolId" = :poolId ORDER BY a."firedAt" DESC, a."id" DESC LIMIT :limit`,
        )
        .all({ poolId: pool.id, limit }) as AlertRow[],
  );
  return rows.map(toAlert);
}

function toAlert(row: AlertRow): PoolAlert {
  return { ...row, firedAt: fromSqlTime(row.firedAt), clearedAt: fromSqlTime(row.clearedAt) };
}

/** Re-evaluates every pool of the shop: time alone (expiry, the sliding rate window) moves alerts. */
export async function refreshShopAlerts(store: PoolStore, shopDomain: string, now = new Date()) {
  const pools = await store.read(
    () => store.statement(`SELECT "id" FROM "CouponPool" WHERE "shopDomain" = :shopDomain`).all({ shopDomain }) as { id: number }[],
  );
  for (const { id } of pools) await refreshPoolAlerts(store, { id, shopDomain }, { now });
}
