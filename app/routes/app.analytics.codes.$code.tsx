import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import prisma from "~/db.server";
import { analyticsScope, codeAnalytics, requireShopCode } from "~/components/analytics/analytics-data.server";
import { InfluenceDonut, RedemptionsChart, RevenueChart } from "~/components/analytics/Charts";
import { ExportCsvButton } from "~/components/analytics/ExportCsvButton";
import { FiguresSummary } from "~/components/analytics/FiguresSummary";
import { RangeBar } from "~/components/analytics/RangeBar";
import { rangeQuery } from "~/components/analytics/date-range";
import { vizLinks } from "~/components/analytics/viz-styles";

export const links = vizLinks;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.code} · Analytics` : "Analytics" }];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const scope = await analyticsScope(request);
  const code = await requireShopCode(prisma, scope.shop, params.code);
  const data = await codeAnalytics(prisma, scope, code);
  const { shop: _shop, ...page } = scope;
  return json({ ...page, ...data });
};

export default function CodeAnalytics() {
  const { code, campaign, figures, series, aov, currency, range, today, rangeError } = useLoaderData<typeof loader>();
  const query = rangeQuery(range);
  return (
    <Page
      title={code}
      subtitle={campaign ? `Code of ${campaign.name}` : "A code no PromoGuard campaign hands out"}
      backAction={campaign ? { content: campaign.name, url: `/app/analytics/campaigns/${campaign.id}?${query}` } : { content: "Analytics", url: `/app/analytics?tab=codes&${query}` }}
    >
      <Layout>
        <Layout.Section>
          <RangeBar
            range={range}
            today={today}
            rangeError={rangeError}
            actions={<ExportCsvButton id="daily" href={`/app/analytics/export?table=daily&code=${encodeURIComponent(code)}&${query}`} label="Export daily figures as CSV" text="Export daily CSV" />}
          />
        </Layout.Section>
        <Layout.Section>
          <FiguresSummary figures={figures} aov={aov} currency={currency} />
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: "2fr 1fr" }} gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Redemptions and revenue over time
                </Text>
                {figures.redemptions === 0 ? (
                  <Text as="p" tone="subdued">
                    No order used this code in this period.
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
                {figures.redemptions === 0 ? (
                  <Text as="p" tone="subdued">
                    Nothing to compare yet.
                  </Text>
                ) : (
                  <InfluenceDonut key={`influence-${query}`} figures={figures} />
                )}
              </BlockStack>
            </Card>
          </InlineGrid>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
