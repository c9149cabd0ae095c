import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditPortfolioExport, portfolioCsv, portfolioScope } from "~/features/agency/portfolio-data.server";

/** GET ?from&to[&store=…]: the portfolio as CSV, audited in every store whose figures it holds. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { ctx, range, rangeError, stores } = await portfolioScope(request);
  if (rangeError) return new Response(rangeError, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const fileName = `portfolio-${range.from}-to-${range.to}.csv`;
  await auditPortfolioExport(stores, ctx.staff.userId, fileName, range);
  return new Response(portfolioCsv(stores), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"`, "Cache-Control": "no-store" },
  });
};
