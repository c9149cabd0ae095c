// What the analytics pages load: the dashboard (app._index), the tables (app.analytics), one
// campaign and one code (app.analytics.campaigns.$id, app.analytics.codes.$code).
import prisma from "~/db.server";
import { TABLES } from "~/domain/analytics/tables";
import { listOpenAlerts, refreshShopAlerts } from "~/domain/pools/alerts.server";
import { poolStore } from "~/domain/pools/store.server";
import type { Params } from "@remix-run/react";
import { whyNot } from "~/domain/governance/roles";
import {
  analyticsScope,
  campaignAnalytics,
  codeAnalytics,
  dashboardData,
  requireShopCampaign,
  requireShopCode,
  staffAnalyticsScope,
  tablesData,
} from "./analytics-data.server";

/** The dashboard: the period's figures, series and top campaigns, and the pools' open alerts (refreshed first, so a pool emptied since shows at once). */
export async function dashboardPage(request: Request) {
  const scope = await analyticsScope(request);
  const store = poolStore();
  await refreshShopAlerts(store, scope.shop);
  const [alerts, data] = await Promise.all([listOpenAlerts(store, scope.shop), dashboardData(prisma, scope)]);
  const { shop: _shop, ...page } = scope;
  return { ...page, alerts, ...data };
}

/** The analytics page itself, not one of its child routes (a campaign, a code). */
const isIndex = (url: URL) => url.pathname.replace(/\/+$/, "") === "/app/analytics";

/** The analytics tables for the period (null for a child route: the campaign and code pages load their own). */
export async function analyticsTablesPage(request: Request) {
  const scope = await analyticsScope(request);
  if (!isIndex(new URL(request.url))) return { index: null };
  const data = await tablesData(prisma, scope);
  const { shop: _shop, ...page } = scope;
  return {
    index: {
      ...page,
      ...data,
      hasRedemptions: TABLES.some((table) => data.tables[table].length > 0),
    },
  };
}

/** One campaign's figures for the period, and whether the viewer may change its experiment settings. */
export async function campaignAnalyticsPage(request: Request, params: Params) {
  const { scope, role } = await staffAnalyticsScope(request);
  const campaign = await requireShopCampaign(prisma, scope.shop, params.id);
  const data = await campaignAnalytics(prisma, scope, campaign);
  const { shop: _shop, ...page } = scope;
  // The experiment settings save through /app/campaigns/:id/experiment, which checks campaign.publish again.
  return { ...page, ...data, hasPool: campaign.poolId !== null, whyNotEdit: whyNot(role, "campaign.publish") };
}

/** One code's figures for the period. */
export async function codeAnalyticsPage(request: Request, params: Params) {
  const scope = await analyticsScope(request);
  const code = await requireShopCode(prisma, scope.shop, params.code);
  const data = await codeAnalytics(prisma, scope, code);
  const { shop: _shop, ...page } = scope;
  return { ...page, ...data };
}
