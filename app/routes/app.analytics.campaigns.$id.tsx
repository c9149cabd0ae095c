import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { BlockStack, Card, InlineGrid, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { ActivityCharts } from "~/components/analytics/ActivityCharts";
import { ExportCsvButton } from "~/components/analytics/ExportCsvButton";
import { FiguresSummary } from "~/components/analytics/FiguresSummary";
import { FiguresTable } from "~/components/analytics/FiguresTable";
import { ExperimentSettingsCard } from "~/components/analytics/holdout/ExperimentSettingsCard";
import { HoldoutResultCard } from "~/components/analytics/holdout/HoldoutResultCard";
import { RangeBar } from "~/components/analytics/RangeBar";
import { rangeQuery } from "~/domain/analytics/date-range";
import { formatCount } from "~/lib/format";
import { vizLinks } from "~/components/analytics/viz-styles";
import { channelLabel } from "~/components/campaigns/channel-label";
import { campaignAnalyticsPage } from "~/features/analytics/pages.server";

export const links = vizLinks;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.campaign.name} · Analytics` : "Analytics" }];

export const loader = async ({ request, params }: LoaderFunctionArgs) => json(await campaignAnalyticsPage(request, params));

export default function CampaignAnalytics() {
  const { campaign, figures, series, aov, codes, holdout, currency, range, today, rangeError, hasPool, whyNotEdit } = useLoaderData<typeof loader>();
  const query = rangeQuery(range);
  // One object per loaded version: the card resets its fields whenever it gets a new one.
  const { holdoutPercent, holdoutWindowDays, experiment, utmCampaign } = campaign;
  const settings = useMemo(
    () => ({ holdoutPercent, holdoutWindowDays, experiment, utmCampaign }),
    [holdoutPercent, holdoutWindowDays, experiment, utmCampaign],
  );
  return (
    <Page
      title={campaign.name}
      subtitle={`Campaign analytics · ${channelLabel(campaign.channel)}`}
      backAction={{ content: "Analytics", url: `/app/analytics?${query}` }}
      secondaryActions={[{ content: "Campaign settings", url: `/app/campaigns/${campaign.id}` }]}
    >
      <Layout>
        <Layout.Section>
          <RangeBar
            range={range}
            today={today}
            rangeError={rangeError}
            actions={
              <ExportCsvButton
                id="daily"
                href={`/app/analytics/export?table=daily&campaign=${campaign.id}&${query}`}
                label="Export daily figures as CSV"
                text="Export daily CSV"
              />
            }
          />
        </Layout.Section>
        <Layout.Section>
          <FiguresSummary figures={figures} aov={aov} currency={currency} />
        </Layout.Section>
        <Layout.Section>
          <ActivityCharts
            figures={figures}
            series={series}
            query={query}
            currency={currency}
            noOrders="No order used this campaign's codes in this period."
            influenceNote={
              <Text as="p" variant="bodySm" tone="subdued">
                Influenced: a unique code used by its recipient, or the shared code arriving through the campaign&apos;s link. Leaked: a unique code used by
                someone else. Applied: the shared code found and typed without the link.
              </Text>
            }
          />
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: "2fr 1fr" }} gap="400">
            <HoldoutResultCard comparison={holdout} currency={currency} title="Treated vs holdout" />
            <ExperimentSettingsCard campaignId={campaign.id} settings={settings} hasPool={hasPool} canEdit={whyNotEdit === null} whyNotEdit={whyNotEdit} />
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <BlockStack gap="0">
              <div style={{ padding: "var(--p-space-400)" }}>
                <InlineStack align="space-between" blockAlign="center" gap="300">
                  <BlockStack gap="100">
                    <Text as="h2" variant="headingMd">
                      Codes
                    </Text>
                    <Text as="p" tone="subdued">
                      {formatCount(codes.length)} {codes.length === 1 ? "code" : "codes"} used in this period, most influenced revenue first.
                    </Text>
                  </BlockStack>
                  <ExportCsvButton
                    id="campaign-codes"
                    href={`/app/analytics/export?table=campaign-codes&campaign=${campaign.id}&${query}`}
                    label="Export codes as CSV"
                  />
                </InlineStack>
              </div>
              <FiguresTable
                rows={codes}
                noun={{ singular: "code", plural: "codes" }}
                currency={currency}
                aovWithoutCode={aov.withoutCode}
                linkOf={(row) => `/app/analytics/codes/${encodeURIComponent(row.key)}?${query}`}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
