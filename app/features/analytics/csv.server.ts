// The analytics tables as CSV: the same figures as the screens, unformatted (plain decimals, the
// currency in its own column). Text goes through the pools' CSV cell writer (RFC 4180, no cell a
// spreadsheet would run as a formula); a plain number is written as is, so a negative lift stays
// a number instead of gaining the apostrophe that neutralises a leading "-".
import prisma from "~/db.server";
import type { DateRange, DayFigures, Figures, KeyFigures } from "~/domain/analytics/types";
import { recordAudit } from "~/domain/governance/audit.server";
import type { Actor } from "~/domain/governance/staff.server";
import { csvCell } from "~/domain/pools/csv-export";
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

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function analyticsCell(value: Cell): string {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (value !== null && PLAIN_NUMBER.test(value)) return value;
  return csvCell(value);
}

const line = (cells: Cell[]) => `${cells.map(analyticsCell).join(",")}\r\n`;

/** The CSV produced as the client reads it, a thousand rows at a time. */
function csvStream<T>(header: string[], rows: T[], toCells: (row: T) => Cell[], batch = 1000) {
  const encoder = new TextEncoder();
  let next = -1;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next === -1) {
        controller.enqueue(encoder.encode(line(header)));
        next = 0;
        return;
      }
      if (next >= rows.length) return controller.close();
      controller.enqueue(encoder.encode(rows.slice(next, next + batch).map((row) => line(toCells(row))).join("")));
      next += batch;
    },
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
  return csvStream([firstColumn, "Key", ...FIGURE_COLUMNS], rows, (row) => [row.label, row.key, ...figureCells(row.figures, currency, aovWithoutCode)]);
}

export function dailyCsv(rows: DayFigures[], currency: string, aovWithoutCode: string | null) {
  return csvStream(["Day", ...FIGURE_COLUMNS], rows, (row) => [row.day, ...figureCells(row.figures, currency, aovWithoutCode)]);
}

/** A file name without characters a file system or a header would choke on. */
export function csvFileName(...parts: string[]): string {
  return `${parts.map((part) => part.replace(/[^\w-]+/g, "-").replace(/^-+|-+$/g, "")).filter(Boolean).join("-") || "analytics"}.csv`;
}
