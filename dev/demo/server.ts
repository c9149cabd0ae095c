// `npm run demo`: PromoGuard against the local Shopify emulator, signed in as the demo store's
// owner, with no Shopify account. Everything Shopify would provide — the Admin API, token
// exchange, the store's data and staff, session tokens, App Bridge — comes from this process.
//
// Staff: the app uses online tokens, so every request must name a Shopify user. The demo does not
// seed online sessions; its emulator answers token exchange, so the library's own code path runs
// (offline + online exchange, then afterAuth creating the StaffMember) the first time each demo
// user opens the app — the same path a real store takes. Only what a real install would already
// have done is prepared here: the offline session, the Shop row, and the staff's roles.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Server } from "node:http";
import { fileURLToPath, pathToFileURL } from "node:url";
import { stripVTControlCharacters } from "node:util";
import { createLogger, createServer, type Connect, type Logger, type Plugin, type ViteDevServer } from "vite";
import { DEMO_CAMPAIGN, DEMO_KITCHEN_DRAFT, DEMO_SPEND_OFFER, DEMO_STORES, type DemoStaffMember } from "./catalogue";
import { DEMO_API_KEY, demoOfflineSession, demoSessionToken, demoSignInFromCookie, embeddedAppUrl } from "./session";
import { createDemoCampaign } from "./campaigns";
import { runFlowJourney, type FlowJourneyResult } from "./flow-journey";
import { openDemoStore, type DemoStore } from "./store";
import { storefrontHandler } from "./storefront/routes";
import type { Database } from "../../app/db.server";
import type { AdminGraphql } from "../../app/shopify/discounts.server";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const STAND_IN_SCRIPT = path.join(projectRoot, "dev", "demo", "app-bridge-standin.js");

export interface DemoOptions {
  port: number;
  /** Where the demo keeps its database and the emulator's state between runs. */
  dataDir: string;
  /** Start from a freshly seeded store. */
  reset?: boolean;
  /** Vite's hot reload for people editing the app while the demo runs. */
  hotReload?: boolean;
  /** On a fresh store, run the Flow journey (flow-journey.ts) once the app listens. */
  flowJourney?: boolean;
  /**
   * Vite's dependency cache (default node_modules/.vite). Demos started side by side (the browser
   * tests) each need their own: one dev server re-optimizing rewrites the chunks another's pages load.
   */
  viteCacheDir?: string;
  /**
   * Serve the production build (`npm run build`, build/server and build/client) as `npm start`
   * serves it, instead of Vite's dev server: what the web-vitals bench measures.
   */
  production?: boolean;
}

export interface RunningDemo {
  url: string;
  store: DemoStore;
  /** The Flow journey running in the background: its figures when done, null when it was not run. */
  flowJourney: Promise<FlowJourneyResult | null>;
  /**
   * Dependencies Vite found only when a page asked for them (not in vite.config.ts's
   * optimizeDeps.include). Each re-optimizes the dev server under open pages, which then hold
   * two copies of React; the browser tests require this to stay empty.
   */
  lateDependencies: string[];
  close(): Promise<void>;
}

/** Real Shopify credentials mean a real store is configured: the demo must not run against it. */
export function refuseRealCredentials(env: Record<string, string | undefined> = process.env) {
  // The demo's own key (set by an earlier startDemo in this process) is not a real app.
  if (env.SHOPIFY_API_KEY === DEMO_API_KEY) return;
  const configured = ["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET"].filter((name) => env[name]);
  if (configured.length > 0) {
    throw new Error(
      `Demo mode refuses to start: ${configured.join(" and ")} ${configured.length > 1 ? "are" : "is"} set, so a real Shopify app is configured. ` +
        "Unset them to run the offline demo, or use `npm run dev` with Shopify CLI for a real store.",
    );
  }
}

/**
 * Bumped when demo data saved by an older PromoGuard can no longer run (version 2: discounts are
 * backed by several function extensions and read compiled rules; version 3: a second store).
 * Older data is reseeded.
 */
const DEMO_DATA_VERSION = "3";

/** Whether the data folder holds demo data this PromoGuard cannot use, and so is started afresh. */
function outdated(dataDir: string): boolean {
  if (!existsSync(dataDir) || readdirSync(dataDir).length === 0) return false;
  const file = path.join(dataDir, "version");
  return !existsSync(file) || readFileSync(file, "utf8").trim() !== DEMO_DATA_VERSION;
}

export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  refuseRealCredentials();
  const stale = !options.reset && outdated(options.dataDir);
  if (stale) console.info("The demo data was saved by an older PromoGuard; starting a fresh demo store.");
  if (options.reset || stale) rmSync(options.dataDir, { recursive: true, force: true });
  mkdirSync(options.dataDir, { recursive: true });
  writeFileSync(path.join(options.dataDir, "version"), DEMO_DATA_VERSION);

  const origin = `http://localhost:${options.port}`;
  const apiSecret = randomBytes(24).toString("hex");
  Object.assign(process.env, {
    PROMOGUARD_DEMO: "1",
    DATABASE_URL: `file:${path.join(options.dataDir, "promoguard.sqlite")}`,
    SHOPIFY_API_KEY: DEMO_API_KEY,
    SHOPIFY_API_SECRET: apiSecret,
    SHOPIFY_APP_URL: origin,
    APP_BRIDGE_URL: `${origin}/demo/app-bridge.js`,
  });
  execFileSync("npx", ["prisma", "migrate", "deploy"], { cwd: projectRoot, env: process.env, stdio: "pipe" });

  // Imported only now: these modules read DATABASE_URL when they load.
  const [{ routeShopifyRequestsTo }, { default: prisma }, { recordInstall }, { completeInstall, needsInstall }, { APP_SCOPES }] = await Promise.all([
    import("../../app/shopify/transport.server"),
    import("../../app/db.server"),
    import("../../app/domain/shops.server"),
    import("../../app/domain/install.server"),
    import("../../app/shopify/config"),
  ]);
  const store = await openDemoStore(options.dataDir, { apiSecret, scopes: APP_SCOPES });
  routeShopifyRequestsTo(store.fetch);
  const { unauthenticated } = await import("../../app/shopify.server");
  // The first store is the one with campaigns, a storefront and the Flow journey.
  let firstStoreFresh = false;
  for (const demoStore of DEMO_STORES) {
    const session = demoOfflineSession(demoStore, APP_SCOPES);
    const shop = session.shop;
    await prisma.session.upsert({
      where: { id: session.id },
      create: { id: session.id, shop, state: session.state, isOnline: false, scope: session.scope, accessToken: session.accessToken! },
      update: { scope: session.scope, accessToken: session.accessToken! },
    });
    // A fresh demo store is installed as afterAuth installs a real one (the demo makes its Shop row
    // itself, so afterAuth never sees an install); later starts only refresh the shop's details.
    const freshStore = await needsInstall(prisma, shop);
    const admin = async () => (await unauthenticated.admin(shop)).admin;
    if (freshStore) await completeInstall(prisma, await admin(), shop, store.shopDetails(shop));
    else await recordInstall(prisma, shop, store.shopDetails(shop));
    // The demo staff's roles, as the store's Owner would have set them (kept as changed since).
    for (const user of demoStore.staff) {
      await prisma.staffMember.upsert({
        where: { shopDomain_userId: { shopDomain: shop, userId: String(user.id) } },
        create: {
          shopDomain: shop,
          userId: String(user.id),
          name: `${user.firstName} ${user.lastName}`,
          email: user.email,
          accountOwner: user.accountOwner,
          role: user.role,
        },
        update: {},
      });
    }
    if (demoStore === DEMO_STORES[0]) firstStoreFresh = freshStore;
    if (freshStore && demoStore === DEMO_STORES[0]) await createDemoCampaigns(prisma, await admin(), shop, store);
  }

  const lateDependencies: string[] = [];
  const middleware = demoMiddleware({ origin, apiSecret, store, staffRoles: (shop) => staffRoles(prisma, shop) });
  const server = options.production ? await productionServer(options.port, middleware) : await developmentServer(options, middleware, lateDependencies);
  // In the background: the demo is usable at once, the journey's figures follow within seconds.
  const flowJourney =
    firstStoreFresh && options.flowJourney
      ? runFlowJourney({ emulator: store.emulator, origin, apiSecret, prisma, admin: (await unauthenticated.admin(DEMO_STORES[0].shop.domain)).admin }).then(
          async (result) => {
            await store.save();
            return result;
          },
        )
      : Promise.resolve(null);
  flowJourney.catch((error: unknown) => console.error("The demo's Flow journey failed:", error));

  return {
    url: origin,
    store,
    flowJourney,
    lateDependencies,
    async close() {
      await server.close();
      routeShopifyRequestsTo();
      await store.save();
    },
  };
}

/**
 * The campaigns the store's Manager made before the demo starts (DEMO_CAMPAIGN and
 * DEMO_SPEND_OFFER), the way the campaign page makes one: a draft, published to Shopify within
 * the policy, both in the audit log; then the first one's UTM tag, as the measurement settings
 * card sets it. Its past orders are in the store's history; the backfill the install queued runs
 * once the app's worker starts, after this, and counts them as the campaign's (influenced or applied).
 * And a draft the Manager has not published yet (DEMO_KITCHEN_DRAFT).
 */
async function createDemoCampaigns(prisma: Database, admin: AdminGraphql, shop: string, store: DemoStore) {
  const autumn = await createDemoCampaign(prisma, admin, shop, {
    ...DEMO_CAMPAIGN,
    config: { version: 1, effects: [{ type: "percentage", percentage: DEMO_CAMPAIGN.percentage, appliesTo: "order" }] },
  });
  await prisma.campaign.update({ where: { id: autumn }, data: { utmCampaign: DEMO_CAMPAIGN.utmCampaign } });
  await createDemoCampaign(prisma, admin, shop, {
    ...DEMO_SPEND_OFFER,
    config: {
      version: 1,
      minimumSubtotal: DEMO_SPEND_OFFER.minimumSubtotal,
      effects: [{ type: "percentage", percentage: DEMO_SPEND_OFFER.percentage, appliesTo: "order" }],
    },
  });
  const collection = (handle: string) => [...store.emulator.store(shop).collections.values()].find((candidate) => candidate.handle === handle)!.id;
  await createDemoCampaign(prisma, admin, shop, {
    ...DEMO_KITCHEN_DRAFT,
    startedDaysAgo: -DEMO_KITCHEN_DRAFT.startsInDays,
    endsInDays: DEMO_KITCHEN_DRAFT.startsInDays + DEMO_KITCHEN_DRAFT.lastsDays,
    config: {
      version: 1,
      includedCollectionIds: [collection(DEMO_KITCHEN_DRAFT.includedCollection)],
      excludedCollectionIds: [collection(DEMO_KITCHEN_DRAFT.excludedCollection)],
      effects: [{ type: "percentage", percentage: DEMO_KITCHEN_DRAFT.percentage }],
    },
    draft: true,
  });
}

/** Each demo user's current PromoGuard role in the store, by Shopify user id (an Owner may have changed them). */
async function staffRoles(
  prisma: { staffMember: { findMany(args: object): Promise<{ userId: string; role: string; accessRemovedAt: Date | null }[]> } },
  shop: string,
) {
  const rows = await prisma.staffMember.findMany({ where: { shopDomain: shop }, select: { userId: true, role: true, accessRemovedAt: true } });
  return new Map(rows.map((row) => [row.userId, row.accessRemovedAt ? "removed" : row.role]));
}

const ROLE_NAMES: Record<string, string> = { owner: "Owner", approver: "Approver", manager: "Manager", requester: "Requester", removed: "no access" };

/** Where "/" sends the browser: an /app path the stand-in asked for (after a switch), or the dashboard. */
function appPath(url: URL) {
  const to = url.searchParams.get("to") ?? "";
  return /^\/app(\/|\?|$)/.test(to) ? to : "/app";
}

interface DemoRoutesOptions {
  origin: string;
  apiSecret: string;
  store: DemoStore;
  staffRoles: (shop: string) => Promise<Map<string, string>>;
}

/**
 * The demo's own endpoints: the shopper's storefront (/storefront), the entry redirect, the App
 * Bridge stand-in and what it calls. The demo store and the signed-in demo user are the ones the
 * stand-in's "switch" controls put in its cookies (the first store and its owner until then);
 * session tokens are for that store and carry that user's id as `sub`.
 */
function demoMiddleware({ origin, apiSecret, store, staffRoles: roles }: DemoRoutesOptions): Connect.NextHandleFunction {
  const storefront = storefrontHandler({ emulator: store.emulator, origin, apiSecret });
  return async (request, response, next) => {
    const url = new URL(request.url ?? "/", origin);
    try {
      if (await storefront(request, response)) return;
      const { store: signedIn, user } = demoSignInFromCookie(request.headers.cookie);
      const shop = signedIn.shop.domain;
      if (url.pathname === "/") {
        response.statusCode = 302;
        response.setHeader("Location", await embeddedAppUrl(origin, appPath(url), apiSecret, user.id, shop));
        return response.end();
      }
      if (url.pathname === "/demo/app-bridge.js") {
        response.setHeader("Content-Type", "text/javascript");
        return response.end(readFileSync(STAND_IN_SCRIPT));
      }
      if (url.pathname === "/demo/session-token") {
        response.setHeader("Content-Type", "application/json");
        return response.end(JSON.stringify(await demoSessionToken(apiSecret, user.id, shop)));
      }
      if (url.pathname === "/demo/staff") {
        const current = await roles(shop);
        const describe = (member: DemoStaffMember) => {
          const role = current.get(String(member.id)) ?? member.role;
          return { id: member.id, name: `${member.firstName} ${member.lastName}`, role, roleLabel: ROLE_NAMES[role] ?? role };
        };
        const stores = DEMO_STORES.map(({ shop: { domain, name } }) => ({ domain, name, handle: domain.replace(/\.myshopify\.com$/, "") }));
        response.setHeader("Content-Type", "application/json");
        return response.end(
          JSON.stringify({ current: describe(user), staff: signedIn.staff.map(describe), store: { domain: shop, name: signedIn.shop.name }, stores }),
        );
      }
      if (url.pathname === "/demo/resources") {
        const asked = url.searchParams.get("type");
        const type = asked === "collection" || asked === "variant" ? asked : "product";
        const resources = await store.searchResources(shop, type, url.searchParams.get("query") ?? "");
        response.setHeader("Content-Type", "application/json");
        return response.end(JSON.stringify({ resources }));
      }
    } catch (error) {
      return next(error);
    }
    next();
  };
}

/** Vite's dev server (hot reload when asked) with the demo's endpoints in front of the app. */
async function developmentServer(options: DemoOptions, middleware: Connect.NextHandleFunction, lateDependencies: string[]) {
  const routes: Plugin = { name: "promoguard-demo-routes", configureServer: (server) => void server.middlewares.use(middleware) };
  const vite: ViteDevServer = await createServer({
    root: projectRoot,
    configFile: path.join(projectRoot, "vite.config.ts"),
    customLogger: noticingLateDependencies(lateDependencies),
    cacheDir: options.viteCacheDir,
    server: { port: options.port, strictPort: true, hmr: options.hotReload ? undefined : false },
    plugins: [routes],
  });
  await vite.listen();
  return { close: () => vite.close() };
}

/**
 * The production build served as server.mjs serves it (compression, immutable assets, Remix's
 * request handler in production mode), with the demo's endpoints in front.
 */
async function productionServer(port: number, middleware: Connect.NextHandleFunction) {
  const serverBuild = path.join(projectRoot, "build", "server", "index.js");
  if (!existsSync(serverBuild)) throw new Error("There is no production build to serve: run `npm run build` first.");
  const [{ default: express }, { default: compression }, { createRequestHandler }] = await Promise.all([
    import("express"),
    import("compression"),
    import("@remix-run/express"),
  ]);
  const build = await import(pathToFileURL(serverBuild).href);
  const app = express();
  app.disable("x-powered-by");
  app.use(compression());
  app.use(middleware);
  app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(projectRoot, "public"), { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build, mode: "production" }));
  const listening = await new Promise<Server>((resolve, reject) => {
    const server = app.listen(port, "localhost", () => resolve(server));
    server.once("error", reject);
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        listening.closeAllConnections();
        listening.close(() => resolve());
      }),
  };
}

/** Vite's logger (warnings only; DEMO_VITE_LOG=info for everything) that notes late-optimized dependencies. */
function noticingLateDependencies(found: string[]): Logger {
  const logger = createLogger(process.env.DEMO_VITE_LOG === "info" ? "info" : "warn");
  const info = logger.info.bind(logger);
  logger.info = (message, options) => {
    const late = /new dependencies optimized: (.+)/.exec(stripVTControlCharacters(message))?.[1];
    if (late) found.push(...late.split(",").map((name) => name.trim()));
    info(message, options);
  };
  return logger;
}
