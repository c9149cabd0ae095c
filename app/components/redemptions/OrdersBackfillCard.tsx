import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import type { OrdersBackfillProgress } from "~/domain/redemptions/backfill.server";
import { formatCount, formatDateTime } from "~/lib/format";

/** The form field a route's action reads to start a backfill on demand. */
export const START_ORDERS_BACKFILL_INTENT = "start-orders-backfill";

interface Props {
  progress: OrdersBackfillProgress | null;
  timeZone: string;
}

/** Where the import of past orders with discount codes stands, and a button to run it again. */
export function OrdersBackfillCard({ progress, timeZone }: Props) {
  const running = progress?.status === "running";
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Past orders with discount codes
        </Text>
        <Text as="p">
          {progress === null
            ? "PromoGuard has not imported past orders yet."
            : `${formatCount(progress.ordersImported)} orders since ${formatDateTime(progress.since, timeZone, "Never")} imported; ` +
              (running ? "the import is running." : `finished ${formatDateTime(progress.finishedAt, timeZone, "Never")}.`)}
        </Text>
        {progress?.lastError ? (
          <Banner tone={progress.status === "failed" ? "critical" : "warning"}>
            {progress.status === "failed" ? "The import stopped: " : "The import will retry: "}
            {progress.lastError}
          </Banner>
        ) : null}
        <InlineStack>
          <Form method="post">
            <input type="hidden" name="intent" value={START_ORDERS_BACKFILL_INTENT} />
            <Button submit disabled={running}>
              Import the last 60 days again
            </Button>
          </Form>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
