// A campaign's headline for its settings page (app/routes/app.campaigns.$id.tsx): influenced
// revenue over the last 30 days, how many redemptions, how much leaked, and the way to the rest.
import { BlockStack, Card, InlineGrid, InlineStack, Link, Text } from "@shopify/polaris";
import type { CampaignHeadlineData } from "~/features/analytics/analytics-data.server";
import { formatDay } from "~/domain/analytics/date-range";
import { formatCount, formatMoney, formatShare } from "~/lib/format";

export function CampaignHeadline({ headline }: { headline: CampaignHeadlineData }) {
  const { campaignId, range, currency, influencedRevenue, redemptions, leaked } = headline;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Performance
          </Text>
          <Text as="span" tone="subdued" variant="bodySm">
            {`${formatDay(range.from)} – ${formatDay(range.to)}`}
          </Text>
        </InlineStack>
        <InlineGrid columns={3} gap="400">
          <BlockStack gap="100">
            <Text as="p" variant="bodySm" tone="subdued">
              Influenced revenue
            </Text>
            <Text as="p" variant="headingLg" numeric>
              {formatMoney(influencedRevenue, currency)}
            </Text>
          </BlockStack>
          <BlockStack gap="100">
            <Text as="p" variant="bodySm" tone="subdued">
              Redemptions
            </Text>
            <Text as="p" variant="headingLg" numeric>
              {formatCount(redemptions)}
            </Text>
          </BlockStack>
          <BlockStack gap="100">
            <Text as="p" variant="bodySm" tone="subdued">
              Leaked share
            </Text>
            <Text as="p" variant="headingLg" numeric>
              {formatShare(leaked, redemptions)}
            </Text>
          </BlockStack>
        </InlineGrid>
        <Link url={`/app/analytics/campaigns/${campaignId}?from=${range.from}&to=${range.to}`}>View campaign analytics</Link>
      </BlockStack>
    </Card>
  );
}
