import { DataTable, Link, Text } from "@shopify/polaris";
import type { KeyFigures } from "~/domain/analytics/types";
import { formatCount, formatMoney, formatShare } from "~/lib/format";

/** The campaigns that earned the most influenced revenue in the period. */
export function TopCampaigns({ rows, currency, query }: { rows: KeyFigures[]; currency: string; query: string }) {
  if (rows.length === 0) {
    return (
      <Text as="p" tone="subdued">
        No campaign code was used in this period.
      </Text>
    );
  }
  return (
    <DataTable
      columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
      headings={["Campaign", "Influenced revenue", "Redemptions", "Leaked share", "Discount given"]}
      rows={rows.map((row) => [
        <Link key={row.key} url={`/app/analytics/campaigns/${row.key}?${query}`} removeUnderline>
          {row.label}
        </Link>,
        formatMoney(row.figures.influencedRevenue, currency),
        formatCount(row.figures.redemptions),
        formatShare(row.figures.leaked, row.figures.redemptions),
        formatMoney(row.figures.discountGiven, currency),
      ])}
    />
  );
}
