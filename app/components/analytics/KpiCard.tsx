import type { ReactNode } from "react";
import { BlockStack, Card, Text } from "@shopify/polaris";

/** One key figure: what it is, its value, and a line that says what it counts. */
export function KpiCard({ title, value, help, children }: { title: string; value: string; help?: ReactNode; children?: ReactNode }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm" tone="subdued">
          {title}
        </Text>
        <Text as="p" variant="headingXl" numeric>
          {value}
        </Text>
        {help && (
          <Text as="p" variant="bodySm" tone="subdued">
            {help}
          </Text>
        )}
        {children}
      </BlockStack>
    </Card>
  );
}
