import "@shopify/shopify-app-remix/adapters/node";
import { AppDistribution, LogSeverity, shopifyApp, type ApiVersion } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import prisma from "./db.server";
import { ADMIN_API_VERSION, APP_SCOPES } from "./shopify/config";
import { fetchShopDetails } from "./shopify/shop.server";
import { installShopifyTransport } from "./shopify/transport.server";
import { staffForSession } from "./domain/governance/staff.server";
import { completeInstall, needsInstall } from "./domain/install.server";

installShopifyTransport();

// The library's enum may not list the newest version yet; the string is what goes on the wire.
export const apiVersion = ADMIN_API_VERSION as ApiVersion;

const shopify = shopifyApp({
  apiKey: process.env.SHOPIFY_API_KEY,
  apiSecretKey: process.env.SHOPIFY_API_SECRET || "",
  apiVersion,
  scopes: process.env.SCOPES?.split(",") ?? [...APP_SCOPES],
  appUrl: process.env.SHOPIFY_APP_URL || "",
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(prisma),
  distribution: AppDistribution.AppStore,
  // Online tokens: every admin request carries the Shopify user behind it (staff and roles,
  // app/domain/governance). Background work uses the offline session token exchange also stores.
  useOnlineTokens: true,
  // The offline demo sends the library hundreds of requests at once (its Shopify Flow journey):
  // only warnings there, so the console stays readable.
  logger: { level: process.env.NODE_ENV === "test" ? LogSeverity.Error : process.env.PROMOGUARD_DEMO ? LogSeverity.Warning : LogSeverity.Info },
  future: { unstable_newEmbeddedAuthStrategy: true },
  hooks: {
    // With online tokens this runs after every token exchange: on install, but also the first
    // time each staff member opens the app and whenever their online token (a day) expires. The
    // install work runs only on a real install (app/domain/install.server.ts says why); the staff
    // member is created or refreshed every time.
    afterAuth: async ({ session, admin }) => {
      if (await needsInstall(prisma, session.shop)) await completeInstall(prisma, admin, session.shop, await fetchShopDetails(admin));
      if (session.isOnline) await staffForSession(prisma, session);
    },
  },
  ...(process.env.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [process.env.SHOP_CUSTOM_DOMAIN] } : {}),
});

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
