// A stock-aware campaign's page lists what stock changes right now: items of its scope it leaves
// out for low stock, and items that get the deeper overstock percentage.
import { BlockStack, Card, List, Text } from "@shopify/polaris";
import type { StockListedItem, StockView } from "~/domain/campaigns/stock.server";
import { formatCount, formatDateTime } from "~/lib/format";

function ItemList({ items, more, empty }: { items: StockListedItem[]; more: boolean; empty: string }) {
  if (items.length === 0)
    return (
      <Text as="p" tone="subdued">
        {empty}
      </Text>
    );
  return (
    <BlockStack gap="100">
      <List>
        {items.map((item) => (
          <List.Item
            key={`${item.title}:${item.sku ?? ""}`}
          >{`${item.title}${item.sku ? ` (${item.sku})` : ""}: ${formatCount(item.inStock)} in stock`}</List.Item>
        ))}
      </List>
      {more && (
        <Text as="p" tone="subdued">
          And more: the first 50 are shown.
        </Text>
      )}
    </BlockStack>
  );
}

export function StockCard({ stock, timeZone }: { stock: StockView | "unavailable"; timeZone: string }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Stock
        </Text>
        {stock === "unavailable" ? (
          <Text as="p" tone="caution">
            Shopify didn&apos;t answer just now, so the items stock affects can&apos;t be listed. Reload the page to try again.
          </Text>
        ) : (
          <>
            {stock.minimumStock !== null && (
              <BlockStack gap="100">
                <Text as="h3" variant="headingSm">{`Not discounted now: fewer than ${formatCount(stock.minimumStock)} in stock`}</Text>
                <ItemList items={stock.excluded} more={stock.more.excluded} empty="Every item this campaign covers has enough in stock." />
              </BlockStack>
            )}
            {stock.overstock !== null && (
              <BlockStack gap="100">
                <Text as="h3" variant="headingSm">{`${stock.overstock.percentage}% off now: more than ${formatCount(stock.overstock.above)} in stock`}</Text>
                <ItemList items={stock.deepened} more={stock.more.deepened} empty="No item this campaign covers has that much in stock." />
              </BlockStack>
            )}
            <Text as="p" tone="subdued">
              {stock.updatedAt
                ? `Stock follows Shopify's inventory as it changes, and is checked in full once a day (last change ${formatDateTime(stock.updatedAt, timeZone)}).`
                : "PromoGuard is reading the store's stock; until it has, every item this campaign covers is discounted."}
            </Text>
          </>
        )}
      </BlockStack>
    </Card>
  );
}
