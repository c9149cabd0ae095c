// The headline of one campaign or code: influenced revenue first, then the figures around it.
import { BlockStack, Box, Card, InlineGrid, Text } from "@shopify/polaris";
import type { AovLift, Figures } from "~/domain/analytics/types";
import { formatCount, formatLift, formatMoney, formatShare } from "~/lib/format";
import { profitText } from "~/components/analytics/figures-text";

function Figure({ label, value, help }: { label: string; value: string; help?: string }) {
  return (
    <BlockStack gap="100">
      <Text as="p" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <Text as="p" variant="headingMd" numeric>
        {value}
      </Text>
      {help && (
        <Text as="p" variant="bodySm" tone="subdued">
          {help}
        </Text>
      )}
    </BlockStack>
  );
}

export function FiguresSummary({ figures, aov, currency }: { figures: Figures; aov: AovLift; currency: string }) {
  return (
    <Card>
      <InlineGrid columns={{ xs: 1, md: "1fr 2fr" }} gap="600">
        <Box>
          <BlockStack gap="200">
            <Text as="h2" variant="headingSm" tone="subdued">
              Influenced revenue
            </Text>
            <Text as="p" variant="heading2xl" numeric>
              {formatMoney(figures.influencedRevenue, currency)}
            </Text>
            <Text as="p" tone="subdued">
              {formatCount(figures.influenced)} of {formatCount(figures.redemptions)} redemptions reached the person the code was meant for, or came through the
              campaign&apos;s link.
            </Text>
          </BlockStack>
        </Box>
        <InlineGrid columns={{ xs: 2, sm: 4 }} gap="400">
          <Figure label="Redemptions" value={formatCount(figures.redemptions)} help={`${formatCount(figures.orders)} orders`} />
          <Figure
            label="Leaked share"
            value={formatShare(figures.leaked, figures.redemptions)}
            help={`${formatCount(figures.leaked)} leaked, ${formatCount(figures.applied)} applied`}
          />
          <Figure label="Net revenue" value={formatMoney(figures.netRevenue, currency)} help={`${formatMoney(figures.grossRevenue, currency)} gross`} />
          <Figure label="Discount given" value={formatMoney(figures.discountGiven, currency)} />
          <Figure
            label="Gross profit"
            value={figures.grossProfit === null ? "—" : formatMoney(figures.grossProfit, currency)}
            help={figures.grossProfit === null ? profitText(figures, currency) : undefined}
          />
          <Figure
            label="AOV with code"
            value={formatMoney(aov.withCode, currency)}
            help={
              aov.withoutCode === null ? "No orders without a code to compare" : `${formatLift(aov.lift)} vs ${formatMoney(aov.withoutCode, currency)} without`
            }
          />
          <Figure label="New customers" value={formatCount(figures.newCustomers)} />
          <Figure label="Returning customers" value={formatCount(figures.returningCustomers)} />
        </InlineGrid>
      </InlineGrid>
    </Card>
  );
}
