import { BlockStack, Banner, Link, Text } from "@shopify/polaris";
import { formatDateTime } from "~/lib/format";
import { ALERT_TITLES, ALERT_TONES } from "~/components/pools/pool-text";
import type { AlertData } from "./types";

/** Open availability alerts, most serious first; `linkToPool` names the pool (dashboard). */
export function PoolAlertBanners({ alerts, timeZone, linkToPool = false }: { alerts: AlertData[]; timeZone: string; linkToPool?: boolean }) {
  if (alerts.length === 0) return null;
  const ordered = [...alerts].sort((a, b) => Number(b.kind === "EMPTY") - Number(a.kind === "EMPTY"));
  return (
    <BlockStack gap="200">
      {ordered.map((alert) => (
        <Banner key={alert.id} tone={ALERT_TONES[alert.kind]} title={linkToPool ? `${alert.poolName}: ${ALERT_TITLES[alert.kind]}` : ALERT_TITLES[alert.kind]}>
          <BlockStack gap="100">
            <Text as="p">{alert.detail}</Text>
            <Text as="p" tone="subdued">
              Alert raised {formatDateTime(alert.firedAt, timeZone)}.{" "}
              {linkToPool ? <Link url={`/app/pools/${alert.poolId}`}>Open the pool</Link> : "Import more codes to clear it."}
            </Text>
          </BlockStack>
        </Banner>
      ))}
    </BlockStack>
  );
}
