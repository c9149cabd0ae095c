import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import type { CampaignRedemptionSummary } from "~/domain/redemptions/summary.server";
import { formatCount, formatDateTime, formatMoney } from "~/lib/format";

interface Props {
  summary: CampaignRedemptionSummary;
  /** The shop's IANA time zone, so the date reads as the merchant's. */
  timeZone: string;
}

/** The campaign page's redemptions: how often its codes were used, for how much, and leaks. */
export function RedemptionSummaryCard({ summary, timeZone }: Props) {
  const figures = [
    { label: "Redemptions", value: formatCount(summary.redemptions) },
    { label: "Revenue", value: formatMoney(summary.revenue, summary.currency) },
    { label: "Discount given", value: formatMoney(summary.discountGiven, summary.currency) },
    { label: "Last redeemed", value: formatDateTime(summary.lastRedeemedAt, timeZone, "Never") },
    { label: "Leaked codes", value: formatCount(summary.leaked) },
  ];
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Redemptions
        </Text>
        <InlineGrid columns={{ xs: 2, md: 5 }} gap="400">
          {figures.map((figure) => (
            <BlockStack key={figure.label} gap="100">
              <Text as="span" tone="subdued">
                {figure.label}
              </Text>
              <Text as="span" variant="headingLg" tone={figure.label === "Leaked codes" && summary.leaked > 0 ? "critical" : undefined}>
                {figure.value}
              </Text>
            </BlockStack>
          ))}
        </InlineGrid>
      </BlockStack>
    </Card>
  );
}
