import { getJwt } from "@shopify/shopify-api/test-helpers";
import { Session } from "@shopify/shopify-api";
import { DEMO_SHOP } from "./catalogue";

export const DEMO_API_KEY = "promoguard-demo";
const TOKEN_LIFETIME_SECONDS = 3600;

/** A session token for the demo store's owner, signed like Shopify signs them. */
export async function demoSessionToken(apiSecret: string) {
  const now = Math.floor(Date.now() / 1000);
  const { token } = await getJwt(DEMO_SHOP.domain.replace(".myshopify.com", ""), DEMO_API_KEY, apiSecret, {
    exp: now + TOKEN_LIFETIME_SECONDS,
    nbf: now - 5,
    iat: now,
  });
  return { token, expiresAt: (now + TOKEN_LIFETIME_SECONDS) * 1000 };
}

/** The offline session Shopify would have created when the owner installed the app. */
export function demoOfflineSession(scopes: readonly string[]) {
  return new Session({
    id: `offline_${DEMO_SHOP.domain}`,
    shop: DEMO_SHOP.domain,
    state: "installed",
    isOnline: false,
    scope: scopes.join(","),
    accessToken: "shpat_promoguard_demo",
  });
}

/** The embedded URL the Shopify admin would open for the demo store. */
export async function embeddedAppUrl(origin: string, path: string, apiSecret: string) {
  const url = new URL(path, origin);
  url.searchParams.set("embedded", "1");
  url.searchParams.set("shop", DEMO_SHOP.domain);
  url.searchParams.set("host", Buffer.from(`admin.shopify.com/store/${DEMO_SHOP.domain.split(".")[0]}`).toString("base64"));
  url.searchParams.set("id_token", (await demoSessionToken(apiSecret)).token);
  return url.toString();
}
