import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportAssignmentsCsv } from "~/domain/pools/history.server";
import { requirePool } from "~/components/pools/pool-route.server";

/** GET: Assigned History as CSV, streamed while it is read. */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { pool, store } = await requirePool(request, params);
  const fileName = `${pool.name.replace(/[^\w-]+/g, "-").replace(/^-|-$/g, "") || "pool"}-assigned-coupons.csv`;
  return new Response(exportAssignmentsCsv(store, pool), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
};
