// `npm start`'s server (server.mjs) on the production build that `npm test` makes first: the
// public API answered by its own router, ahead of the page stack, exactly as the app's api.v1
// routes answer it; everything else — the OpenAPI document, unknown API paths, built assets, the
// app's pages — still served by the Remix app as before.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeList, givenPool, importInto } from "../pools/support";
import { apiKey } from "./support";
import { freePort } from "../support/free-port";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const built = existsSync(path.join(ROOT, "build", "server", "index.js"));
if (!built) console.warn("No production build (npm run build): the production server test is skipped. `npm test` builds first.");

let server: ChildProcess;
let origin: string;
let log = "";
let key: string;
let poolId: number;

beforeAll(async () => {
  if (!built) return;
  key = await apiKey(["assign", "read"]);
  const pool = await givenPool(undefined, "Production pool");
  await importInto(pool, codeList("PROD", 5));
  poolId = pool.id;
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [path.join(ROOT, "server.mjs")], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  server.stdout!.on("data", (data: Buffer) => (log += data.toString()));
  for (let attempt = 0; !log.includes("listening"); attempt++) {
    if (server.exitCode !== null || attempt > 300) throw new Error(`server.mjs did not start: ${log}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 60_000);

afterAll(() => {
  server?.kill("SIGTERM");
});

const assign = (idempotencyKey: string, email: string) =>
  fetch(`${origin}/api/v1/pools/${poolId}/assignments`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", "Idempotency-Key": idempotencyKey },
    body: JSON.stringify({ email }),
  });

describe.skipIf(!built)("the production server (npm start)", () => {
  it("answers an assignment through the API's own router: a code, the same one again for the same key", async () => {
    const first = await assign("prod-1", "ada@example.com");
    expect(first.status).toBe(201);
    expect(first.headers.get("content-type")).toBe("application/json");
    expect(first.headers.get("x-request-id")).toBeTruthy();
    const { code } = (await first.json()) as { code: string };
    expect(code).toMatch(/^PROD-\d$/);
    const again = await assign("prod-1", "ada@example.com");
    expect(again.status).toBe(200);
    expect(((await again.json()) as { code: string }).code).toBe(code);
    // Ahead of the page stack: not in the request log the app's pages write.
    expect(log).not.toContain("/api/v1/pools");
  });

  it("answers the API's problems as problem+json: no key, a method the path lacks, a path that is no endpoint", async () => {
    const unauthenticated = await fetch(`${origin}/api/v1/pools/${poolId}/assignments`, { method: "POST", body: "{}" });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get("www-authenticate")).toContain("Bearer");
    const wrongMethod = await fetch(`${origin}/api/v1/pools`, { method: "DELETE", headers: { Authorization: `Bearer ${key}` } });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET");
    const nowhere = await fetch(`${origin}/api/v1/nowhere`, { headers: { Authorization: `Bearer ${key}` } });
    expect(nowhere.status).toBe(404);
    expect(nowhere.headers.get("content-type")).toContain("application/problem+json");
    const pools = await fetch(`${origin}/api/v1/pools`, { headers: { Authorization: `Bearer ${key}` } });
    expect(pools.status).toBe(200);
    expect(JSON.stringify(await pools.json())).toContain("Production pool");
  });

  it("serves the OpenAPI document, the built assets and the app's pages through the Remix app", async () => {
    const openapi = await fetch(`${origin}/api/v1/openapi.json`);
    expect(openapi.status).toBe(200);
    expect(((await openapi.json()) as { openapi: string }).openapi).toMatch(/^3\.1/);
    const asset = readdirSync(path.join(ROOT, "build", "client", "assets")).find((name) => name.endsWith(".js"))!;
    const served = await fetch(`${origin}/assets/${asset}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("cache-control")).toContain("immutable");
    const page = await fetch(`${origin}/`, { redirect: "manual" });
    expect(page.status).toBeLessThan(500);
    expect(log).toContain("GET /api/v1/openapi.json");
  });
});
