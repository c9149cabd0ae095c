// Emulator throughput figures: `npx tsx dev/emulator/bench/throughput.ts`. Prints numbers only;
// nothing here asserts timing. The rate-limited run uses the emulator's injectable clock, so
// its "simulated seconds" are what a client pacing itself on the THROTTLED answers would wait.
import { performance } from "node:perf_hooks";
import { createShopifyEmulator } from "../index";

const CODES = 100_000;
const BATCH = 250;

const PRODUCTS = `query Products($after: String) { products(first: 25, after: $after) { nodes { id title tags variants(first: 5) { nodes { sku price } } } pageInfo { hasNextPage endCursor } } }`;
const ADD = `mutation Add($id: ID!, $codes: [DiscountRedeemCodeInput!]!) { discountRedeemCodeBulkAdd(discountId: $id, codes: $codes) { bulkCreation { id } userErrors { field message } } }`;
const STATUS = `query Status($id: ID!) { discountRedeemCodeBulkCreation(id: $id) { done importedCount failedCount } }`;
const CODES_PAGE = `query Codes($id: ID!, $after: String) { codeDiscountNode(id: $id) { codeDiscount { ... on DiscountCodeApp { codes(first: 250, after: $after) { nodes { code } pageInfo { hasNextPage endCursor } } } } } }`;

function timed<T>(run: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}

function setUp(throttle: boolean) {
  let now = Date.parse("2026-11-02T12:00:00Z");
  const emulator = createShopifyEmulator({ throttle, now: () => now });
  emulator.seed.function({ handle: "promo-discount" });
  const discount = emulator.seed.discount({ kind: "APP", functionHandle: "promo-discount", title: "Bench", codes: ["BENCH-SEED"] });
  let calls = 0;
  let throttled = 0;
  /** One API call; on THROTTLED, waits (on the emulator clock) exactly what the answer implies, then retries. */
  const call = (query: string, variables: Record<string, unknown>) => {
    for (;;) {
      calls++;
      const response = emulator.graphql(emulator.defaultShop, query, variables);
      const cost = response.extensions?.cost;
      if (response.errors?.[0]?.extensions?.code !== "THROTTLED" || !cost) {
        if (response.errors) throw new Error(JSON.stringify(response.errors));
        return response.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- bench reads JSON by path
      }
      throttled++;
      now += Math.ceil(((cost.requestedQueryCost - cost.throttleStatus.currentlyAvailable) / cost.throttleStatus.restoreRate) * 1000);
    }
  };
  const sync = () => {
    for (let start = 0; start < CODES; start += BATCH) {
      const codes = Array.from({ length: BATCH }, (_, index) => ({ code: `BENCH-${start + index}` }));
      const { id } = call(ADD, { id: discount.id, codes }).discountRedeemCodeBulkAdd.bulkCreation;
      while (!call(STATUS, { id }).discountRedeemCodeBulkCreation.done);
    }
  };
  return { emulator, discount, call, sync, stats: () => ({ calls, throttled, simulatedSeconds: (now - Date.parse("2026-11-02T12:00:00Z")) / 1000 }) };
}

const creation = timed(() => createShopifyEmulator());
console.info(`first emulator (loads and builds the Admin schema): ${creation.ms.toFixed(0)} ms`);

{
  const { emulator, call } = setUp(false);
  for (let index = 0; index < 100; index++)
    emulator.seed.product({ title: `Product ${index}`, variants: [{ sku: `SKU-${index}` }, { sku: `SKU-${index}-B` }] });
  call(PRODUCTS, { after: null });
  const rounds = 500;
  const { ms } = timed(() => {
    for (let round = 0; round < rounds; round++) call(PRODUCTS, { after: null });
  });
  console.info(`product page (25 products × variants): ${(ms / rounds).toFixed(2)} ms per request, ${Math.round((rounds / ms) * 1000)} requests/s`);
}

{
  const { sync, stats, call, discount } = setUp(false);
  const { ms } = timed(sync);
  const { calls } = stats();
  console.info(
    `redeem-code sync, throttle off: ${CODES} codes in ${(ms / 1000).toFixed(1)} s wall, ${Math.round(CODES / (ms / 1000))} codes/s, ${calls} API calls`,
  );
  let after: string | null = null;
  let pages = 0;
  const paging = timed(() => {
    do {
      const page: { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = call(CODES_PAGE, { id: discount.id, after }).codeDiscountNode
        .codeDiscount.codes;
      pages++;
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
  });
  console.info(`paging ${CODES + 1} codes by 250: ${pages} pages in ${(paging.ms / 1000).toFixed(1)} s wall, ${(paging.ms / pages).toFixed(1)} ms per page`);
}

{
  const { sync, stats } = setUp(true);
  const { ms } = timed(sync);
  const { calls, throttled, simulatedSeconds } = stats();
  console.info(
    `redeem-code sync, standard plan limit (2,000 bucket, 100/s): ${calls} API calls (${throttled} THROTTLED), ` +
      `${simulatedSeconds.toFixed(0)} simulated s → ${Math.round(CODES / simulatedSeconds)} codes/s; ${(ms / 1000).toFixed(1)} s wall`,
  );
}
