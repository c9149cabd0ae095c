import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, EmptyState, InlineGrid, Layout, Link, Page, Text } from "@shopify/polaris";
import { PoolAlertBanners } from "~/components/pools/PoolAlertBanners";
import { dashboardPage } from "~/features/analytics/pages.server";
import { RedemptionsChart, RevenueChart } from "~/components/analytics/Charts";
import { HoldoutHelp } from "~/components/analytics/HoldoutHelp";
import { KpiCard } from "~/components/analytics/KpiCard";
import { RangeBar } from "~/components/analytics/RangeBar";
import { TopCampaigns } from "~/components/analytics/TopCampaigns";
import { formatDay, rangeQuery } from "~/domain/analytics/date-range";
import { formatCount, formatMoney } from "~/lib/format";
import { vizLinks } from "~/components/analytics/viz-styles";

export const links = vizLinks;

export const loader = async ({ request }: LoaderFunctionArgs) => json(await dashboardPage(request));

export default function Dashboard() {
  const { alerts, timeZone, currency, today, range, rangeError, figures, liveCampaigns, incrementalProfit, series, topCampaigns, hasRedemptions } =
    useLoaderData<typeof loader>();
  const query = rangeQuery(range);
  const profit = incrementalProfit;
  return (
    <Page title="Dashboard" subtitle="Welcome to PromoGuard: what your codes earned, and what needs your attention.">
      <Layout>
        {alerts.length > 0 && (
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Pool alerts
                </Text>
                <PoolAlertBanners alerts={alerts} timeZone={timeZone} linkToPool />
              </BlockStack>
            </Card>
          </Layout.Section>
        )}
        <Layout.Section>
          <RangeBar range={range} today={today} rangeError={rangeError} />
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, sm: 2, lg: 5 }} gap="400">
            <KpiCard
              title="Influenced revenue"
              value={formatMoney(figures.influencedRevenue, currency)}
              help="Orders where a code reached the person it was meant for, or a shared code came through its campaign's link."
            />
            {profit.total !== null ? (
              <KpiCard
                title="Incremental profit"
                value={formatMoney(profit.total, currency)}
                help={`Against holdout groups of ${formatCount(profit.campaignsWithHoldout)} live ${profit.campaignsWithHoldout === 1 ? "campaign" : "campaigns"}${profit.withoutEstimate > 0 ? ` (${formatCount(profit.withoutEstimate)} without an estimate yet)` : ""}.`}
              />
            ) : profit.campaignsWithHoldout > 0 ? (
              <KpiCard
                title="Incremental profit"
                value="Not measurable yet"
                help={`${formatCount(profit.campaignsWithHoldout)} live ${profit.campaignsWithHoldout === 1 ? "campaign holds" : "campaigns hold"} recipients out; profit shows once orders arrive and product costs are known.`}
              />
            ) : (
              <KpiCard title="Incremental profit" value="—" help="No holdout experiments yet.">
                <HoldoutHelp />
              </KpiCard>
            )}
            <KpiCard title="Discount cost" value={formatMoney(figures.discountGiven, currency)} help="What codes took off orders, shipping included." />
            <KpiCard title="Live campaigns" value={formatCount(liveCampaigns)}>
              <Link url="/app/campaigns">View campaigns</Link>
            </KpiCard>
            <KpiCard title="Open pool alerts" value={formatCount(alerts.length)}>
              <Link url="/app/pools">View pools</Link>
            </KpiCard>
          </InlineGrid>
        </Layout.Section>
        {hasRedemptions ? (
          <>
            <Layout.Section>
              <Card>
                <BlockStack gap="400">
                  <Text as="h2" variant="headingMd">
                    Redemptions and revenue
                  </Text>
                  {figures.redemptions === 0 ? (
                    <Text as="p" tone="subdued">
                      No order used a code between {formatDay(range.from)} and {formatDay(range.to)}.
                    </Text>
                  ) : (
                    <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
                      <RevenueChart key={`revenue-${query}`} series={series} currency={currency} />
                      <RedemptionsChart key={`redemptions-${query}`} series={series} />
                    </InlineGrid>
                  )}
                </BlockStack>
              </Card>
            </Layout.Section>
            <Layout.Section>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Top campaigns by influenced revenue
                  </Text>
                  <TopCampaigns rows={topCampaigns} currency={currency} query={query} />
                  <Link url={`/app/analytics?${query}`}>All analytics</Link>
                </BlockStack>
              </Card>
            </Layout.Section>
          </>
        ) : (
          <Layout.Section>
            <Card>
              <EmptyState heading="No redemptions yet" image="https://cdn.shopify.com/s/files/1/0262/4071/2726/files/emptystate-files.png">
                <p>Once orders use your codes, the revenue they influenced, what the discounts cost and your best campaigns appear here.</p>
              </EmptyState>
            </Card>
          </Layout.Section>
        )}
      </Layout>
    </Page>
  );
}
