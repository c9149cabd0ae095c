import { getJwt } from "@shopify/shopify-api/test-helpers";
import { Session } from "@shopify/shopify-api";
import { DEMO_STORES, demoStore, type DemoStoreSpec } from "./catalogue";

export const DEMO_API_KEY = "promoguard-demo";
/** The cookie the App Bridge stand-in's "switch" control sets to pick the signed-in demo user. */
export const DEMO_USER_COOKIE = "promoguard_demo_user";
/** The cookie its store switch sets to pick the demo store the admin shows. */
export const DEMO_STORE_COOKIE = "promoguard_demo_store";
const TOKEN_LIFETIME_SECONDS = 3600;

/** The store's staff member a user id names; the store's owner when it names none of its staff. */
export function demoUser(userId: string | number | null | undefined, store: DemoStoreSpec = DEMO_STORES[0]) {
  return store.staff.find((user) => String(user.id) === String(userId)) ?? store.staff[0];
}

const cookie = (header: string | undefined, name: string) => new RegExp(`(?:^|;\\s*)${name}=([^;]+)`).exec(header ?? "")?.[1];

/** The demo store and user picked in the browser (the stand-in's cookies): the first store and its owner by default. */
export function demoSignInFromCookie(cookieHeader: string | undefined) {
  const store = demoStore(decodeURIComponent(cookie(cookieHeader, DEMO_STORE_COOKIE) ?? ""));
  return { store, user: demoUser(cookie(cookieHeader, DEMO_USER_COOKIE), store) };
}

/** A session token for a demo staff member of a store, signed like Shopify signs them. */
export async function demoSessionToken(apiSecret: string, userId: number, shop: string) {
  const now = Math.floor(Date.now() / 1000);
  const { token } = await getJwt(shop.replace(".myshopify.com", ""), DEMO_API_KEY, apiSecret, {
    sub: String(userId),
    exp: now + TOKEN_LIFETIME_SECONDS,
    nbf: now - 5,
    iat: now,
  });
  return { token, expiresAt: (now + TOKEN_LIFETIME_SECONDS) * 1000 };
}

/** The offline session Shopify would have created when the store's owner installed the app. */
export function demoOfflineSession(store: DemoStoreSpec, scopes: readonly string[]) {
  return new Session({
    id: `offline_${store.shop.domain}`,
    shop: store.shop.domain,
    state: "installed",
    isOnline: false,
    scope: scopes.join(","),
    accessToken: store.offlineToken,
  });
}

/** The embedded URL the Shopify admin would open for a demo store, signed in as that user. */
export async function embeddedAppUrl(origin: string, path: string, apiSecret: string, userId: number, shop: string) {
  const url = new URL(path, origin);
  url.searchParams.set("embedded", "1");
  url.searchParams.set("shop", shop);
  url.searchParams.set("host", Buffer.from(`admin.shopify.com/store/${shop.split(".")[0]}`).toString("base64"));
  url.searchParams.set("id_token", (await demoSessionToken(apiSecret, userId, shop)).token);
  return url.toString();
}
