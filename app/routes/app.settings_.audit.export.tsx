import type { LoaderFunctionArgs } from "@remix-run/node";
import prisma from "~/db.server";
import { authenticateStaff } from "~/features/access.server";
import { recordAudit } from "~/domain/governance/audit.server";
import { activeFilters, auditWhere, exportAuditCsv, readAuditFilters } from "~/domain/governance/audit-log.server";

/**
 * GET: the audit log as CSV with the page's filters, streamed while it is read. Every role may
 * read the log, so every role may export it; the export is itself an audit entry. No action:
 * a POST here is refused and changes nothing.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const ctx = await authenticateStaff(request);
  const shopDomain = ctx.session.shop;
  const filters = readAuditFilters(new URL(request.url).searchParams);
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { ianaTimezone: true } });
  const timeZone = shop?.ianaTimezone ?? "UTC";
  const condition = auditWhere(shopDomain, filters, timeZone);
  if (!condition.ok) {
    return new Response(Object.values(condition.errors).join(" "), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  // Recorded before the rows are read: the file includes its own export entry when unfiltered.
  await recordAudit(prisma, {
    shopDomain, actor: ctx.staff, action: "audit.export", entityType: "audit", entityId: shopDomain, entityLabel: "Audit log", after: { export: "Audit log (CSV)", ...activeFilters(filters) },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(exportAuditCsv(prisma, condition.where, timeZone), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="promoguard-audit-log-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
};
