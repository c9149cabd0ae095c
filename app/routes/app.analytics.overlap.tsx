// Overlap and cannibalisation: customers who used several codes and the discount they really got,
// live campaigns on the same products at the same time, and codes given to customers who had
// just bought at full price. Each table downloads as CSV (?export=customers|campaigns|cannibalised),
// fetched as this route's data request (&_data=routes/app.analytics.overlap) so the loader's
// Response reaches the browser as it is; a browser navigating to ?export gets the page.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Button, Card, DataTable, InlineStack, Layout, Link, Page, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { OverlapReport } from "~/domain/analytics/overlap.server";
import { ExportCsvButton } from "~/components/analytics/ExportCsvButton";
import { formatDateTime, formatMoney, formatShare } from "~/lib/format";
import { overlapPage } from "~/features/analytics/overlap-page.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const answer = await overlapPage(request);
  return "file" in answer ? answer.file : json(answer.page);
};

/** The loader's JSON answer (every field of OverlapReport is already JSON: strings, numbers, null). */
interface PageData {
  report: OverlapReport;
  errors: string[];
  /** Shopify didn't answer for product and collection names. */
  namesMissing: boolean;
  currency: string;
  timeZone: string;
}

const pageQuery = (report: OverlapReport, showAll = report.campaigns.showAll) =>
  `window=${report.windowDays}&fullPriceDays=${report.fullPriceDays}${showAll ? "&stacking=all" : ""}`;

function ExportLink({ table, report }: { table: string; report: OverlapReport }) {
  const href = `/app/analytics/overlap?${pageQuery(report)}&export=${table}&_data=${encodeURIComponent("routes/app.analytics.overlap")}`;
  return <ExportCsvButton id={`overlap-${table}`} href={href} />;
}

function CampaignName({ campaign }: { campaign: OverlapReport["campaigns"]["groups"][number]["pairs"][number]["first"] }) {
  return (
    <>
      <Link url={`/app/campaigns/${campaign.id}`} removeUnderline>
        {campaign.name}
      </Link>{" "}
      <Text as="span" tone="subdued">
        ({campaign.offer})
      </Text>
    </>
  );
}

/** One product, collection… and the pairs of live offers that meet on it. */
function OverlapGroupCard({ group, timeZone }: { group: OverlapReport["campaigns"]["groups"][number]; timeZone: string }) {
  return (
    <Box borderColor="border" borderWidth="025" borderRadius="200" padding="300">
      <BlockStack gap="300">
        <Text as="h3" variant="headingSm" breakWord>
          {group.scope}
        </Text>
        {group.pairs.map((pair) => (
          <BlockStack key={`${pair.first.id}-${pair.second.id}`} gap="100">
            <Text as="p" breakWord>
              <CampaignName campaign={pair.first} /> + <CampaignName campaign={pair.second} />
            </Text>
            <InlineStack gap="200" blockAlign="center">
              <Text as="p" fontWeight="semibold">
                {`Up to ${pair.combinedPercent}% off one item when both apply`}
                {pair.uncounted.length > 0 ? `, plus ${pair.uncounted.join(" and ")}` : ""}
              </Text>
              {!pair.certain && <Badge tone="info">May overlap: depends on which products they share</Badge>}
              {!pair.canStack && <Badge>Can't stack</Badge>}
            </InlineStack>
            <Text as="p" tone="subdued" breakWord>
              {`Both run ${formatDateTime(pair.from, timeZone)} – ${pair.until ? formatDateTime(pair.until, timeZone) : "no end"}`}
              {pair.whyApart ? `. ${pair.whyApart}.` : ""}
            </Text>
          </BlockStack>
        ))}
      </BlockStack>
    </Box>
  );
}

export default function OverlapPage() {
  // The loader also answers CSV downloads, so its type is a union: the page reads the JSON shape.
  const { report, errors, namesMissing, currency, timeZone } = useLoaderData() as PageData;
  const [windowDays, setWindowDays] = useState(String(report.windowDays));
  const [fullPriceDays, setFullPriceDays] = useState(String(report.fullPriceDays));
  const { cannibalisation } = report;
  return (
    <Page
      title="Overlap and cannibalisation"
      subtitle={`${formatDateTime(report.from, timeZone)} to ${formatDateTime(report.to, timeZone)}`}
      backAction={{ content: "Analytics", url: "/app/analytics" }}
    >
      <Layout>
        {namesMissing && (
          <Layout.Section>
            <Banner tone="warning">
              Shopify didn't answer when PromoGuard asked for your product and collection names, so some are missing below. Reload the page to try again.
            </Banner>
          </Layout.Section>
        )}
        {errors.length > 0 && (
          <Layout.Section>
            <Banner tone="warning">{errors.join(" ")}</Banner>
          </Layout.Section>
        )}
        <Layout.Section>
          <Card>
            <Form method="get">
              <InlineStack gap="400" blockAlign="end">
                <TextField
                  label="Window (days)"
                  name="window"
                  type="number"
                  autoComplete="off"
                  value={windowDays}
                  onChange={setWindowDays}
                  helpText="Redemptions of the last N days."
                />
                <TextField
                  label="Full-price look-back (days)"
                  name="fullPriceDays"
                  type="number"
                  autoComplete="off"
                  value={fullPriceDays}
                  onChange={setFullPriceDays}
                  helpText="A full-price order this many days before a code marks it as likely unneeded."
                />
                <Button submit>Update</Button>
              </InlineStack>
            </Form>
          </Card>
        </Layout.Section>

        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <InlineStack align="space-between">
                <Text as="h2" variant="headingMd">
                  Customers who used more than one code
                </Text>
                <ExportLink table="customers" report={report} />
              </InlineStack>
              <Text as="p" tone="subdued">
                Effective discount: what the codes took off ÷ what the orders would have cost without any discount.
              </Text>
              {report.multiCode.length === 0 ? (
                <Text as="p">No customer used more than one code in this window.</Text>
              ) : (
                <DataTable
                  columnContentTypes={["text", "text", "numeric", "numeric", "numeric", "numeric"]}
                  headings={["Customer", "Codes, in order", "Orders", "Code discount", "Gross order value", "Effective discount"]}
                  rows={report.multiCode.map((row) => [
                    row.customer,
                    row.codes.map((use) => `${use.code} (${formatDateTime(use.processedAt, timeZone)})`).join(" → "),
                    row.orders,
                    formatMoney(row.codeDiscount, currency),
                    formatMoney(row.grossValue, currency),
                    row.effectivePercent === null ? "—" : `${row.effectivePercent}%`,
                  ])}
                />
              )}
            </BlockStack>
          </Card>
        </Layout.Section>

        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <InlineStack align="space-between" gap="200">
                <Text as="h2" variant="headingMd">
                  Live offers that can stack
                </Text>
                <ExportLink table="campaigns" report={report} />
              </InlineStack>
              <Text as="p" tone="subdued">
                {report.campaigns.showAll
                  ? "Every pair of live campaigns that reach the same products at the same time, grouped by what they share."
                  : "Pairs of live campaigns Shopify would apply to the same order, grouped by the products they share, with how deep one item's discount goes when both apply."}
              </Text>
              <InlineStack gap="200" blockAlign="center">
                {report.campaigns.showAll ? (
                  <Button url={`/app/analytics/overlap?${pageQuery(report, false)}`}>Show only offers that can stack</Button>
                ) : (
                  report.campaigns.apart > 0 && (
                    <Button
                      url={`/app/analytics/overlap?${pageQuery(report, true)}`}
                    >{`Also show ${report.campaigns.apart} ${report.campaigns.apart === 1 ? "pair" : "pairs"} that can't stack`}</Button>
                  )
                )}
              </InlineStack>
              {report.campaigns.groups.length === 0 ? (
                <Text as="p">
                  {report.campaigns.showAll
                    ? "No live campaigns reach the same products at the same time."
                    : "None of your live offers can stack with each other."}
                </Text>
              ) : (
                report.campaigns.groups.map((group) => <OverlapGroupCard key={group.scope} group={group} timeZone={timeZone} />)
              )}
            </BlockStack>
          </Card>
        </Layout.Section>

        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <InlineStack align="space-between">
                <Text as="h2" variant="headingMd">
                  Codes for customers who had just paid full price
                </Text>
                <ExportLink table="cannibalised" report={report} />
              </InlineStack>
              <Text as="p">
                {cannibalisation.cannibalised} of {cannibalisation.redemptions} redemptions (
                {formatShare(cannibalisation.cannibalised, cannibalisation.redemptions)}) went to customers with a full-price order in the{" "}
                {report.fullPriceDays} days before: {formatMoney(cannibalisation.discount, currency)} of discounts they would likely have done without.
              </Text>
              {cannibalisation.rows.length > 0 && (
                <DataTable
                  columnContentTypes={["text", "text", "text", "text", "numeric", "text", "numeric"]}
                  headings={["Order", "Date", "Code", "Customer", "Code discount", "Full-price order", "Its total"]}
                  rows={cannibalisation.rows.map((row) => [
                    row.orderName,
                    formatDateTime(row.processedAt, timeZone),
                    row.code,
                    row.customer,
                    formatMoney(row.codeDiscount, currency),
                    formatDateTime(row.fullPriceOrderAt, timeZone),
                    formatMoney(row.fullPriceOrderTotal, currency),
                  ])}
                />
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
