// The audit log's page and its CSV export (app/routes/app.settings_.audit*.tsx).
import prisma from "~/db.server";
import { InvalidInput } from "~/domain/errors";
import {
  actionInWords,
  auditFilterOptions,
  auditWhere,
  diffValue,
  entityPath,
  exportAuditLog,
  listAuditEntries,
  parseDiff,
  readAuditFilters,
  shopTime,
} from "~/domain/governance/audit-log.server";
import { shopTimeZone } from "~/domain/shops.server";
import { authenticateStaff, viewerOf } from "~/features/access.server";

/** The audit log page: the filters as read from the URL, their choices, and one page of entries in the shop's time. */
export async function auditPage(request: Request) {
  const ctx = await authenticateStaff(request);
  const shopDomain = ctx.session.shop;
  const url = new URL(request.url);
  const filters = readAuditFilters(url.searchParams);
  const timeZone = await shopTimeZone(prisma, shopDomain);
  const condition = auditWhere(shopDomain, filters, timeZone);
  const [options, page] = await Promise.all([
    auditFilterOptions(prisma, shopDomain),
    condition.ok ? listAuditEntries(prisma, condition.where, url.searchParams.get("cursor")) : Promise.resolve({ entries: [], nextCursor: null }),
  ]);
  return {
    viewer: viewerOf(ctx),
    timeZone,
    filters,
    errors: condition.ok ? {} : condition.errors,
    choices: {
      actors: options.actors,
      actions: options.actions.map((action) => ({ value: action, label: actionInWords(action) })),
      entityTypes: options.entityTypes,
    },
    paged: url.searchParams.has("cursor"),
    nextCursor: page.nextCursor,
    rows: page.entries.map((entry) => ({
      id: entry.id,
      time: shopTime(entry.at, timeZone),
      actorName: entry.actorName,
      system: entry.actorId === null,
      action: entry.action,
      actionWords: actionInWords(entry.action),
      entityType: entry.entityType,
      entityId: entry.entityId,
      entityLabel: entry.entityLabel,
      entityPath: entityPath(entry.entityType, entry.entityId),
      changes: Object.entries(parseDiff(entry.diff)).map(([field, change]) => ({ field, before: diffValue(change.before), after: diffValue(change.after) })),
      reason: entry.reason,
    })),
  };
}

/** GET /app/settings/audit/export: the filtered log as a CSV download; filters it cannot read get a plain-text 400 naming them. */
export async function auditExport(request: Request): Promise<Response> {
  const ctx = await authenticateStaff(request);
  const shopDomain = ctx.session.shop;
  const filters = readAuditFilters(new URL(request.url).searchParams);
  try {
    const csv = await exportAuditLog(prisma, shopDomain, ctx.staff, filters, await shopTimeZone(prisma, shopDomain));
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="promoguard-audit-log-${new Date().toISOString().slice(0, 10)}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    return new Response(error.message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
