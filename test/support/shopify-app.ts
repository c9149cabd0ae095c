import { Session } from "@shopify/shopify-api";
import {
  API_KEY,
  API_SECRET_KEY,
  RequestType,
  setUpValidRequest,
} from "@shopify/shopify-api/test-helpers";
import prisma from "~/db.server";
import { recordInstall } from "~/domain/shops.server";
import { sessionStorage } from "~/shopify.server";
import { APP_SCOPES } from "~/shopify/config";

export const TEST_SHOP = "test-shop.myshopify.com";
export const OTHER_SHOP = "other-shop.myshopify.com";
export const APP_ORIGIN = "https://promoguard.test";

/** A shop that has installed the app: its offline session and its Shop row exist. */
export async function installShop(shop: string = TEST_SHOP) {
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${shop}`,
      shop,
      state: "installed",
      isOnline: false,
      scope: APP_SCOPES.join(","),
      accessToken: `shpat_test_${shop}`,
    }),
  );
  await recordInstall(prisma, shop, { name: shop.split(".")[0], currencyCode: "USD", ianaTimezone: "America/New_York" });
}

/** A request as the Shopify admin makes it for an embedded page: a signed session token. */
export async function adminRequest(path: string, init: RequestInit = {}, shop: string = TEST_SHOP) {
  const store = shop.replace(".myshopify.com", "");
  const type = (init.method ?? "GET").toUpperCase() === "GET" ? RequestType.Admin : RequestType.Bearer;
  return setUpValidRequest({ type, store, apiKey: API_KEY, apiSecretKey: API_SECRET_KEY }, new Request(new URL(path, APP_ORIGIN), init));
}
