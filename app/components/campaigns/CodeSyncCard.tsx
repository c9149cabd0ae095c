// The code sync's progress on a campaign page (Polaris ProgressBar and the failures list) and
// its one-line state in the campaigns list. The figures come from getCodeSyncStatus.
import { BlockStack, Card, InlineStack, List, ProgressBar, Text } from "@shopify/polaris";
import { formatCount } from "~/lib/format";

export interface SyncView {
  total: number;
  synced: number;
  pending: number;
  failed: number;
  failures: { code: string; message: string }[];
  running: boolean;
}

function percent(sync: SyncView): number {
  return sync.total === 0 ? 0 : Math.round(((sync.synced + sync.failed) / sync.total) * 100);
}

export function SyncStateText({ sync }: { sync: SyncView }) {
  if (sync.total === 0)
    return (
      <Text as="span" tone="subdued">
        {sync.running ? "Starting" : "Not started"}
      </Text>
    );
  if (sync.pending > 0) return <Text as="span">{`Syncing ${percent(sync)}%`}</Text>;
  if (sync.failed > 0) return <Text as="span" tone="critical">{`${formatCount(sync.failed)} failed`}</Text>;
  return (
    <Text as="span" tone="success">
      In sync
    </Text>
  );
}

export function CodeSyncCard({ sync, published }: { sync: SyncView; published: boolean }) {
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between">
          <Text as="h2" variant="headingMd">
            Codes on Shopify
          </Text>
          <SyncStateText sync={sync} />
        </InlineStack>
        {sync.total === 0 ? (
          <Text as="p" tone="subdued">
            {published
              ? "The codes are queued for Shopify; progress shows here as they are sent."
              : "Codes are sent to Shopify once the campaign is published."}
          </Text>
        ) : (
          <>
            <ProgressBar progress={percent(sync)} tone={sync.failed > 0 ? "critical" : "primary"} size="small" />
            <Text as="p">
              {`${formatCount(sync.synced)} of ${formatCount(sync.total)} codes on Shopify`}
              {sync.pending > 0 ? `, ${formatCount(sync.pending)} waiting` : ""}
              {sync.failed > 0 ? `, ${formatCount(sync.failed)} refused` : ""}.
            </Text>
          </>
        )}
        {sync.failures.length > 0 && (
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              Codes Shopify refused
            </Text>
            <List>
              {sync.failures.map((failure) => (
                <List.Item key={failure.code}>{`${failure.code}: ${failure.message}`}</List.Item>
              ))}
            </List>
            {sync.failed > sync.failures.length && <Text as="p" tone="subdued">{`And ${formatCount(sync.failed - sync.failures.length)} more.`}</Text>}
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}
