import { getJwt } from "@shopify/shopify-api/test-helpers";
import { Session } from "@shopify/shopify-api";
import { DEMO_OWNER, DEMO_SHOP, DEMO_STAFF } from "./catalogue";

export const DEMO_API_KEY = "promoguard-demo";
/** The demo installation's offline token: the emulator hands it out at token exchange. */
export const DEMO_OFFLINE_TOKEN = "shpat_promoguard_demo";
/** The cookie the App Bridge stand-in's "switch" control sets to pick the signed-in demo user. */
export const DEMO_USER_COOKIE = "promoguard_demo_user";
const TOKEN_LIFETIME_SECONDS = 3600;

/** The demo staff member a user id names; the owner when it names nobody. */
export function demoUser(userId: string | number | null | undefined) {
  return DEMO_STAFF.find((user) => String(user.id) === String(userId)) ?? DEMO_OWNER;
}

/** The demo user picked in the browser (the stand-in's cookie), or the owner. */
export function demoUserFromCookie(cookieHeader: string | undefined) {
  const match = new RegExp(`(?:^|;\\s*)${DEMO_USER_COOKIE}=(\\d+)`).exec(cookieHeader ?? "");
  return demoUser(match?.[1]);
}

/** A session token for a demo staff member (the owner by default), signed like Shopify signs them. */
export async function demoSessionToken(apiSecret: string, userId: number = DEMO_OWNER.id) {
  const now = Math.floor(Date.now() / 1000);
  const { token } = await getJwt(DEMO_SHOP.domain.replace(".myshopify.com", ""), DEMO_API_KEY, apiSecret, {
    sub: String(userId),
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
    accessToken: DEMO_OFFLINE_TOKEN,
  });
}

/** The embedded URL the Shopify admin would open for the demo store, signed in as that user. */
export async function embeddedAppUrl(origin: string, path: string, apiSecret: string, userId: number = DEMO_OWNER.id) {
  const url = new URL(path, origin);
  url.searchParams.set("embedded", "1");
  url.searchParams.set("shop", DEMO_SHOP.domain);
  url.searchParams.set("host", Buffer.from(`admin.shopify.com/store/${DEMO_SHOP.domain.split(".")[0]}`).toString("base64"));
  url.searchParams.set("id_token", (await demoSessionToken(apiSecret, userId)).token);
  return url.toString();
}
