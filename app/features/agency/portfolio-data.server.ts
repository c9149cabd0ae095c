// What the Portfolio page and its CSV load: the signed-in person's stores where they may read
// analytics now (nothing in the request chooses a store they could not read: `store` only narrows),
// over one period of calendar days that each store reads in its own time zone.
import prisma from "~/db.server";
import { defaultRange } from "~/domain/analytics/metrics.server";
import type { DateRange } from "~/domain/analytics/types";
import { portfolio, type PortfolioFigures, type PortfolioStore } from "~/domain/agency/portfolio.server";
import type { StoreRef } from "~/domain/agency/stores.server";
import { authenticateStaff } from "~/features/access.server";
import { ROLE_LABELS } from "~/domain/governance/roles";
import { auditAnalyticsExport } from "~/features/analytics/csv.server";
import { csvLines } from "~/lib/csv";
import { rangeQuery, readRange, shopToday } from "~/domain/analytics/date-range";

export async function portfolioScope(request: Request, now: Date = new Date()) {
  const ctx = await authenticateStaff(request);
  const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: ctx.session.shop }, select: { ianaTimezone: true } });
  const timeZone = shop.ianaTimezone || "UTC";
  const params = new URL(request.url).searchParams;
  const fallback = defaultRange(timeZone, now);
  const reading = readRange(params, fallback);
  const range: DateRange = reading.ok ? reading.range : fallback;
  const only = params.getAll("store").filter((domain) => domain.length > 0 && domain.length <= 255);
  const stores = await portfolio(prisma, ctx.staff.userId, () => range, { only, now });
  return { ctx, range, today: shopToday(timeZone, now), rangeError: reading.ok ? null : reading.error, stores };
}

/**
 * Where a store's own analytics are for this period: this store's page, or the app in that store's
 * Shopify admin (Shopify signs the person in there as that store's staff).
 */
export function analyticsLink(store: StoreRef, current: string, range: DateRange): string {
  const path = `/app/analytics?${rangeQuery(range)}`;
  if (store.domain === current) return path;
  const handle = store.domain.replace(/\.myshopify\.com$/, "");
  return `https://admin.shopify.com/store/${encodeURIComponent(handle)}/apps/${encodeURIComponent(process.env.SHOPIFY_API_KEY ?? "")}${path}`;
}

const COLUMNS = [
  "Store",
  "Playbook",
  "Playbook versions",
  "Your role",
  "Currency",
  "From",
  "To",
  "Influenced revenue",
  "Incremental profit",
  "Incremental profit low (95%)",
  "Incremental profit high (95%)",
  "Campaigns with a holdout",
  "Discount cost",
  "Redemptions",
  "Leaked",
  "Leak rate",
  "Live campaigns",
  "Open pool alerts",
  "Open approvals",
];

function row(store: PortfolioStore, playbook: string, versions: string, figures: PortfolioFigures) {
  return [
    store.store.name,
    playbook,
    versions,
    ROLE_LABELS[store.role],
    store.store.currencyCode,
    store.range.from,
    store.range.to,
    figures.influencedRevenue,
    figures.incrementalProfit?.value ?? null,
    figures.incrementalProfit?.low ?? null,
    figures.incrementalProfit?.high ?? null,
    figures.holdoutCampaigns,
    figures.discountCost,
    figures.redemptions,
    figures.leaked,
    figures.leakRate === null ? null : Number(figures.leakRate.toFixed(4)),
    figures.liveCampaigns,
    figures.poolAlerts,
    figures.openApprovals,
  ];
}

/** The portfolio as CSV: a row per store (playbook "All campaigns") and per playbook in it. */
export function portfolioCsv(stores: PortfolioStore[]): string {
  const lines = [
    COLUMNS,
    ...stores.flatMap((store) => [
      row(store, "All campaigns", "", store.figures),
      ...store.playbooks.map((playbook) => row(store, playbook.name, playbook.versions.join(" "), playbook.figures)),
    ]),
  ];
  return csvLines(lines, "figures");
}

/** Each store whose figures leave the app in the file records it in its own audit log, by the
 * person's staff member there. */
export async function auditPortfolioExport(stores: PortfolioStore[], userId: string, fileName: string, range: DateRange) {
  for (const { store } of stores) {
    const staff = await prisma.staffMember.findUniqueOrThrow({ where: { shopDomain_userId: { shopDomain: store.domain, userId } } });
    await auditAnalyticsExport(store.domain, staff, fileName, range, { stores: stores.length });
  }
}
