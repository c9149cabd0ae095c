import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportAssignmentsBy } from "~/domain/pools/staff-changes.server";
import { authorize } from "~/features/access.server";
import { poolOf } from "~/features/pools/pool-route.server";

/**
 * GET: Assigned History as CSV, streamed while it is read. Customer emails leave the app here, so
 * it takes pool.manage and is recorded in the audit trail.
 */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const change = await poolOf(await authorize(request, "pool.manage"), params);
  const fileName = `${change.pool.name.replace(/[^\w-]+/g, "-").replace(/^-|-$/g, "") || "pool"}-assigned-coupons.csv`;
  return new Response(await exportAssignmentsBy(change), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
};
