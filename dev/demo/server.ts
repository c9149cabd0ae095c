// `npm run demo`: PromoGuard against the local Shopify emulator, signed in as the demo store's
// owner, with no Shopify account. Everything Shopify would provide — the Admin API, the store's
// data, session tokens, App Bridge — comes from this process.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createServer, type Plugin, type ViteDevServer } from "vite";
import { DEMO_API_KEY, demoOfflineSession, demoSessionToken, embeddedAppUrl } from "./session";
import { openDemoStore, type DemoStore } from "./store";

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
}

export interface RunningDemo {
  url: string;
  store: DemoStore;
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

export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  refuseRealCredentials();
  if (options.reset) rmSync(options.dataDir, { recursive: true, force: true });
  mkdirSync(options.dataDir, { recursive: true });

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

  const store = await openDemoStore(options.dataDir);
  // Imported only now: these modules read DATABASE_URL when they load.
  const [{ routeShopifyRequestsTo }, { default: prisma }, { recordInstall }, { APP_SCOPES }] = await Promise.all([
    import("../../app/shopify/transport.server"),
    import("../../app/db.server"),
    import("../../app/domain/shops.server"),
    import("../../app/shopify/config"),
  ]);
  routeShopifyRequestsTo(store.fetch);
  const session = demoOfflineSession(APP_SCOPES);
  await prisma.session.upsert({
    where: { id: session.id },
    create: { id: session.id, shop: session.shop, state: session.state, isOnline: false, scope: session.scope, accessToken: session.accessToken! },
    update: { scope: session.scope, accessToken: session.accessToken! },
  });
  await recordInstall(prisma, session.shop, store.shopDetails());

  const vite: ViteDevServer = await createServer({
    root: projectRoot,
    configFile: path.join(projectRoot, "vite.config.ts"),
    logLevel: "warn",
    server: { port: options.port, strictPort: true, hmr: options.hotReload ? undefined : false },
    plugins: [demoRoutes({ origin, apiSecret, store })],
  });
  await vite.listen();

  return {
    url: origin,
    store,
    async close() {
      await vite.close();
      routeShopifyRequestsTo();
      await store.save();
    },
  };
}

/** The demo's own endpoints: the entry redirect, the App Bridge stand-in and what it calls. */
function demoRoutes({ origin, apiSecret, store }: { origin: string; apiSecret: string; store: DemoStore }): Plugin {
  return {
    name: "promoguard-demo-routes",
    configureServer(server) {
      server.middlewares.use(async (request, response, next) => {
        const url = new URL(request.url ?? "/", origin);
        try {
          if (url.pathname === "/") {
            response.statusCode = 302;
            response.setHeader("Location", await embeddedAppUrl(origin, "/app", apiSecret));
            return response.end();
          }
          if (url.pathname === "/demo/app-bridge.js") {
            response.setHeader("Content-Type", "text/javascript");
            return response.end(readFileSync(STAND_IN_SCRIPT));
          }
          if (url.pathname === "/demo/session-token") {
            response.setHeader("Content-Type", "application/json");
            return response.end(JSON.stringify(await demoSessionToken(apiSecret)));
          }
          if (url.pathname === "/demo/resources") {
            const type = url.searchParams.get("type") === "collection" ? "collection" : "product";
            const resources = await store.searchResources(type, url.searchParams.get("query") ?? "");
            response.setHeader("Content-Type", "application/json");
            return response.end(JSON.stringify({ resources }));
          }
        } catch (error) {
          return next(error);
        }
        next();
      });
    },
  };
}
