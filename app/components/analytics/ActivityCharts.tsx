// A campaign's or a code's activity over the period: redemptions and revenue day by day next to
// the influenced / leaked / applied split, each with words instead of an empty chart.
import type { ReactNode } from "react";
import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import type { DayFigures, Figures } from "~/domain/analytics/types";
import { InfluenceDonut, RedemptionsChart, RevenueChart } from "./Charts";

export function ActivityCharts({
  figures,
  series,
  query,
  currency,
  noOrders,
  influenceNote,
}: {
  figures: Figures;
  series: DayFigures[];
  /** The period's query string: the charts are drawn again when it changes. */
  query: string;
  currency: string;
  /** What to say when no order used the codes in the period. */
  noOrders: string;
  influenceNote?: ReactNode;
}) {
  const empty = figures.redemptions === 0;
  return (
    <InlineGrid columns={{ xs: 1, md: "2fr 1fr" }} gap="400">
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Redemptions and revenue over time
          </Text>
          {empty ? (
            <Text as="p" tone="subdued">
              {noOrders}
            </Text>
          ) : (
            <BlockStack gap="400">
              <RevenueChart key={`revenue-${query}`} series={series} currency={currency} />
              <RedemptionsChart key={`redemptions-${query}`} series={series} />
            </BlockStack>
          )}
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Influenced vs leaked vs applied
          </Text>
          {empty ? (
            <Text as="p" tone="subdued">
              Nothing to compare yet.
            </Text>
          ) : (
            <InfluenceDonut key={`influence-${query}`} figures={figures} />
          )}
          {influenceNote}
        </BlockStack>
      </Card>
    </InlineGrid>
  );
}
