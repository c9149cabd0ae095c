// The analytics CSV export (app/routes/app.analytics.export.tsx): which table, which period,
// the file, and its audit entry.
import prisma from "~/db.server";
import { TABLES, type TableName } from "~/domain/analytics/tables";
import { aovWithoutCode, campaignCodes, dailyOf, requireShopCampaign, requireShopCode, staffAnalyticsScope, tableRows } from "./analytics-data.server";
import { auditAnalyticsExport, csvFileName, dailyCsv, keyFiguresCsv } from "./csv.server";

const FIRST_COLUMN: Record<TableName, string> = { campaigns: "Campaign", codes: "Code", pools: "Pool", channels: "Channel" };
const EXTRA_TABLES = ["campaign-codes", "daily"] as const;

function refuse(message: string, status = 400) {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

type Staff = Awaited<ReturnType<typeof staffAnalyticsScope>>["staff"];

async function csvResponse(staff: Staff, period: { from: string; to: string }, body: ReadableStream<Uint8Array>, fileName: string) {
  await auditAnalyticsExport(staff.shopDomain, staff, fileName, period);
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"`, "Cache-Control": "no-store" },
  });
}

/**
 * GET ?table=campaigns|codes|pools|channels|campaign-codes|daily&from&to: one analytics table as
 * CSV, for the session's shop and period. campaign-codes needs &campaign=<id>; daily takes an
 * optional &campaign=<id> or &code=<code> (the whole store otherwise).
 */
/**
 * GET /app/analytics/export?table=…: one analytics table as a CSV file (the period from the query,
 * as the screens read it), recorded in the audit trail; a plain-text 400 naming what is wrong otherwise.
 */
export async function analyticsExport(request: Request): Promise<Response> {
  const { scope, staff } = await staffAnalyticsScope(request);
  if (scope.rangeError) return refuse(scope.rangeError);
  const params = new URL(request.url).searchParams;
  const table = params.get("table") ?? "";
  const period = `${scope.range.from}-to-${scope.range.to}`;
  const baseline = () => aovWithoutCode(prisma, scope);

  if ((TABLES as readonly string[]).includes(table)) {
    const name = table as TableName;
    const [rows, withoutCode] = await Promise.all([tableRows(prisma, scope, name), baseline()]);
    return csvResponse(staff, scope.range, keyFiguresCsv(FIRST_COLUMN[name], rows, scope.currency, withoutCode), csvFileName(name, period));
  }
  if (table === "campaign-codes") {
    const campaign = await requireShopCampaign(prisma, scope.shop, params.get("campaign") ?? undefined);
    const [rows, withoutCode] = await Promise.all([campaignCodes(prisma, scope, campaign), baseline()]);
    return csvResponse(staff, scope.range, keyFiguresCsv("Code", rows, scope.currency, withoutCode), csvFileName(campaign.name, "codes", period));
  }
  if (table === "daily") {
    if (params.get("campaign")) {
      const campaign = await requireShopCampaign(prisma, scope.shop, params.get("campaign") ?? undefined);
      const [rows, withoutCode] = await Promise.all([dailyOf(prisma, scope, { campaignId: campaign.id }), baseline()]);
      return csvResponse(staff, scope.range, dailyCsv(rows, scope.currency, withoutCode), csvFileName(campaign.name, "daily", period));
    }
    if (params.get("code")) {
      const code = await requireShopCode(prisma, scope.shop, params.get("code") ?? undefined);
      const [rows, withoutCode] = await Promise.all([dailyOf(prisma, scope, { codeKey: code.codeKey }), baseline()]);
      return csvResponse(staff, scope.range, dailyCsv(rows, scope.currency, withoutCode), csvFileName(code.display, "daily", period));
    }
    const [rows, withoutCode] = await Promise.all([dailyOf(prisma, scope, null), baseline()]);
    return csvResponse(staff, scope.range, dailyCsv(rows, scope.currency, withoutCode), csvFileName("daily", period));
  }
  return refuse(`Unknown table "${table}". Choose one of: ${[...TABLES, ...EXTRA_TABLES].join(", ")}.`);
}
