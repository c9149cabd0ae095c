import type { Params } from "@remix-run/react";
import prisma from "~/db.server";
import { authenticateStaff, viewerOf, type StaffContext } from "~/features/access.server";
import { found, idParam } from "~/features/intents.server";
import { countCoupons, findPool } from "~/domain/pools/pools.server";
import type { PoolChange } from "~/domain/pools/staff-changes.server";
import { poolStore } from "~/domain/pools/store.server";
import { systemClock } from "~/lib/clock";
import { throttledAdmin } from "~/shopify/admin-graphql.server";
import { codesInShopify, lookUpCodesInShopify, type CodesInShopify } from "~/shopify/existing-codes.server";
import { ALERT_HELP, listPoolAlerts, refreshPoolAlerts } from "~/domain/pools/alerts.server";
import { listActiveCoupons } from "~/domain/pools/coupons.server";
import { getCouponUsage } from "~/domain/redemptions/summary.server";
import { listAssignments } from "~/domain/pools/history.server";
import { HEADER_HELP } from "~/domain/pools/import-columns";
import { IMPORT_POLICY } from "~/domain/pools/import-source";
import { latestImport } from "~/domain/pools/imports.server";

// Plumbing shared by the pool routes: which of the shop's pools the URL names, and who changes it.
// (Who may do what: the routes' intent tables, app/features/intents; the changes and their audit
// entries: app/domain/pools/staff-changes.server.ts.)

const POOL_NOT_FOUND = "Pool not found";

/**
 * The pool named by the URL's :id among the signed-in shop's pools, as the signed-in staff member
 * changes it. Another shop's pool id is answered exactly like a missing one: 404.
 */
export async function poolOf(ctx: StaffContext, params: Params): Promise<PoolChange & { ctx: StaffContext }> {
  const store = poolStore();
  const pool = found(await findPool(store, ctx.session.shop, idParam(params, "id", POOL_NOT_FOUND)), POOL_NOT_FOUND);
  return { pool, store, actor: ctx.staff, ctx };
}

/** A page's loader: the staff member (any role may look) and the pool the URL names. */
export async function requirePool(request: Request, params: Params) {
  return poolOf(await authenticateStaff(request), params);
}

/**
 * How this request asks Shopify which codes it already has: code by code for a few (`few`),
 * else from the store's discounts (see codesInShopify). Through the throttle-aware caller.
 */
export async function shopifyCodesFor(ctx: StaffContext, { few = false } = {}): Promise<CodesInShopify> {
  const call = throttledAdmin(ctx.admin, { clock: systemClock }).call;
  if (few) return lookUpCodesInShopify(call);
  const poolFed = await prisma.campaign.findMany({
    where: { shopDomain: ctx.session.shop, poolId: { not: null }, shopifyDiscountId: { not: null } },
    select: { shopifyDiscountId: true },
  });
  return codesInShopify(ctx.admin, call, new Set(poolFed.map((campaign) => campaign.shopifyDiscountId!)));
}

/** A pool's page: its counts, open alerts (refreshed first), last import and one page of the tab asked for (active coupons or assigned history, with each code's use). */
export async function poolPage(request: Request, params: Params) {
  const { pool, store, ctx } = await requirePool(request, params);
  const url = new URL(request.url);
  const tab: "active" | "history" = url.searchParams.get("tab") === "history" ? "history" : "active";
  const pageRequest = {
    search: url.searchParams.get("q"),
    after: url.searchParams.get("after"),
    before: url.searchParams.get("before"),
  };
  await refreshPoolAlerts(store, pool);
  const [counts, alerts, lastImport, coupons, history] = await Promise.all([
    countCoupons(store, pool),
    listPoolAlerts(store, pool),
    latestImport(store, pool),
    tab === "active" ? listActiveCoupons(store, pool, pageRequest) : null,
    tab === "history" ? listAssignments(store, pool, pageRequest) : null,
  ]);
  return {
    viewer: viewerOf(ctx),
    pool: {
      id: pool.id,
      name: pool.name,
      lowStockAlertEnabled: pool.lowStockAlertEnabled,
      lowStockThreshold: pool.lowStockThreshold,
      timeZone: pool.timeZone,
    },
    counts,
    alerts,
    lastImport,
    tab,
    search: pageRequest.search ?? "",
    coupons,
    history,
    usage: history
      ? await getCouponUsage(
          prisma,
          pool.shopDomain,
          history.items.map((assignment) => assignment.couponId),
        )
      : {},
    help: { alerts: ALERT_HELP, importPolicy: IMPORT_POLICY, importColumns: HEADER_HELP },
  };
}
