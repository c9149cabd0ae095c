import { Badge, IndexTable, InlineStack, Link, Text } from "@shopify/polaris";
import type { AlertKind } from "~/domain/pools/alerts.server";
import { formatCount } from "~/lib/format";
import { ALERT_TITLES, ALERT_TONES } from "~/components/pools/pool-text";

export interface PoolRowData {
  id: number;
  name: string;
  available: number;
  assigned: number;
  total: number;
  alerts: AlertKind[];
}

/** The Coupon Pools list: availability at a glance and any alert that is open. */
export function PoolsTable({ pools }: { pools: PoolRowData[] }) {
  return (
    <IndexTable
      resourceName={{ singular: "coupon pool", plural: "coupon pools" }}
      itemCount={pools.length}
      selectable={false}
      headings={[
        { title: "Pool" },
        { title: "Available", alignment: "end" },
        { title: "Assigned", alignment: "end" },
        { title: "Total", alignment: "end" },
        { title: "Alerts" },
      ]}
    >
      {pools.map((pool, index) => (
        <IndexTable.Row id={String(pool.id)} key={pool.id} position={index}>
          <IndexTable.Cell>
            <Link url={`/app/pools/${pool.id}`} removeUnderline dataPrimaryLink>
              <Text as="span" fontWeight="semibold">
                {pool.name}
              </Text>
            </Link>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" alignment="end" numeric>
              {formatCount(pool.available)}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" alignment="end" numeric>
              {formatCount(pool.assigned)}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" alignment="end" numeric>
              {formatCount(pool.total)}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            {pool.alerts.length > 0 ? null : pool.total === 0 ? (
              <Badge tone="attention">No codes yet: import some</Badge>
            ) : pool.available === 0 ? (
              <Badge tone={ALERT_TONES.EMPTY}>{ALERT_TITLES.EMPTY}</Badge>
            ) : (
              <Badge tone="success">In stock</Badge>
            )}
            {pool.alerts.length > 0 && (
              <InlineStack gap="100">
                {pool.alerts.map((kind) => (
                  <Badge key={kind} tone={ALERT_TONES[kind]}>
                    {ALERT_TITLES[kind]}
                  </Badge>
                ))}
              </InlineStack>
            )}
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
