import type { ReactNode } from "react";
import { Banner, BlockStack, InlineStack, Text } from "@shopify/polaris";
import type { DateRange } from "~/domain/analytics/types";
import { DateRangePicker } from "./DateRangePicker";
import { formatDay } from "~/domain/analytics/date-range";

/** The period picker, the dates it covers, and why the URL's period was refused if it was. */
export function RangeBar({ range, today, rangeError, actions }: { range: DateRange; today: string; rangeError: string | null; actions?: ReactNode }) {
  return (
    <BlockStack gap="300">
      {rangeError && (
        <Banner tone="critical" title="That period can't be shown">
          <p>{`${rangeError} Showing ${formatDay(range.from)} – ${formatDay(range.to)} instead.`}</p>
        </Banner>
      )}
      <InlineStack gap="300" align="space-between" blockAlign="center">
        <InlineStack gap="300" blockAlign="center">
          <DateRangePicker range={range} today={today} />
          <Text as="span" tone="subdued">
            {`${formatDay(range.from)} – ${formatDay(range.to)}`}
          </Text>
        </InlineStack>
        {actions}
      </InlineStack>
    </BlockStack>
  );
}
