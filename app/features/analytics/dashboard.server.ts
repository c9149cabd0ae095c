// The dashboard's data (app/routes/app._index.tsx): the period's key figures, series and top
// campaigns, and the pools' open alerts (refreshed first, so a pool emptied since shows at once).
import prisma from "~/db.server";
import { listOpenAlerts, refreshShopAlerts } from "~/domain/pools/alerts.server";
import { poolStore } from "~/domain/pools/store.server";
import { analyticsScope, dashboardData } from "./analytics-data.server";

export async function dashboardPage(request: Request) {
  const scope = await analyticsScope(request);
  const store = poolStore();
  await refreshShopAlerts(store, scope.shop);
  const [alerts, data] = await Promise.all([listOpenAlerts(store, scope.shop), dashboardData(prisma, scope)]);
  const { shop: _shop, ...page } = scope;
  return { ...page, alerts, ...data };
}
