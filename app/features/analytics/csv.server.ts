// The analytics tables as CSV: the same figures as the screens, unformatted (plain decimals, the
// currency in its own column), streamed a thousand rows at a time. Written in ~/lib/csv's
// "figures" style (RFC 4180, no cell a spreadsheet would run as a formula; a plain number is
// written as is, so a negative lift stays a number instead of gaining the apostrophe that
// neutralises a leading "-").
import prisma from "~/db.server";
import type { DateRange, DayFigures, Figures, KeyFigures } from "~/domain/analytics/types";
import { recordAudit } from "~/domain/governance/audit.server";
import type { Actor } from "~/domain/governance/staff.server";
import { csvStream, inBatches } from "~/lib/csv";
import { liftAgainst } from "~/domain/analytics/lift";

type Cell = string | number | null;

/** Every export is in the audit trail of the store whose figures it holds: who took which file of which period out of the app. */
export async function auditAnalyticsExport(shopDomain: string, actor: Actor, fileName: string, period: DateRange, extra: Record<string, unknown> = {}) {
  await recordAudit(prisma, {
    shopDomain,
    actor,
    action: "analytics.export",
    entityType: "analytics",
    entityId: fileName,
    entityLabel: fileName,
    before: null,
    after: { file: fileName, from: period.from, to: period.to, ...extra },
  });
}

export const FIGURE_COLUMNS = [
  "Influenced revenue",
  "Redemptions",
  "Orders",
  "Influenced",
  "Leaked",
  "Applied",
  "Gross revenue",
  "Line discount",
  "Order discount",
  "Shipping discount",
  "Discount given",
  "Net revenue",
  "Cost of goods (known lines)",
  "Lines without cost",
  "Gross profit",
  "AOV",
  "AOV lift vs orders without code",
  "New customers",
  "Returning customers",
  "Currency",
];

function figureCells(figures: Figures, currency: string, aovWithoutCode: string | null): Cell[] {
  const lift = liftAgainst(figures.aov, aovWithoutCode);
  return [
    figures.influencedRevenue,
    figures.redemptions,
    figures.orders,
    figures.influenced,
    figures.leaked,
    figures.applied,
    figures.grossRevenue,
    figures.lineDiscount,
    figures.orderDiscount,
    figures.shippingDiscount,
    figures.discountGiven,
    figures.netRevenue,
    figures.cogs,
    figures.linesWithoutCost,
    // Empty, not 0, while a line has no cost: the previous column says how many.
    figures.grossProfit,
    figures.aov,
    lift === null ? null : lift.toFixed(4),
    figures.newCustomers,
    figures.returningCustomers,
    currency,
  ];
}

export function keyFiguresCsv(firstColumn: string, rows: KeyFigures[], currency: string, aovWithoutCode: string | null) {
  return csvStream(
    [firstColumn, "Key", ...FIGURE_COLUMNS],
    inBatches(rows),
    (row) => [row.label, row.key, ...figureCells(row.figures, currency, aovWithoutCode)],
    "figures",
  );
}

export function dailyCsv(rows: DayFigures[], currency: string, aovWithoutCode: string | null) {
  return csvStream(["Day", ...FIGURE_COLUMNS], inBatches(rows), (row) => [row.day, ...figureCells(row.figures, currency, aovWithoutCode)], "figures");
}

/** A file name without characters a file system or a header would choke on. */
export function csvFileName(...parts: string[]): string {
  return `${
    parts
      .map((part) => part.replace(/[^\w-]+/g, "-").replace(/^-+|-+$/g, ""))
      .filter(Boolean)
      .join("-") || "analytics"
  }.csv`;
}
