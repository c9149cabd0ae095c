// The store's discounts in a table: the ungoverned ones with Adopt / Deactivate, the adopted ones
// with their owner, purpose and channel.
import { Badge, IndexTable, InlineStack, Text } from "@shopify/polaris";
import { PermissionButton } from "~/components/governance";
import { formatDateTime } from "~/lib/format";
import { codesLabel, typeLabel, type DiscountRow } from "./types";

const STATUS_TONE: Record<string, "success" | "info" | undefined> = { ACTIVE: "success", SCHEDULED: "info" };

export function DiscountTable({
  discounts,
  adopted,
  timeZone,
  manage,
  channelLabel,
  onAdopt,
  onDeactivate,
}: {
  discounts: DiscountRow[];
  adopted: boolean;
  timeZone: string;
  manage: { allowed: boolean; reason: string | null };
  channelLabel: (value: string | null) => string;
  onAdopt: (discount: DiscountRow) => void;
  onDeactivate: (discount: DiscountRow) => void;
}) {
  const headings = adopted
    ? [
        { title: "Discount" },
        { title: "Owner" },
        { title: "Purpose" },
        { title: "Channel" },
        { title: "Status" },
        { title: "Codes" },
        { title: "Ends" },
        { title: "" },
      ]
    : [
        { title: "Discount" },
        { title: "Type" },
        { title: "Status" },
        { title: "Codes" },
        { title: "Starts" },
        { title: "Ends" },
        { title: "Used", alignment: "end" as const },
        { title: "" },
      ];
  return (
    <IndexTable resourceName={{ singular: "discount", plural: "discounts" }} itemCount={discounts.length} selectable={false} headings={headings as never}>
      {discounts.map((discount, index) => {
        const ended = discount.status === "EXPIRED";
        const status = <Badge tone={STATUS_TONE[discount.status]}>{ended && discount.endsAt ? "expired" : discount.status.toLowerCase()}</Badge>;
        const actions = (
          <InlineStack gap="200" wrap={false}>
            {!adopted && (
              <PermissionButton {...manage} size="slim" onClick={() => onAdopt(discount)}>
                Adopt
              </PermissionButton>
            )}
            {!ended && (
              <PermissionButton {...manage} size="slim" tone="critical" onClick={() => onDeactivate(discount)}>
                Deactivate
              </PermissionButton>
            )}
          </InlineStack>
        );
        return (
          <IndexTable.Row id={String(discount.id)} key={discount.id} position={index}>
            <IndexTable.Cell>
              <Text as="span" fontWeight="semibold">
                {discount.title}
              </Text>
              {discount.summary && (
                <Text as="p" tone="subdued" variant="bodySm">
                  {discount.summary}
                </Text>
              )}
              {adopted && (
                <Text as="p" tone="subdued" variant="bodySm">
                  {typeLabel(discount)}
                </Text>
              )}
            </IndexTable.Cell>
            {adopted ? (
              <>
                <IndexTable.Cell>{discount.ownerName ?? "—"}</IndexTable.Cell>
                <IndexTable.Cell>{discount.purpose}</IndexTable.Cell>
                <IndexTable.Cell>{channelLabel(discount.channel)}</IndexTable.Cell>
                <IndexTable.Cell>{status}</IndexTable.Cell>
                <IndexTable.Cell>{codesLabel(discount)}</IndexTable.Cell>
                <IndexTable.Cell>{formatDateTime(discount.endsAt, timeZone)}</IndexTable.Cell>
              </>
            ) : (
              <>
                <IndexTable.Cell>{typeLabel(discount)}</IndexTable.Cell>
                <IndexTable.Cell>{status}</IndexTable.Cell>
                <IndexTable.Cell>{codesLabel(discount)}</IndexTable.Cell>
                <IndexTable.Cell>{formatDateTime(discount.startsAt, timeZone)}</IndexTable.Cell>
                <IndexTable.Cell>{formatDateTime(discount.endsAt, timeZone)}</IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" alignment="end" numeric>
                    {discount.usageLimit ? `${discount.usageCount} of ${discount.usageLimit}` : discount.usageCount}
                  </Text>
                </IndexTable.Cell>
              </>
            )}
            <IndexTable.Cell>{actions}</IndexTable.Cell>
          </IndexTable.Row>
        );
      })}
    </IndexTable>
  );
}
