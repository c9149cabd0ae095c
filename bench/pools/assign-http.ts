// Benchmark: the manual-assignment endpoint (POST /app/pools/:id/assignments) under 50 concurrent
// callers making 20,000 requests, through the whole Remix app in-process — session-token
// authentication, routing, the action, JSON — as the HTTP API for merchants' tools will be.
// The app is served by Vite (always the current sources) or, with BENCH_HTTP_APP=build, by the
// production build of `npm run build`.
import { Readable } from "node:stream";
import { API_KEY, API_SECRET_KEY, APP_URL } from "@shopify/shopify-api/test-helpers";
import { BENCH_SHOP, format, freshBenchDatabase, percentiles } from "./bench-database";

const CALLERS = 50;
const REQUESTS = 20_000;
const CODES = 25_000;

// NODE_ENV=test, as in the tests: the Shopify library then logs errors only, not a line per request.
Object.assign(process.env, { SHOPIFY_API_KEY: API_KEY, SHOPIFY_API_SECRET: API_SECRET_KEY, SHOPIFY_APP_URL: APP_URL, NODE_ENV: "test" });
const databaseUrl = freshBenchDatabase("http");
const { createRequestHandler } = await import("@remix-run/node");
const { startRemixApp } = await import("../../test/support/remix-server");
const { adminRequest, installShop } = await import("../../test/support/shopify-app");
const { openPoolStore } = await import("~/domain/pools/store.server");
const { createPool } = await import("~/domain/pools/pools.server");
const { createImport, runImport } = await import("~/domain/pools/imports.server");

await installShop(BENCH_SHOP);
const store = openPoolStore(databaseUrl);
const pool = await createPool(store, BENCH_SHOP, "HTTP benchmark");
const job = await createImport(store, pool, { source: "csv" });
const codes = Array.from({ length: CODES }, (_, index) => `HTTP-${index}`).join("\n");
await runImport(store, pool, job.id, Readable.from([Buffer.from(`code\n${codes}\n`)]));

const useBuild = process.env.BENCH_HTTP_APP === "build";
const app = useBuild ? await productionApp() : await startRemixApp();
const path = `/app/pools/${pool.id}/assignments`;
// One session token for the run (it is valid for an hour); each request gets its own body.
const template = await adminRequest(path, { method: "POST", body: "" }, BENCH_SHOP);
const request = (index: number) =>
  new Request(template.url, {
    method: "POST",
    headers: { authorization: template.headers.get("authorization")!, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "assign", email: `http-${index}@example.com` }),
  });
const warmUp = await app.fetch(request(-1));
if (warmUp.status !== 201) throw new Error(`Warm-up request answered ${warmUp.status}: ${await warmUp.text()}`);

const latencies: number[] = [];
const statuses = new Map<number, number>();
const handedOut: string[] = [];
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: CALLERS }, async () => {
    while (next < REQUESTS) {
      const index = next++;
      const sent = performance.now();
      const response = await app.fetch(request(index));
      const body = (await response.json()) as { assignment?: { code: string } };
      latencies.push(performance.now() - sent);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (body.assignment) handedOut.push(body.assignment.code);
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
const { p50, p99 } = percentiles(latencies);
const duplicates = handedOut.length - new Set(handedOut).size;

console.info(
  `HTTP manual assignment: ${format(REQUESTS)} POST ${path} by ${CALLERS} concurrent callers ` +
    `(in-process Remix app, ${useBuild ? "production build" : "Vite dev server"})`,
);
console.info(`  wall time        ${format(seconds, 2)} s`);
console.info(`  throughput       ${format(REQUESTS / seconds)} requests/s`);
console.info(`  latency          p50 ${format(p50, 2)} ms, p99 ${format(p99, 2)} ms`);
console.info(`  responses        ${[...statuses].map(([status, count]) => `${status} × ${format(count)}`).join(", ")}`);
console.info(`  duplicates       ${duplicates}`);
await app.close();
store.close();
if (duplicates !== 0 || statuses.get(201) !== REQUESTS) process.exit(1);

async function productionApp() {
  const build = await import(new URL("../../build/server/index.js", import.meta.url).href);
  const handle = createRequestHandler(build, "production");
  return { fetch: (request: Request) => handle(request), close: async () => {} };
}
