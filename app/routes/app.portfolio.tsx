import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import { analyticsLink, portfolioScope } from "~/features/agency/portfolio-data.server";
import { PortfolioTable } from "~/components/agency/PortfolioTable";
import { ExportCsvButton } from "~/components/analytics/ExportCsvButton";
import { RangeBar } from "~/components/analytics/RangeBar";
import { rangeQuery } from "~/domain/analytics/date-range";
import { ROLE_LABELS } from "~/domain/governance/roles";

// The portfolio: every store where the signed-in person may read analytics now (they are staff
// there, recognised by their Shopify user), side by side over one period.

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { ctx, range, today, rangeError, stores } = await portfolioScope(request);
  return json({
    range,
    today,
    rangeError,
    rows: stores.map((row) => ({
      store: { domain: row.store.domain, name: row.store.name, currencyCode: row.store.currencyCode },
      role: ROLE_LABELS[row.role],
      link: analyticsLink(row.store, ctx.session.shop, range),
      figures: row.figures,
      playbooks: row.playbooks,
    })),
  });
};

export default function Portfolio() {
  const { range, today, rangeError, rows } = useLoaderData<typeof loader>();
  return (
    <Page
      title="Portfolio"
      subtitle="Your stores side by side: what each earns from its discounts, and what each playbook brought there."
      backAction={{ content: "Playbooks", url: "/app/playbooks" }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <RangeBar
              range={range}
              today={today}
              rangeError={rangeError}
              actions={<ExportCsvButton href={`/app/portfolio/export?${rangeQuery(range)}`} id="portfolio" />}
            />
            <Card padding="0">
              <PortfolioTable rows={rows} />
            </Card>
            <Text as="p" tone="subdued" variant="bodySm">
              Each store counts the same calendar days in its own time zone, in its own currency. Incremental profit adds up the campaigns with a holdout that
              ran in the period, measured so far against their held-out recipients. Only stores where your role may read analytics now are listed; a store whose
              Owner removed your access disappears at once.
            </Text>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
