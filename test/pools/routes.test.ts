import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { adminRequest, installShop, OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { startRemixApp } from "../support/remix-server";
import { codeList } from "./support";
import type { ShopifyEmulator } from "../../dev/emulator";
import { startShopify } from "../campaigns/support";
import { readForm } from "~/domain/form-schema";
import { alertSettingsFormSchema, poolNameFormSchema } from "~/domain/pools/rules";

// Every pool screen and endpoint through the whole app in-process: real session tokens, real
// Remix routing, the HTML and JSON a browser would get; Shopify is the emulator.
let app: Awaited<ReturnType<typeof startRemixApp>>;
let emulator: ShopifyEmulator;
let stopShopify: () => void;

beforeAll(async () => {
  ({ emulator, stop: stopShopify } = await startShopify({ withFunction: false }));
  app = await startRemixApp();
  await installShop(TEST_SHOP);
  await installShop(OTHER_SHOP);
});
afterAll(async () => {
  await app.close();
  stopShopify();
});

const send = async (path: string, init: RequestInit = {}, shop = TEST_SHOP) => app.fetch(await adminRequest(path, init, shop));
const post = (path: string, fields: Record<string, string>, shop = TEST_SHOP) => send(path, { method: "POST", body: new URLSearchParams(fields) }, shop);
/** A route's loader or action data as JSON, the way Remix's client asks for it. */
const data = (path: string, routeId: string) => `${path}${path.includes("?") ? "&" : "?"}_data=${encodeURIComponent(routeId)}`;

async function createPoolThroughTheUi(name: string, shop = TEST_SHOP): Promise<number> {
  const response = await post(data("/app/pools?index", "routes/app.pools._index"), { name }, shop);
  expect(response.status).toBe(200);
  return ((await response.json()) as { created: { id: number } }).created.id;
}

async function importThroughTheUi(poolId: number, csv: string, shop = TEST_SHOP) {
  const created = await post(`/app/pools/${poolId}/imports`, { source: "csv", fileName: "codes.csv", totalBytes: String(csv.length) }, shop);
  expect(created.status).toBe(200);
  const { import: job } = (await created.json()) as { import: { id: number } };
  const uploaded = await send(`/app/pools/${poolId}/imports/${job.id}`, { method: "POST", body: csv, headers: { "Content-Type": "text/csv" } }, shop);
  expect(uploaded.status).toBe(200);
  return { id: job.id, summary: ((await uploaded.json()) as { import: Record<string, unknown> }).import };
}

describe("the Coupon Pools screen", () => {
  it("shows the empty state with its call to action before any pool exists", async () => {
    const response = await send("/app/pools");
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const words of ["Coupon Pools", "No coupon pools yet", "Create Pool", "Polaris-EmptyState"]) expect(html).toContain(words);
  });

  it("creates a pool from the Create Coupon Pool form and lists it with its counts", async () => {
    const id = await createPoolThroughTheUi("Welcome series");
    await importThroughTheUi(id, codeList("WS", 3));
    const html = await (await send("/app/pools")).text();
    expect(html).toContain("Welcome series");
    expect(html).toContain(`href="/app/pools/${id}"`);
    expect(html).not.toContain("No coupon pools yet");
  });

  it.each([
    ["", "Enter a pool name."],
    ["x".repeat(101), "Pool names are at most 100 characters (this one has 101)."],
    ["WELCOME SERIES", "A pool named “WELCOME SERIES” already exists. Choose another name."],
  ])("answers the name %j with an inline error", async (name, message) => {
    const response = await post(data("/app/pools?index", "routes/app.pools._index"), { name });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ ok: false, errors: { name: message } });
  });
});

describe("the pool forms' schemas, in the browser and in the action", () => {
  it("finds the same problem on the same field before posting as the action does after", async () => {
    const forms = [
      { path: data("/app/pools?index", "routes/app.pools._index"), schema: poolNameFormSchema, fields: { name: "x".repeat(101) } },
      { path: data("/app/pools?index", "routes/app.pools._index"), schema: poolNameFormSchema, fields: { name: "   " } },
    ];
    for (const { path, schema, fields } of forms) {
      const inBrowser = readForm(schema, fields);
      expect(inBrowser.ok).toBe(false);
      const response = await post(path, fields);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ ok: false, errors: !inBrowser.ok && inBrowser.errors });
    }
    const pool = await post(data("/app/pools?index", "routes/app.pools._index"), { name: "Schema check" });
    const { created } = (await pool.json()) as { created: { id: number } };
    const alerts = { enabled: "true", threshold: "2.5" };
    const inBrowser = readForm(alertSettingsFormSchema, alerts);
    expect(inBrowser).toEqual({ ok: false, errors: { threshold: "Enter a whole number of coupons from 1 to 10,000,000." } });
    const response = await post(data(`/app/pools/${created.id}?intent=alerts`, "routes/app.pools.$id"), alerts);
    expect(await response.json()).toEqual({ ok: false, errors: inBrowser.ok ? {} : inBrowser.errors });
  });
});

describe("a pool's screen", () => {
  let poolId: number;
  beforeAll(async () => {
    poolId = await createPoolThroughTheUi("Abandoned carts");
  });

  it("has the header, alert settings, tabs and the Active Coupons form and list", async () => {
    await importThroughTheUi(poolId, "code,message\nCART-1,Come back!\n");
    const response = await send(`/app/pools/${poolId}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const words of [
      "Abandoned carts",
      'aria-label="Edit pool name"',
      "Import Coupons",
      "Coupon Availability Alerts",
      "Alert when coupons drop below",
      "Set threshold",
      "projected to run out within 7 days",
      "coupons assigned in the last 24 hours",
      "Active Coupons",
      "Assigned History",
      "Code",
      "Message",
      "Pool Expiration",
      "User Expiration",
      "Add",
      "Search coupons",
      "CART-1",
      "Come back!",
      "All coupons listed here are unassigned and ready to be distributed",
    ]) {
      expect(html).toContain(words);
    }
  });

  it("has the Assigned History tab with its columns and actions", async () => {
    const assigned = await post(`/app/pools/${poolId}/assignments?intent=assign`, { email: "Shopper@Example.com" });
    expect(assigned.status).toBe(201);
    const html = await (await send(`/app/pools/${poolId}?tab=history`)).text();
    for (const words of [
      "Email",
      "Source",
      "Assigned At",
      "Refresh",
      "Export CSV",
      "Search assigned coupons",
      "Assign",
      "shopper@example.com",
      "manual",
      "CART-1",
    ]) {
      expect(html).toContain(words);
    }
  });

  it("renames the pool and saves alert settings, with errors next to their fields", async () => {
    const route = "routes/app.pools.$id";
    expect((await post(data(`/app/pools/${poolId}?intent=rename`, route), { name: "Cart recovery" })).status).toBe(200);
    const invalid = await post(data(`/app/pools/${poolId}?intent=alerts`, route), { enabled: "true", threshold: "-3" });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ ok: false, errors: { threshold: "Enter a whole number of coupons from 1 to 10,000,000." } });
    expect((await post(data(`/app/pools/${poolId}?intent=alerts`, route), { enabled: "true", threshold: "25" })).status).toBe(200);
    expect(await prisma.couponPool.findUniqueOrThrow({ where: { id: poolId } })).toMatchObject({
      name: "Cart recovery",
      lowStockAlertEnabled: true,
      lowStockThreshold: 25,
    });
    // One code left, threshold 25: the alert fired once and the pool page shows it.
    const html = await (await send(`/app/pools/${poolId}`)).text();
    expect(html).toContain("Below alert threshold");
    expect(await prisma.poolAlert.count({ where: { poolId, kind: "BELOW_THRESHOLD" } })).toBe(1);
  });

  it("adds one coupon with the Add form and explains a bad code inline", async () => {
    const route = "routes/app.pools.$id";
    const added = await post(data(`/app/pools/${poolId}?intent=addCoupon`, route), {
      code: "CART-2",
      message: "",
      poolExpiration: "2099-06-30",
      userExpirationDays: "7",
    });
    expect(added.status).toBe(200);
    const invalid = await post(data(`/app/pools/${poolId}?intent=addCoupon`, route), { code: "", poolExpiration: "tomorrow" });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({
      ok: false,
      errors: { code: "Code is empty.", poolExpiration: 'Pool expiration "tomorrow" is not a date; use a date like 2027-12-31.' },
    });
    const duplicate = await post(data(`/app/pools/${poolId}?intent=addCoupon`, route), { code: "cart-2" });
    expect(duplicate.status).toBe(400);
    expect(await duplicate.json()).toEqual({ ok: false, errors: { code: "This code is already in this pool." } });
  });
});

describe("codes Shopify already has", () => {
  it("are refused when added or imported, naming the discount that holds them", async () => {
    emulator.seedFor(TEST_SHOP).discount({ title: "Welcome 10% off", summary: "10% off", codes: ["WELCOME10"] });
    const poolId = await createPoolThroughTheUi("Codes Shopify has");
    const added = await post(data(`/app/pools/${poolId}?intent=addCoupon`, "routes/app.pools.$id"), { code: "welcome10" });
    expect(added.status).toBe(400);
    expect(await added.json()).toEqual({
      ok: false,
      errors: { code: "This code already exists in Shopify, in the discount “Welcome 10% off”; Shopify codes are unique across the store, so choose another." },
    });

    const { summary } = await importThroughTheUi(poolId, "code\nFRESH-1\nWelcome10\nFRESH-2\n");
    expect(summary).toMatchObject({ status: "COMPLETED", imported: 2, alreadyInShopify: 1 });
    expect(summary.problems).toEqual([
      { row: 3, code: "Welcome10", reason: "Already a code in Shopify, in the discount “Welcome 10% off”: Shopify codes are unique across the store." },
    ]);
    expect((await prisma.coupon.findMany({ where: { poolId }, orderBy: { id: "asc" } })).map((coupon) => coupon.code)).toEqual(["FRESH-1", "FRESH-2"]);
  });
});

describe("assigning, revoking and exporting through the endpoints", () => {
  it("assigns by email, honours an idempotency key, refuses an empty pool with 409", async () => {
    const poolId = await createPoolThroughTheUi("Manual handouts");
    await importThroughTheUi(poolId, "code\nHAND-1\n");
    const first = await post(`/app/pools/${poolId}/assignments?intent=assign`, { email: "a@example.com", idempotencyKey: "req-1" });
    const again = await post(`/app/pools/${poolId}/assignments?intent=assign`, { email: "a@example.com", idempotencyKey: "req-1" });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    const code = ((await first.json()) as { assignment: { code: string } }).assignment.code;
    expect(((await again.json()) as { assignment: { code: string } }).assignment.code).toBe(code);

    const empty = await post(`/app/pools/${poolId}/assignments?intent=assign`, { email: "b@example.com" });
    expect(empty.status).toBe(409);
    expect(await empty.json()).toMatchObject({ reason: "POOL_EMPTY" });
    const invalid = await post(`/app/pools/${poolId}/assignments?intent=assign`, { email: "nobody" });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ ok: false, errors: { email: '"nobody" is not an email address.' } });
    const dashboard = await (await send("/app")).text();
    expect(dashboard).toContain("Pool alerts");
    expect(dashboard).toContain("Manual handouts: No coupons left");
  });

  it("revokes an assignment, which puts the code back and is shown in the history", async () => {
    const poolId = await createPoolThroughTheUi("Revocations");
    await importThroughTheUi(poolId, "code\nREV-1\n");
    const { assignment } = (await (await post(`/app/pools/${poolId}/assignments?intent=assign`, { email: "r@example.com" })).json()) as {
      assignment: { id: number };
    };
    const revoked = await post(`/app/pools/${poolId}/assignments?intent=revoke`, { assignmentId: String(assignment.id) });
    expect(revoked.status).toBe(200);
    expect(await prisma.coupon.count({ where: { poolId, assignedAt: null } })).toBe(1);
    expect(await (await send(`/app/pools/${poolId}?tab=history`)).text()).toContain("Revoked");
  });

  it("exports Assigned History as CSV with quoting and spreadsheet formulas neutralised", async () => {
    const poolId = await createPoolThroughTheUi("Export me");
    const { summary } = await importThroughTheUi(poolId, ["code", "=1+2", "-SALE", "@SUM(A1)", "+CMD", '"SAY""HI"""', "PLAIN"].join("\n"));
    expect(summary).toMatchObject({ status: "COMPLETED", imported: 6 });
    for (let index = 0; index < 6; index++) {
      expect((await post(`/app/pools/${poolId}/assignments?intent=assign`, { email: `buyer${index}@example.com` })).status).toBe(201);
    }
    const response = await send(`/app/pools/${poolId}/export`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="Export-me-assigned-coupons.csv"');
    const lines = (await response.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("Code,Email,Source,Assigned At,User Expiration,Revoked At");
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(["'=1+2", "'-SALE", "'@SUM(A1)", "'+CMD", '"SAY""HI"""', "PLAIN"]);
    expect(lines[1]).toMatch(/^'=1\+2,buyer0@example\.com,manual,\d{4}-\d{2}-\d{2}T[\d:.]+Z,,$/);
  });
});

describe("shop isolation", () => {
  it("answers 404 to every pool screen and endpoint when another shop guesses the id", async () => {
    const poolId = await createPoolThroughTheUi("Private pool");
    const { id: importId } = await importThroughTheUi(poolId, "code\nSECRET-1\n");
    const { import: pending } = (await (await post(`/app/pools/${poolId}/imports`, { source: "csv" })).json()) as { import: { id: number } };
    const { assignment } = (await (await post(`/app/pools/${poolId}/assignments?intent=assign`, { email: "v@example.com" })).json()) as {
      assignment: { id: number };
    };

    const attempts: [string, RequestInit][] = [
      [`/app/pools/${poolId}`, {}],
      [`/app/pools/${poolId}?tab=history`, {}],
      [data(`/app/pools/${poolId}?intent=rename`, "routes/app.pools.$id"), { method: "POST", body: new URLSearchParams({ name: "Mine now" }) }],
      [data(`/app/pools/${poolId}?intent=addCoupon`, "routes/app.pools.$id"), { method: "POST", body: new URLSearchParams({ code: "INJECTED" }) }],
      [`/app/pools/${poolId}/assignments?intent=assign`, { method: "POST", body: new URLSearchParams({ email: "thief@example.com" }) }],
      [`/app/pools/${poolId}/assignments?intent=revoke`, { method: "POST", body: new URLSearchParams({ assignmentId: String(assignment.id) }) }],
      [`/app/pools/${poolId}/imports`, { method: "POST", body: new URLSearchParams({ source: "csv" }) }],
      [`/app/pools/${poolId}/imports/${importId}`, {}],
      [`/app/pools/${poolId}/imports/${pending.id}`, { method: "POST", body: "code\nINJECTED-2\n" }],
      [`/app/pools/${poolId}/export`, {}],
    ];
    for (const [path, init] of attempts) {
      const response = await send(path, init, OTHER_SHOP);
      expect({ path, method: init.method ?? "GET", status: response.status }).toEqual({ path, method: init.method ?? "GET", status: 404 });
      expect(await response.text()).not.toContain("SECRET-1");
    }
    expect(await prisma.couponPool.findUniqueOrThrow({ where: { id: poolId } })).toMatchObject({ name: "Private pool" });
    expect(await prisma.coupon.count({ where: { poolId } })).toBe(1);
    expect(await prisma.couponAssignment.count({ where: { poolId } })).toBe(1);
    expect(await prisma.couponImport.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ status: "PENDING" });
    expect(await (await send("/app/pools", {}, OTHER_SHOP)).text()).not.toContain("Private pool");
  });

  it("answers 404 to ids that are not numbers", async () => {
    expect((await send("/app/pools/not-a-pool")).status).toBe(404);
    expect((await send("/app/pools/1e3")).status).toBe(404);
  });
});
