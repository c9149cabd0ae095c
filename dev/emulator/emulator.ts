import type { GraphQLSchema } from "graphql";
import type { JobTiming } from "./admin/context";
import { executeAdminRequest, type GraphqlResponse } from "./admin/execute";
import { handleAdminHttp } from "./admin/http";
import { acceptsAccessToken, handleTokenExchange, type AppCredentials } from "./admin/token-exchange";
import { completeAllJobs } from "./admin/resolvers";
import type { FlowExtensionRecord, FlowTriggerRunRecord } from "./admin/records";
import { appFlowExtensions, deployFlowExtensions, runFlowAction, type FlowActionRunInput, type FlowActionRunResult } from "./flow";
import { newShopSnapshot, seeder, type Seeder, type ShopSeed } from "./admin/seed";
import { ShopStore, type ShopSnapshot } from "./admin/store";
import { PLAN_RATE_LIMITS, Throttle, type RateLimit, type ThrottleStatus } from "./admin/throttle";
import { EMULATED_API_VERSION, loadAdminSchema } from "./schema";

export interface ShopifyEmulatorOptions {
  /** Shops to create empty (domain, or domain plus shop settings); the first is the default shop. */
  shops?: (string | ({ domain: string } & ShopSeed))[];
  /** The emulator's clock: timestamps, discount status, job timing and the rate-limit bucket all read it. */
  now?: () => Date | number;
  /** A plan's published rate limit, or explicit figures. Default: the standard plan. */
  rateLimit?: keyof typeof PLAN_RATE_LIMITS | RateLimit;
  /** Whether the leaky bucket answers THROTTLED (the cost extension is reported either way). Default: on. */
  throttle?: boolean;
  /** How redeem-code bulk creations complete. Default: one poll answered "not done", then done. */
  jobs?: Partial<JobTiming>;
  /**
   * Offline access token each shop expects (and hands out through token exchange); shops not
   * listed accept any non-empty token. Online tokens token exchange issued are accepted until
   * they expire either way.
   */
  accessTokens?: Record<string, string>;
  /**
   * The app's credentials, for token exchange (POST /admin/oauth/access_token): session tokens
   * are verified with apiSecret (HS256) against the emulator's clock. Without them token
   * exchange answers 404.
   */
  appCredentials?: AppCredentials;
  /**
   * The Flow triggers and actions deployed in every shop the emulator creates. Default: the app's
   * own (extensions/flow-*), as after `shopify app deploy`; [] for a shop without them.
   */
  flowExtensions?: FlowExtensionRecord[];
}

/** What `snapshot()` returns and `restore()` accepts: plain JSON, safe to write to a file. */
export interface EmulatorSnapshot {
  format: "promoguard-shopify-emulator";
  version: 1;
  apiVersion: string;
  shops: Record<string, ShopSnapshot>;
}

export const DEFAULT_SHOP = "emulated-shop.myshopify.com";

export interface ShopifyEmulator {
  readonly apiVersion: string;
  readonly schema: GraphQLSchema;
  readonly defaultShop: string;
  shops(): string[];
  addShop(domain: string, settings?: ShopSeed): ShopStore;
  /** A shop's state; the default shop's when no domain is given. */
  store(shop?: string): ShopStore;
  /** Factories for the default shop; `seedFor` reaches the others. */
  readonly seed: Seeder;
  seedFor(shop: string): Seeder;
  /** Runs a GraphQL document as the app would through the Admin API (auth and HTTP aside). */
  graphql(shop: string, query: string, variables?: Record<string, unknown>, operationName?: string): GraphqlResponse;
  /** A fetch-compatible Admin API endpoint: hand it to the app as its Shopify transport. */
  fetch(input: Request | URL | string, init?: RequestInit): Promise<Response>;
  readonly throttle: {
    readonly isEnabled: boolean;
    enable(): void;
    disable(): void;
    configure(limit: Partial<RateLimit>): void;
    status(shop?: string): ThrottleStatus;
    /** Sets what a shop's bucket holds right now (drain it to test backoff). */
    setAvailable(points: number, shop?: string): void;
  };
  /** Completes every pending redeem-code bulk creation now, as if Shopify caught up. */
  completeJobs(shop?: string): void;
  /** Shopify Flow for the app's triggers and actions (deployed in every new shop; see flowExtensions). */
  readonly flow: {
    /** The triggers Flow accepted from the app in the shop, oldest first. */
    triggerRuns(shop?: string): FlowTriggerRunRecord[];
    /** A workflow step running one of the app's actions: the signed request Flow sends, resent as Flow resends it. */
    runAction(input: FlowActionRunInput & { shop?: string }): Promise<FlowActionRunResult>;
  };
  snapshot(): EmulatorSnapshot;
  restore(snapshot: EmulatorSnapshot | string): void;
}

/**
 * A local Shopify for one app: the Admin GraphQL API of the pinned version executed on the
 * real schema over in-memory shops, with Shopify's costs, throttling and errors.
 */
export function createShopifyEmulator(options: ShopifyEmulatorOptions = {}): ShopifyEmulator {
  const schema = loadAdminSchema();
  const clock = options.now ?? (() => new Date());
  const now = () => new Date(clock());
  const jobTiming: JobTiming = { pendingPolls: 1, completeAfterMs: null, ...options.jobs };
  const rateLimit =
    typeof options.rateLimit === "string" || options.rateLimit === undefined ? PLAN_RATE_LIMITS[options.rateLimit ?? "standard"] : options.rateLimit;
  const throttle = new Throttle(rateLimit, options.throttle ?? true, () => now().getTime());
  const stores = new Map<string, ShopStore>();

  const flowExtensions = options.flowExtensions ?? appFlowExtensions();
  const addShop = (domain: string, settings: ShopSeed = {}) => {
    if (stores.has(domain)) throw new Error(`The emulator already has the shop ${domain}`);
    const store = new ShopStore(newShopSnapshot(domain, settings, now(), stores.size));
    deployFlowExtensions(store, flowExtensions);
    stores.set(domain, store);
    return store;
  };
  for (const shop of options.shops ?? [DEFAULT_SHOP]) {
    if (typeof shop === "string") addShop(shop);
    else addShop(shop.domain, shop);
  }
  let defaultShop = [...stores.keys()][0];
  const storeOf = (shop: string = defaultShop) => {
    const store = stores.get(shop);
    if (!store) throw new Error(`The emulator has no shop ${shop} (it has ${[...stores.keys()].join(", ")})`);
    return store;
  };
  const execute = (shop: string, request: Parameters<typeof executeAdminRequest>[1]) =>
    executeAdminRequest({ schema, store: storeOf(shop), throttle, now, jobTiming }, request);

  return {
    apiVersion: EMULATED_API_VERSION,
    schema,
    get defaultShop() {
      return defaultShop;
    },
    shops: () => [...stores.keys()],
    addShop,
    store: storeOf,
    get seed() {
      return seeder(storeOf(defaultShop), now);
    },
    seedFor: (shop) => seeder(storeOf(shop), now),
    graphql: (shop, query, variables, operationName) => execute(shop, { query, variables, operationName }),
    fetch: (input, init) =>
      handleAdminHttp(input instanceof Request && init === undefined ? input : new Request(input, init), {
        apiVersion: EMULATED_API_VERSION,
        hasShop: (shop) => stores.has(shop),
        acceptsToken: (shop, token) => acceptsAccessToken(storeOf(shop), token, options.accessTokens?.[shop], now()),
        exchangeToken: (shop, request) =>
          handleTokenExchange(request, {
            credentials: options.appCredentials,
            store: storeOf(shop),
            configuredOfflineToken: options.accessTokens?.[shop],
            now,
          }),
        execute,
      }),
    throttle: {
      get isEnabled() {
        return throttle.isEnabled;
      },
      enable: () => throttle.enable(),
      disable: () => throttle.disable(),
      configure: (limit) => throttle.configure(limit),
      status: (shop = defaultShop) => throttle.status(storeOf(shop).shop.domain),
      setAvailable: (points, shop = defaultShop) => {
        if (!throttle.isEnabled) throw new Error("The throttle is off; enable it before draining a bucket");
        throttle.bucket(storeOf(shop).shop.domain).setAvailable(points);
      },
    },
    completeJobs: (shop = defaultShop) => completeAllJobs({ store: storeOf(shop), now }),
    flow: {
      triggerRuns: (shop = defaultShop) => structuredClone(storeOf(shop).flow.triggerRuns),
      runAction: ({ shop = defaultShop, ...input }) => {
        const secret = options.appCredentials?.apiSecret;
        if (!secret && !input.secret) throw new Error("Flow signs action requests with the app's secret: give the emulator appCredentials");
        return runFlowAction(storeOf(shop), secret ?? "", input);
      },
    },
    snapshot: () => ({
      format: "promoguard-shopify-emulator",
      version: 1,
      apiVersion: EMULATED_API_VERSION,
      shops: Object.fromEntries([...stores].map(([domain, store]) => [domain, store.toSnapshot()])),
    }),
    restore: (input) => {
      const snapshot = (typeof input === "string" ? JSON.parse(input) : input) as Partial<EmulatorSnapshot>;
      if (snapshot.format !== "promoguard-shopify-emulator" || snapshot.version !== 1) {
        throw new Error("Not a Shopify emulator snapshot (format promoguard-shopify-emulator, version 1)");
      }
      if (snapshot.apiVersion !== EMULATED_API_VERSION) {
        throw new Error(`The snapshot was taken on API version ${snapshot.apiVersion}; this emulator speaks ${EMULATED_API_VERSION}. Reseed it.`);
      }
      const shops = Object.entries(snapshot.shops ?? {});
      if (shops.length === 0) throw new Error("The snapshot holds no shop");
      stores.clear();
      for (const [domain, shop] of shops) stores.set(domain, new ShopStore(shop));
      defaultShop = shops[0][0];
    },
  };
}
