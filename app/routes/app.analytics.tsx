import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useOutlet, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { BlockStack, Box, Card, EmptyState, InlineStack, Layout, Page, Tabs, Text } from "@shopify/polaris";
import { useState } from "react";
import type { KeyFigures } from "~/domain/analytics/types";
import { TABLES, type TableName } from "~/domain/analytics/tables";
import { ExportCsvButton } from "~/components/analytics/ExportCsvButton";
import { FiguresTable } from "~/components/analytics/FiguresTable";
import { RangeBar } from "~/components/analytics/RangeBar";
import { rangeQuery } from "~/domain/analytics/date-range";
import { formatCount, formatMoney } from "~/lib/format";
import { vizLinks } from "~/components/analytics/viz-styles";
import { analyticsTablesPage } from "~/features/analytics/pages.server";

// /app/analytics is also the parent of the analytics pages below it (campaigns/:id, codes/:code,
// overlap, fraud): on those it only renders them, and its loader skips the tables.

export const links = vizLinks;

export const loader = async ({ request }: LoaderFunctionArgs) => json(await analyticsTablesPage(request));

/** Coming back to the index from a page below it needs the tables the child visit skipped. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  defaultShouldRevalidate || currentUrl.pathname !== nextUrl.pathname;

const TAB_TITLES: Record<TableName, string> = {
  campaigns: "Campaigns",
  codes: "Codes",
  pools: "Pools",
  channels: "Channels",
};
const NOUNS: Record<TableName, { singular: string; plural: string }> = {
  campaigns: { singular: "campaign", plural: "campaigns" },
  codes: { singular: "code", plural: "codes" },
  pools: { singular: "pool", plural: "pools" },
  channels: { singular: "channel", plural: "channels" },
};

function linkOf(table: TableName, query: string) {
  return (row: KeyFigures): string | null => {
    if (table === "campaigns") return `/app/analytics/campaigns/${encodeURIComponent(row.key)}?${query}`;
    if (table === "codes") return `/app/analytics/codes/${encodeURIComponent(row.key)}?${query}`;
    if (table === "pools") return `/app/pools/${encodeURIComponent(row.key)}`;
    return null;
  };
}

export default function Analytics() {
  const outlet = useOutlet();
  const { index } = useLoaderData<typeof loader>();
  if (outlet || !index) return outlet;
  return <AnalyticsIndex data={index} />;
}

type IndexData = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["index"]>;

function AnalyticsIndex({ data }: { data: IndexData }) {
  const [searchParams] = useSearchParams();
  const initial = TABLES.indexOf(searchParams.get("tab") as TableName);
  const [selected, setSelected] = useState(initial >= 0 ? initial : 0);
  const { range, today, rangeError, currency, tables, counts, aov, hasRedemptions } = data;
  const query = rangeQuery(range);
  const table = TABLES[selected];
  return (
    <Page
      fullWidth
      title="Analytics"
      subtitle="What each campaign, code, pool and channel earned; influenced revenue first."
      secondaryActions={[
        { content: "Overlap", url: "/app/analytics/overlap" },
        { content: "Fraud review", url: "/app/analytics/fraud" },
      ]}
    >
      <Layout>
        <Layout.Section>
          <RangeBar range={range} today={today} rangeError={rangeError} />
        </Layout.Section>
        <Layout.Section>
          {hasRedemptions ? (
            <Card padding="0">
              <Tabs
                tabs={TABLES.map((name) => ({
                  id: `analytics-${name}`,
                  content: TAB_TITLES[name],
                  panelID: `analytics-${name}-panel`,
                }))}
                selected={selected}
                onSelect={setSelected}
              >
                <BlockStack gap="0">
                  <Box padding="400">
                    <InlineStack align="space-between" blockAlign="center" gap="300">
                      <BlockStack gap="100">
                        <Text as="h2" variant="headingMd">
                          {TAB_TITLES[table]}
                        </Text>
                        <Text as="p" tone="subdued">
                          AOV lift compares with the store&apos;s orders without a code in the same period
                          {aov.withoutCode !== null ? ` (${formatMoney(aov.withoutCode, currency)} average)` : " (none in this period)"}.
                        </Text>
                      </BlockStack>
                      <ExportCsvButton id={table} href={`/app/analytics/export?table=${table}&${query}`} label={`Export ${TAB_TITLES[table]} as CSV`} />
                    </InlineStack>
                  </Box>
                  <FiguresTable rows={tables[table]} noun={NOUNS[table]} currency={currency} aovWithoutCode={aov.withoutCode} linkOf={linkOf(table, query)} />
                  {counts[table] > tables[table].length && (
                    <Box padding="400">
                      <Text as="p" tone="subdued">
                        {`Showing the ${formatCount(tables[table].length)} ${NOUNS[table].plural} with the most influenced revenue of ${formatCount(counts[table])}; Export CSV has them all.`}
                      </Text>
                    </Box>
                  )}
                </BlockStack>
              </Tabs>
            </Card>
          ) : (
            <Card>
              <EmptyState heading="No redemptions in this period" image="https://cdn.shopify.com/s/files/1/0262/4071/2726/files/emptystate-files.png">
                <p>Influenced revenue, incremental profit and overlap per code and campaign appear once orders use your codes.</p>
              </EmptyState>
            </Card>
          )}
        </Layout.Section>
      </Layout>
    </Page>
  );
}
