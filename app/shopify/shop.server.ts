import type { AdminApiContext } from "@shopify/shopify-app-remix/server";

const SHOP_DETAILS_QUERY = `#graphql
  query ShopDetails {
    shop {
      name
      currencyCode
      ianaTimezone
    }
  }
`;

export interface ShopDetails {
  name: string;
  currencyCode: string;
  ianaTimezone: string;
}

/** The shop facts PromoGuard needs everywhere: its name, currency and time zone. */
export async function fetchShopDetails(admin: AdminApiContext): Promise<ShopDetails> {
  const response = await admin.graphql(SHOP_DETAILS_QUERY);
  const { data } = await response.json();
  if (!data?.shop) throw new Error("Shopify returned no shop for ShopDetails");
  return data.shop;
}
