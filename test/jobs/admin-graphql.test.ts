import { describe, expect, it } from "vitest";
import { simulatedClock } from "~/lib/clock";
import { ShopifyGraphqlError, throttledAdmin, type AdminClient } from "~/shopify/admin-graphql.server";
import { createShopifyEmulator } from "../../dev/emulator";
import { START } from "./support";

const SHOP = "throttle-shop.myshopify.com";
const HEAVY = "query Heavy { products(first: 166) { nodes { variants(first: 3) { nodes { id } } } } }"; // costs 998

/** The emulator behind the same interface as the app's Admin client (the library throws on GraphQL errors). */
function emulatedClient(clock: ReturnType<typeof simulatedClock>) {
  const emulator = createShopifyEmulator({ shops: [SHOP], now: () => clock.now() });
  const client: AdminClient = {
    graphql: (async (query: string, options?: { variables?: Record<string, unknown> }) => {
      const body = emulator.graphql(SHOP, query, options?.variables);
      if (body.errors) throw Object.assign(new Error(body.errors[0].message), { body: { ...body, errors: { graphQLErrors: body.errors } } });
      return new Response(JSON.stringify(body));
    }) as AdminClient["graphql"],
  };
  return { emulator, client };
}

describe("the throttle-aware Admin caller", () => {
  it("waits for the bucket after THROTTLED and paces later calls instead of being refused again", async () => {
    const clock = simulatedClock(START);
    const { emulator, client } = emulatedClient(clock);
    emulator.throttle.setAvailable(500, SHOP);
    const admin = throttledAdmin(client, { clock, random: () => 1 });

    for (let call = 0; call < 3; call++) await admin.call(HEAVY);

    // 498 points were missing for the first call; every later call waits for the bucket instead.
    expect(admin.stats.throttled).toBe(1);
    expect(admin.stats.calls).toBe(4);
    expect(admin.stats.waitedMs).toBeGreaterThanOrEqual(4_980);
    expect(clock.epochMs - START).toBe(admin.stats.waitedMs);
  });

  it("backs off exponentially while the bucket stays empty, and gives up after its retries", async () => {
    const clock = simulatedClock(START);
    const { emulator, client } = emulatedClient(clock);
    emulator.throttle.configure({ restoreRate: 0 });
    emulator.throttle.setAvailable(0, SHOP);
    const admin = throttledAdmin(client, { clock, random: () => 1 });

    await expect(admin.call(HEAVY)).rejects.toThrow(ShopifyGraphqlError);
    expect(admin.stats.throttled).toBe(12);
    // 100 ms doubling per attempt, capped at 30 s: 0.1 + 0.2 + … + 25.6 s, then 30 s three times.
    expect(admin.stats.waitedMs).toBe(100 * (2 ** 9 - 1) + 30_000 * 3);
  });

  it("turns other GraphQL errors into a ShopifyGraphqlError naming the operation", async () => {
    const clock = simulatedClock(START);
    const { client } = emulatedClient(clock);
    const admin = throttledAdmin(client, { clock });
    await expect(admin.call("query Broken { noSuchField }")).rejects.toThrow(/Shopify refused Broken: .*noSuchField/);
  });
});
