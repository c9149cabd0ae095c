// The overlap page (app/routes/app.analytics.overlap.tsx): the report for the window the merchant
// chose, the names of what the campaigns discount, and each table as a CSV download.
import { shopCurrency } from "~/domain/shops.server";
import prisma from "~/db.server";
import { overlapReport, readDays, DEFAULT_FULL_PRICE_DAYS, DEFAULT_WINDOW_DAYS, type OverlapReport } from "~/domain/analytics/overlap.server";
import { authenticateStaff } from "~/features/access.server";
import { shopTimeZone } from "~/features/campaigns/campaign-route.server";
import { csvLine } from "~/lib/csv";
import { catalogueNamesFor } from "./analytics-data.server";

export interface OverlapPage {
  report: OverlapReport;
  errors: string[];
  namesMissing: boolean;
  currency: string;
  timeZone: string;
}

type Cells = (string | number | null)[];

const EXPORTS: Record<string, { file: string; header: string[]; rows: (report: OverlapReport) => Cells[] }> = {
  customers: {
    file: "multi-code-customers",
    header: ["Customer", "Codes", "Orders", "Code discount", "Gross order value", "Effective discount %"],
    rows: (report) =>
      report.multiCode.map((row) => [
        row.customer,
        row.codes.map((use) => `${use.code} (${use.processedAt.slice(0, 10)})`).join(" → "),
        row.orders,
        row.codeDiscount,
        row.grossValue,
        row.effectivePercent,
      ]),
  },
  campaigns: {
    file: "overlapping-campaigns",
    header: ["Campaign", "Offer", "Other campaign", "Other offer", "Products", "From", "Until", "Can stack", "Combined %"],
    rows: (report) =>
      report.campaigns.groups.flatMap((group) =>
        group.pairs.map((row) => [
          row.first.name,
          row.first.offer,
          row.second.name,
          row.second.offer,
          group.scope,
          row.from,
          row.until ?? "",
          row.canStack ? "yes" : "no",
          row.combinedPercent,
        ]),
      ),
  },
  cannibalised: {
    file: "cannibalised-redemptions",
    header: ["Order", "Date", "Code", "Customer", "Code discount", "Full-price order date", "Full-price order total"],
    rows: (report) =>
      report.cannibalisation.rows.map((row) => [
        row.orderName,
        row.processedAt,
        row.code,
        row.customer,
        row.codeDiscount,
        row.fullPriceOrderAt,
        row.fullPriceOrderTotal,
      ]),
  },
};

/**
 * The overlap page's data, or one of its tables as a CSV file when ?export= names one (for a data
 * request; a browser navigating to ?export gets the page).
 */
export async function overlapPage(request: Request): Promise<{ file: Response } | { page: OverlapPage }> {
  const context = await authenticateStaff(request);
  const { session } = context;
  const params = new URL(request.url).searchParams;
  const window = readDays(params.get("window"), "Window", DEFAULT_WINDOW_DAYS);
  const fullPrice = readDays(params.get("fullPriceDays"), "Full-price look-back", DEFAULT_FULL_PRICE_DAYS);
  const catalogue = catalogueNamesFor(context);
  const report = await overlapReport(prisma, session.shop, {
    windowDays: window.days,
    fullPriceDays: fullPrice.days,
    showAll: params.get("stacking") === "all",
    names: catalogue.names,
  });

  const exported = params.get("export");
  if (exported !== null && request.headers.get("Sec-Fetch-Dest") !== "document") {
    const table = EXPORTS[exported];
    if (!table) {
      return {
        file: new Response(`There is no table "${exported}" to download here. Choose one of: ${Object.keys(EXPORTS).join(", ")}.`, {
          status: 400,
          headers: { "Content-Type": "text/plain; charset=utf-8" },
        }),
      };
    }
    const body =
      csvLine(table.header) +
      table
        .rows(report)
        .map((cells) => csvLine(cells))
        .join("");
    const file = new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${table.file}-${report.to.slice(0, 10)}.csv"`,
        "Cache-Control": "no-store",
      },
    });
    return { file };
  }
  return {
    page: {
      report,
      errors: [window.error, fullPrice.error].filter((error): error is string => error !== null),
      namesMissing: catalogue.state.failed,
      currency: await shopCurrency(prisma, session.shop),
      timeZone: await shopTimeZone(session.shop),
    },
  };
}
