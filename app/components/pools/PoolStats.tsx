import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import type { PoolCounts } from "~/domain/pools/pools.server";
import { formatCount } from "~/lib/format";

const FIGURES: { key: keyof PoolCounts; label: string; help: string }[] = [
  { key: "available", label: "Available", help: "Unassigned and ready to hand out" },
  { key: "assigned", label: "Assigned", help: "Handed out and not revoked" },
  { key: "expired", label: "Expired", help: "Past their Pool Expiration, never handed out" },
  { key: "total", label: "Total", help: "Every code in the pool" },
];

export function PoolStats({ counts }: { counts: PoolCounts }) {
  return (
    <Card>
      <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
        {FIGURES.map((figure) => (
          <BlockStack key={figure.key} gap="100">
            <Text as="h3" variant="headingSm" tone="subdued">
              {figure.label}
            </Text>
            <Text as="p" variant="headingLg" numeric>
              {formatCount(counts[figure.key])}
            </Text>
            <Text as="p" variant="bodySm" tone="subdued">
              {figure.help}
            </Text>
          </BlockStack>
        ))}
      </InlineGrid>
    </Card>
  );
}
