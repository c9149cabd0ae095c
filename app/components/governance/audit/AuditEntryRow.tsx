// One audit entry: when (shop time), who, what in words, which entity (linked to its page), and
// each changed field as before → after.
import { Link as RemixLink } from "@remix-run/react";
import { BlockStack, IndexTable, InlineStack, Text } from "@shopify/polaris";

export interface AuditRow {
  id: number;
  time: string;
  actorName: string;
  system: boolean;
  action: string;
  actionWords: string;
  entityType: string;
  entityId: string;
  entityLabel: string;
  entityPath: string | null;
  changes: { field: string; before: string; after: string }[];
  reason: string | null;
}

export function AuditEntryRow({ row, position }: { row: AuditRow; position: number }) {
  const entityName = row.entityLabel || `${row.entityType} ${row.entityId}`;
  return (
    <IndexTable.Row id={String(row.id)} position={position}>
      <IndexTable.Cell>
        <Text as="span" numeric>
          {row.time}
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Text as="span" tone={row.system ? "subdued" : undefined}>
          {row.actorName}
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <BlockStack>
          <Text as="span" fontWeight="semibold">
            {row.actionWords}
          </Text>
          <Text as="span" tone="subdued" variant="bodySm">
            {row.action}
          </Text>
        </BlockStack>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <BlockStack>
          {row.entityPath ? <RemixLink to={row.entityPath}>{entityName}</RemixLink> : <Text as="span">{entityName}</Text>}
          <Text as="span" tone="subdued" variant="bodySm">
            {row.entityType} #{row.entityId}
          </Text>
        </BlockStack>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <BlockStack gap="050">
          {row.changes.length === 0 && (
            <Text as="span" tone="subdued">
              No field changed
            </Text>
          )}
          {row.changes.map((change) => (
            <InlineStack key={change.field} gap="100" wrap>
              <Text as="span" fontWeight="medium">
                {change.field}:
              </Text>
              <Text as="span" tone="subdued">
                <s>{change.before}</s>
              </Text>
              <Text as="span">→ {change.after}</Text>
            </InlineStack>
          ))}
          {row.reason && (
            <Text as="span" tone="caution">
              Reason: {row.reason}
            </Text>
          )}
        </BlockStack>
      </IndexTable.Cell>
    </IndexTable.Row>
  );
}
