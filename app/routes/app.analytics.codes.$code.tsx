import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Layout, Page } from "@shopify/polaris";
import { ActivityCharts } from "~/components/analytics/ActivityCharts";
import { ExportCsvButton } from "~/components/analytics/ExportCsvButton";
import { FiguresSummary } from "~/components/analytics/FiguresSummary";
import { RangeBar } from "~/components/analytics/RangeBar";
import { rangeQuery } from "~/domain/analytics/date-range";
import { vizLinks } from "~/components/analytics/viz-styles";
import { codeAnalyticsPage } from "~/features/analytics/pages.server";

export const links = vizLinks;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.code} · Analytics` : "Analytics" }];

export const loader = async ({ request, params }: LoaderFunctionArgs) => json(await codeAnalyticsPage(request, params));

export default function CodeAnalytics() {
  const { code, campaign, figures, series, aov, currency, range, today, rangeError } = useLoaderData<typeof loader>();
  const query = rangeQuery(range);
  return (
    <Page
      title={code}
      subtitle={campaign ? `Code of ${campaign.name}` : "A code no PromoGuard campaign hands out"}
      backAction={
        campaign
          ? { content: campaign.name, url: `/app/analytics/campaigns/${campaign.id}?${query}` }
          : { content: "Analytics", url: `/app/analytics?tab=codes&${query}` }
      }
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
                href={`/app/analytics/export?table=daily&code=${encodeURIComponent(code)}&${query}`}
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
          <ActivityCharts figures={figures} series={series} query={query} currency={currency} noOrders="No order used this code in this period." />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
