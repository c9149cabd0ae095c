import { Badge, BlockStack, InlineStack, Text } from "@shopify/polaris";
import type { CouponUsage } from "~/domain/redemptions/summary.server";
import { formatDateTime } from "~/lib/format";

interface Props {
  /** The coupon's entry from getCouponUsage; undefined when it was never redeemed. */
  usage: CouponUsage | undefined;
  timeZone: string;
}

/** Used or unused, for a row of the pool's Assigned History; a leak shows both identities. */
export function CouponUsageBadge({ usage, timeZone }: Props) {
  if (!usage) return <Badge>Unused</Badge>;
  const usedBy = usage.usedByEmail ?? usage.usedByCustomerId ?? "an unknown buyer";
  return (
    <BlockStack gap="100">
      <InlineStack gap="100">
        <Badge tone="success">{usage.timesUsed > 1 ? `Used ${usage.timesUsed}×` : "Used"}</Badge>
        {usage.leaked ? <Badge tone="critical">Leaked</Badge> : null}
      </InlineStack>
      <Text as="span" tone="subdued" variant="bodySm">
        {usage.orderName} · {formatDateTime(usage.redeemedAt, timeZone, "Never")}
      </Text>
      {usage.leaked ? (
        <Text as="span" tone="critical" variant="bodySm">
          Assigned to {usage.assignedEmail ?? "—"}, used by {usedBy}
        </Text>
      ) : null}
    </BlockStack>
  );
}
