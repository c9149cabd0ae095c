import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportAssignmentsCsv } from "~/domain/pools/history.server";
import { authorize } from "~/features/access.server";
import { auditPoolChange, poolOf } from "~/features/pools/pool-route.server";

/**
 * GET: Assigned History as CSV, streamed while it is read. Customer emails leave the app here, so
 * it takes pool.manage and is recorded in the audit trail.
 */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { pool, store, ctx } = await poolOf(await authorize(request, "pool.manage"), params);
  const fileName = `${pool.name.replace(/[^\w-]+/g, "-").replace(/^-|-$/g, "") || "pool"}-assigned-coupons.csv`;
  await auditPoolChange(ctx, { action: "pool.export", entityType: "pool", entityId: pool.id, entityLabel: pool.name, after: { export: "Assigned History (CSV)" } });
  return new Response(exportAssignmentsCsv(store, pool), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
};
