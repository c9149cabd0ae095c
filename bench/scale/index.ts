// npm run bench:scale — PromoGuard on PostgreSQL with 1, 2 and 4 app processes on one database:
// assignments/s through the public API over HTTP (N production servers, callers spread over
// them), import codes/s (1M codes, split over N importing processes, each its own pool), job
// throughput (N worker processes, 3 lanes each, draining one queue), and duplicates (must be 0).
// Needs POSTGRES_URL (a server on which it may create a database); .ci/run shows how to start one.
// BENCH_REQUESTS, BENCH_IMPORT_CODES, BENCH_JOBS size the runs, BENCH_PROCESSES ("1,2,4") the rounds;
// BENCH_SKIP_BUILD=1 reuses the build.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { API_KEY, API_SECRET_KEY, APP_URL } from "@shopify/shopify-api/test-helpers";
import { BENCH_SHOP, format } from "../pools/bench-database";
import { freePort } from "../../test/support/free-port";
import { writeCodeFile } from "../../test/support/import-child";
import { databaseOn, onServer } from "../../test/support/postgres";
import { startAppProcess } from "../../test/support/app-processes";

const PROCESS_COUNTS = (process.env.BENCH_PROCESSES ?? "1,2,4").split(",").map(Number);
const CALLERS = 50;
const REQUESTS = Number(process.env.BENCH_REQUESTS) || 10_000;
const IMPORT_CODES = Number(process.env.BENCH_IMPORT_CODES) || 1_000_000;
const JOBS = Number(process.env.BENCH_JOBS) || 3_000;

const serverUrl = process.env.POSTGRES_URL;
if (!serverUrl) throw new Error("npm run bench:scale needs POSTGRES_URL, a PostgreSQL server (e.g. postgresql://postgres@127.0.0.1:5432/postgres)");
Object.assign(process.env, { SHOPIFY_API_KEY: API_KEY, SHOPIFY_API_SECRET: API_SECRET_KEY, SHOPIFY_APP_URL: APP_URL, NODE_ENV: "test" });
if (process.env.BENCH_SKIP_BUILD !== "1") {
  console.info("Building the app (npm run build; BENCH_SKIP_BUILD=1 uses the existing build)…");
  execFileSync("npm", ["run", "build"], { stdio: "pipe" });
}
const database = `promoguard_bench_scale_${randomUUID().slice(0, 8)}`;
await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${database}"`));
const databaseUrl = databaseOn(serverUrl, database);
execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: "pipe" });
process.env.DATABASE_URL = databaseUrl;

const { default: prisma } = await import("~/db.server");
const { createApiKey } = await import("~/domain/api-keys/keys.server");
const { poolStore } = await import("~/domain/pools/store.server");
const { createPool } = await import("~/domain/pools/pools.server");
const { createImport, runImport } = await import("~/domain/pools/imports.server");
const { installShop, testStaff } = await import("../../test/support/shopify-app");

await installShop(BENCH_SHOP);
const store = poolStore(databaseUrl);
const { secret } = await createApiKey(prisma, BENCH_SHOP, { name: "Benchmark", scopes: ["assign"] }, await testStaff("owner", BENCH_SHOP));
const directory = mkdtempSync(path.join(os.tmpdir(), "promoguard-scale-"));
const rows: string[][] = [];
let failed = false;

try {
  for (const processes of PROCESS_COUNTS) {
    const api = await assignmentsOverHttp(processes);
    const imports = await importCodes(processes);
    const jobs = await jobThroughput(processes);
    failed ||= api.duplicates !== 0 || imports.duplicates !== 0 || jobs.duplicates !== 0;
    rows.push([
      String(processes),
      format(api.perSecond),
      format(imports.perSecond),
      format(jobs.perSecond),
      String(api.duplicates + imports.duplicates + jobs.duplicates),
    ]);
    console.info(
      `${processes} process(es): ${format(api.perSecond)} assignments/s, ${format(imports.perSecond)} codes/s imported, ${format(jobs.perSecond)} jobs/s, duplicates ${api.duplicates}/${imports.duplicates}/${jobs.duplicates}`,
    );
  }
  console.info("");
  console.info(
    `PostgreSQL, one database; ${format(REQUESTS)} API assignments by ${CALLERS} callers, ${format(IMPORT_CODES)} codes imported, ${format(JOBS)} jobs`,
  );
  const header = ["app processes", "assignments/s (HTTP API)", "import codes/s", "jobs/s", "duplicates"];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  for (const row of [header, ...rows]) console.info(row.map((cell, column) => cell.padStart(widths[column])).join("  "));
} finally {
  store.close();
  await prisma.$disconnect();
  rmSync(directory, { recursive: true, force: true });
  await onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
}
if (failed) process.exitCode = 1;

/** N production servers (server.mjs on the build), callers spread round-robin over them. */
async function assignmentsOverHttp(processes: number) {
  const pool = await createPool(store, BENCH_SHOP, `API ${processes}`);
  const job = await createImport(store, pool, { source: "csv" });
  const codes = REQUESTS + 2_000;
  await runImport(
    store,
    pool,
    job.id,
    Readable.from([Buffer.from(`code\n${Array.from({ length: codes }, (_, index) => `API${processes}-${index}`).join("\n")}\n`)]),
  );
  const ports = await Promise.all(Array.from({ length: processes }, () => freePort()));
  const servers = ports.map((port) =>
    spawn(process.execPath, [path.resolve("server.mjs")], {
      env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_URL: databaseUrl, API_RATE_LIMIT: "1000000", DATABASE_POOL_SIZE: "10" },
      stdio: ["ignore", "ignore", "inherit"],
    }),
  );
  try {
    await Promise.all(ports.map((port, index) => waitForServer(port, servers[index])));
    // Sockets are reused in turn (fifo), so none sits idle until a server closes it.
    const agent = new Agent({ keepAlive: true, maxSockets: CALLERS, scheduling: "fifo" });
    let resent = 0;
    // A connection reset before the answer is sent again under the same Idempotency-Key: the
    // server either never saw it or answers with the code it already gave (a replay, 200).
    const assign = async (index: number) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await assignOnce(index);
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (attempt >= 3 || (code !== "ECONNRESET" && code !== "EPIPE")) throw error;
          resent++;
        }
      }
    };
    const assignOnce = (index: number) =>
      new Promise<{ status: number; code: string | null }>((resolve, reject) => {
        const body = JSON.stringify({ email: `scale-${index}@example.com`, source: "bench" });
        const call = httpRequest(
          {
            agent,
            host: "127.0.0.1",
            // Warm-up requests have negative indexes.
            port: ports[((index % ports.length) + ports.length) % ports.length],
            method: "POST",
            path: `/api/v1/pools/${pool.id}/assignments`,
            headers: {
              Authorization: `Bearer ${secret}`,
              "Content-Type": "application/json",
              "Content-Length": Buffer.byteLength(body),
              "Idempotency-Key": `scale:${processes}:${index}`,
            },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("end", () =>
              resolve({ status: response.statusCode ?? 0, code: (JSON.parse(Buffer.concat(chunks).toString()) as { code?: string }).code ?? null }),
            );
          },
        );
        call.on("error", reject);
        call.end(body);
      });
    const run = async (from: number, count: number) => {
      const results: { status: number; code: string | null }[] = [];
      let next = from;
      let stop = false;
      const started = performance.now();
      // The first failure stops every caller, so it is the one reported.
      await Promise.all(
        Array.from({ length: CALLERS }, async () => {
          while (!stop && next < from + count) {
            try {
              results.push(await assign(next++));
            } catch (error) {
              stop = true;
              throw error;
            }
          }
        }),
      );
      return { results, seconds: (performance.now() - started) / 1000 };
    };
    await run(-1_000, 1_000);
    const { results, seconds } = await run(0, REQUESTS);
    agent.destroy();
    const codesHandedOut = results.flatMap((result) => (result.code ? [result.code] : []));
    const stored = store
      .statement(`SELECT COUNT(*) AS "rows", COUNT(DISTINCT "couponId") AS "coupons" FROM "CouponAssignment" WHERE "poolId" = ?`)
      .get(pool.id) as { rows: number; coupons: number };
    if (resent > 0) console.info(`${processes} process(es): ${resent} API requests sent again after a connection reset`);
    const refused = results.filter((result) => result.status !== 201 && result.status !== 200).length;
    if (refused > 0) throw new Error(`${refused} of ${REQUESTS} API assignments were not created`);
    return { perSecond: REQUESTS / seconds, duplicates: codesHandedOut.length - new Set(codesHandedOut).size + (stored.rows - stored.coupons) };
  } finally {
    for (const server of servers) server.kill("SIGTERM");
    await Promise.all(servers.map((server) => new Promise((resolve) => (server.exitCode === null ? server.once("exit", resolve) : resolve(null)))));
  }
}

/** IMPORT_CODES codes, split over N processes, each importing its share into a pool of its own. */
async function importCodes(processes: number) {
  const share = Math.ceil(IMPORT_CODES / processes);
  const runs = await Promise.all(
    Array.from({ length: processes }, async (_, index) => {
      const pool = await createPool(store, BENCH_SHOP, `Import ${processes}-${index}`);
      const job = await createImport(store, pool, { source: "csv" });
      const file = path.join(directory, `codes-${processes}-${index}.csv`);
      await writeCodeFile(file, `IMP${processes}X${index}`, share);
      return { pool, job, file };
    }),
  );
  const started = performance.now();
  await Promise.all(
    runs.map(({ pool, job, file }) => runChild(path.resolve("test/support/import-child-main.ts"), [pool.shopDomain, String(pool.id), String(job.id), file])),
  );
  const seconds = (performance.now() - started) / 1000;
  const counts = await Promise.all(
    runs.map(({ pool }) =>
      store.read(
        () =>
          store.statement(`SELECT COUNT(*) AS "rows", COUNT(DISTINCT "codeKey") AS "keys" FROM "Coupon" WHERE "poolId" = ?`).get(pool.id) as {
            rows: number;
            keys: number;
          },
      ),
    ),
  );
  const imported = counts.reduce((sum, count) => sum + count.rows, 0);
  if (imported !== share * processes) throw new Error(`Imported ${imported} codes, expected ${share * processes}`);
  return { perSecond: imported / seconds, duplicates: counts.reduce((sum, count) => sum + count.rows - count.keys, 0) };
}

/** JOBS jobs of no work, drained by N worker processes with 3 lanes each. */
async function jobThroughput(processes: number) {
  await prisma.job.deleteMany();
  await prisma.job.createMany({
    data: Array.from({ length: JOBS }, (_, index) => ({ shopDomain: BENCH_SHOP, type: "race", payload: JSON.stringify({ index }), runAt: new Date(0) })),
  });
  const started = performance.now();
  process.env.JOB_WORK_MS = "0";
  const reports = (await Promise.all(Array.from({ length: processes }, (_, index) => startAppProcess(["jobs", `bench-${processes}-${index}`]).result))) as {
    ran: number[];
  }[];
  const seconds = (performance.now() - started) / 1000;
  const ran = reports.flatMap((report) => report.ran);
  if (ran.length < JOBS) throw new Error(`Only ${ran.length} of ${JOBS} jobs ran`);
  return { perSecond: JOBS / seconds, duplicates: ran.length - new Set(ran).size };
}

function runChild(script: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", script, ...args], { env: process.env, stdio: ["ignore", "ignore", "inherit"] });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(script)} exited with ${code}`))));
  });
}

async function waitForServer(port: number, server: ChildProcess) {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (server.exitCode !== null) throw new Error(`The server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/openapi.json`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("The server did not start");
}
