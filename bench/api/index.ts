// npm run bench:api — assignments through the public API over HTTP, on the production build as
// `npm start` serves it (server.mjs, one process), from 50 concurrent callers on keep-alive
// connections: assignments/s, latency percentiles, and duplicates (which must be 0), checked in
// the answers and in the database. Each request carries its own Idempotency-Key and leaves an
// audit entry, as a real caller's would.
import { execFileSync, spawn } from "node:child_process";
import { Agent, request as httpRequest } from "node:http";
import { Readable } from "node:stream";
import path from "node:path";
import { API_KEY, API_SECRET_KEY, APP_URL } from "@shopify/shopify-api/test-helpers";
import { BENCH_SHOP, format, freshBenchDatabase } from "../pools/bench-database";
import { freePort } from "../../test/support/free-port";

const CALLERS = 50;
const WARM_UP = 1_000;
const REQUESTS = Number(process.env.BENCH_REQUESTS) || 20_000;
const CODES = WARM_UP + REQUESTS + 1_000;
// The per-key limit (100 requests a second by default) would measure the limiter, not the API.
const RATE_LIMIT = "1000000";

Object.assign(process.env, { SHOPIFY_API_KEY: API_KEY, SHOPIFY_API_SECRET: API_SECRET_KEY, SHOPIFY_APP_URL: APP_URL, NODE_ENV: "test" });
if (process.env.BENCH_SKIP_BUILD !== "1") {
  console.info("Building the app (npm run build; BENCH_SKIP_BUILD=1 uses the existing build)…");
  execFileSync("npm", ["run", "build"], { stdio: "pipe" });
}
const databaseUrl = freshBenchDatabase("api");
const { default: prisma } = await import("~/db.server");
const { createApiKey } = await import("~/domain/api-keys/keys.server");
const { openPoolStore } = await import("~/domain/pools/store.server");
const { createPool } = await import("~/domain/pools/pools.server");
const { createImport, runImport } = await import("~/domain/pools/imports.server");
const { installShop, testStaff } = await import("../../test/support/shopify-app");

await installShop(BENCH_SHOP);
const store = openPoolStore(databaseUrl);
const pool = await createPool(store, BENCH_SHOP, "API benchmark");
const job = await createImport(store, pool, { source: "csv" });
await runImport(store, pool, job.id, Readable.from([Buffer.from(`code\n${Array.from({ length: CODES }, (_, index) => `API-${index}`).join("\n")}\n`)]));
const { secret } = await createApiKey(prisma, BENCH_SHOP, { name: "Benchmark", scopes: ["assign"] }, await testStaff("owner", BENCH_SHOP));

const port = await freePort();
// BENCH_PROFILE=1: the server writes a CPU profile to .cache/bench-api-profile.
// (A profile is written on a normal exit, so SIGTERM exits normally then.)
const profile =
  process.env.BENCH_PROFILE === "1"
    ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(".cache/bench-api-profile")}`, '--import=data:text/javascript,process.on("SIGTERM",()=>process.exit(0))']
    : [];
const server = spawn(process.execPath, [...profile, path.resolve("server.mjs")], {
  env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_URL: databaseUrl, API_RATE_LIMIT: RATE_LIMIT },
  // The server logs a line per page request, as in production; the benchmark does not read it.
  stdio: ["ignore", "ignore", "inherit"],
});
try {
  await waitForServer(port);
  const agent = new Agent({ keepAlive: true, maxSockets: CALLERS });
  const assign = (index: number, authorized = true) =>
    new Promise<{ status: number; code: string | null; ms: number }>((resolve, reject) => {
      const body = JSON.stringify({ email: `bench-${index}@example.com`, source: "bench" });
      const sent = performance.now();
      const call = httpRequest(
        {
          agent,
          host: "127.0.0.1",
          port,
          method: "POST",
          path: `/api/v1/pools/${pool.id}/assignments`,
          headers: {
            ...(authorized ? { Authorization: `Bearer ${secret}` } : {}),
            "Content-Type": "application/json",
            "Content-Length": Buffer.byteLength(body),
            "Idempotency-Key": `bench:${index}`,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            const answer = JSON.parse(Buffer.concat(chunks).toString()) as { code?: string | null };
            resolve({ status: response.statusCode ?? 0, code: answer.code ?? null, ms: performance.now() - sent });
          });
        },
      );
      call.on("error", reject);
      call.end(body);
    });

  const run = async (from: number, count: number, authorized = true) => {
    const results: Awaited<ReturnType<typeof assign>>[] = [];
    let next = from;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CALLERS }, async () => {
        while (next < from + count) results.push(await assign(next++, authorized));
      }),
    );
    return { results, seconds: (performance.now() - started) / 1000 };
  };

  await run(-WARM_UP, WARM_UP);
  const { results, seconds } = await run(0, REQUESTS);
  // The floor: the same requests without a key, refused (401) before any database work — what
  // the HTTP server and the API's request pipeline cost on this machine now.
  const floor = await run(0, REQUESTS / 4, false);
  agent.destroy();

  const latencies = results.map((result) => result.ms).sort((a, b) => a - b);
  const at = (fraction: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * fraction))];
  const statuses = new Map<number, number>();
  for (const { status } of results) statuses.set(status, (statuses.get(status) ?? 0) + 1);
  const codes = results.flatMap((result) => (result.code ? [result.code] : []));
  const duplicates = codes.length - new Set(codes).size;
  const stored = store
    .statement(`SELECT COUNT(*) AS "rows", COUNT(DISTINCT "couponId") AS "coupons" FROM "CouponAssignment" WHERE "poolId" = ?`)
    .get(pool.id) as { rows: number; coupons: number };
  const audited = store.statement(`SELECT COUNT(*) AS "count" FROM "AuditEntry" WHERE "shopDomain" = ? AND "action" = 'coupon.assign'`).get(BENCH_SHOP) as {
    count: number;
  };

  console.info(`API assignments: ${format(REQUESTS)} POST /api/v1/pools/${pool.id}/assignments by ${CALLERS} concurrent callers over HTTP keep-alive`);
  console.info(
    `  server           production build (npm run build), server.mjs as npm start runs it, one process; rate limit raised to ${format(Number(RATE_LIMIT))}/s per key`,
  );
  console.info(`  wall time        ${format(seconds, 2)} s (after ${format(WARM_UP)} warm-up requests)`);
  console.info(`  throughput       ${format(REQUESTS / seconds)} assignments/s (goal ≥ 2,000)`);
  console.info(`  latency          p50 ${format(at(0.5), 2)} ms, p95 ${format(at(0.95), 2)} ms, p99 ${format(at(0.99), 2)} ms`);
  console.info(`  responses        ${[...statuses].map(([status, count]) => `${status} × ${format(count)}`).join(", ")}`);
  console.info(
    `  floor            ${format(floor.results.length / floor.seconds)} requests/s: the same requests without a key, answered 401 before any database work`,
  );
  console.info(
    `  duplicates       ${duplicates} in the answers; ${stored.rows - stored.coupons} in the database (${format(stored.rows)} assignments of ${format(stored.coupons)} codes)`,
  );
  console.info(`  audit entries    ${format(audited.count)} coupon.assign`);
  if (duplicates !== 0 || stored.rows !== stored.coupons || statuses.get(201) !== REQUESTS || floor.results.some((result) => result.status !== 401))
    process.exitCode = 1;
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  store.close();
  await prisma.$disconnect();
}

async function waitForServer(port: number) {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (server.exitCode !== null) throw new Error(`The server exited with ${server.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/openapi.json`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("The server did not start within 30 s");
}
