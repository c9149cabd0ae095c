import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { refreshFraudCases } from "~/domain/analytics/fraud/refresh.server";
import { type FraudEvidence } from "~/domain/analytics/fraud/signals.server";
import { readAutoBlockSettings } from "~/domain/analytics/fraud-settings";
import { assignCoupon } from "~/domain/pools/assignments.server";
import { addCoupon } from "~/domain/pools/coupons.server";
import { createPool } from "~/domain/pools/pools.server";
import { poolStore } from "~/domain/pools/store.server";
import type { ShopifyEmulator } from "../../dev/emulator";
import { startShopify } from "../campaigns/support";
import { startRemixApp } from "../support/remix-server";
import { adminRequest, OTHER_SHOP, TEST_SHOP, testStaff } from "../support/shopify-app";
import { redeem } from "./fraud-support";

// The fraud review's decisions through the whole app in-process: real session tokens per role,
// Remix routing, and the emulator's customers behind tagsAdd / tagsRemove.
const NOW = new Date("2026-11-20T12:00:00Z");
let app: Awaited<ReturnType<typeof startRemixApp>>;
let emulator: ShopifyEmulator;
let stop: () => void;

beforeAll(async () => {
  ({ emulator, stop } = await startShopify({ withFunction: false }));
  app = await startRemixApp();
});
afterAll(async () => {
  await app?.close();
  stop();
});
beforeEach(async () => {
  await prisma.blockedCustomer.deleteMany();
  await prisma.fraudCase.deleteMany();
  await prisma.redemption.deleteMany();
  await prisma.shop.updateMany({ data: { settings: "{}" } });
});

const refresh = (shop = TEST_SHOP) => refreshFraudCases(prisma, shop, { now: NOW });
const cases = (shop = TEST_SHOP) => prisma.fraudCase.findMany({ where: { shopDomain: shop }, orderBy: { id: "asc" } });

const send = async (path: string, init: RequestInit = {}, shop = TEST_SHOP, as: Parameters<typeof adminRequest>[3] = "owner") =>
  app.fetch(await adminRequest(path, init, shop, as));
const ROUTE = "routes/app.analytics.fraud";
const data = (query = "") => `/app/analytics/fraud?${query}${query ? "&" : ""}_data=${encodeURIComponent(ROUTE)}`;
const post = (intent: string, fields: Record<string, string>, shop = TEST_SHOP, as: Parameters<typeof adminRequest>[3] = "owner") =>
  send(data(`intent=${intent}`), { method: "POST", body: new URLSearchParams(fields) }, shop, as);

/** Two emulator customers redeeming WELCOME10 from one IP, clustered into one open case. */
async function ipCase() {
  const seed = emulator.seedFor(TEST_SHOP);
  const first = seed.customer({ email: "mia@example.com", tags: ["newsletter"] });
  const second = seed.customer({ email: "max@example.com" });
  await redeem({ customerId: first.id, email: "mia@example.com", clientIp: "203.0.113.99" });
  await redeem({ customerId: second.id, email: "max@example.com", clientIp: "203.0.113.99" });
  await refresh();
  const [row] = await cases();
  return { caseId: row.id, customers: [first, second] };
}

const tagsOf = (customerId: string) => emulator.store(TEST_SHOP).customers.get(customerId)!.tags;

describe("the fraud review page", () => {
  it("lists the shop's open cases with masked evidence, and none of another shop's", async () => {
    const { caseId } = await ipCase();
    const mine = (await (await send(data())).json()) as { cases: { id: number; evidence: FraudEvidence }[] };
    expect(mine.cases.map((fraudCase) => fraudCase.id)).toEqual([caseId]);
    expect(JSON.stringify(mine)).not.toContain("mia@example.com");
    const theirs = (await (await send(data(), {}, OTHER_SHOP)).json()) as { cases: unknown[] };
    expect(theirs.cases).toEqual([]);
  });

  it("blocks: tags both customers in Shopify, records them and audits who did it", async () => {
    const { caseId, customers } = await ipCase();
    const response = await post("block", { caseId: String(caseId) });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });

    for (const customer of customers) expect(tagsOf(customer.id)).toContain("promoguard-blocked");
    expect(tagsOf(customers[0].id)).toContain("newsletter");
    const blocked = await prisma.blockedCustomer.findMany({ where: { shopDomain: TEST_SHOP }, orderBy: { customerId: "asc" } });
    const manager = await testStaff("owner");
    expect(blocked.map((row) => [row.customerId, row.fraudCaseId, row.blockedById])).toEqual(
      customers.map((customer) => [customer.id, caseId, manager.id]).sort(),
    );
    expect((await prisma.fraudCase.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("blocked");
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { shopDomain: TEST_SHOP, action: "fraud.block" } });
    expect(audit).toMatchObject({ actorId: manager.id, entityType: "FraudCase", entityId: String(caseId) });
    expect(audit.diff).toMatchObject({ status: { before: "open", after: "blocked" } });
    expect(audit.diff).not.toContain("@example.com");

    // Unblock one: the tag goes, the record goes, the audit says so.
    const row = blocked[0];
    expect((await post("unblock", { blockedId: String(row.id) })).status).toBe(200);
    expect(tagsOf(row.customerId)).not.toContain("promoguard-blocked");
    expect(await prisma.blockedCustomer.count({ where: { shopDomain: TEST_SHOP } })).toBe(1);
    expect(await prisma.auditEntry.count({ where: { shopDomain: TEST_SHOP, action: "fraud.unblock", entityId: row.customerId } })).toBe(1);
  });

  it("refuses a requester before anything changes", async () => {
    const { caseId, customers } = await ipCase();
    const auditsBefore = await prisma.auditEntry.count();
    for (const [intent, fields] of [
      ["block", { caseId: String(caseId) }],
      ["dismiss", { caseId: String(caseId) }],
      ["revoke", { caseId: String(caseId) }],
    ] as const) {
      const response = await post(intent, fields, TEST_SHOP, "requester");
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ permission: "fraud.review" });
    }
    // Automatic blocking is the owner's: a manager may review cases but not change it.
    const settings = await post("settings", { enabled: "true", minClusterSize: "2" }, TEST_SHOP, "manager");
    expect(settings.status).toBe(403);
    for (const customer of customers) expect(tagsOf(customer.id)).not.toContain("promoguard-blocked");
    expect(await prisma.blockedCustomer.count()).toBe(0);
    expect((await prisma.fraudCase.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("open");
    expect((await prisma.shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } })).settings).toBe("{}");
    expect(await prisma.auditEntry.count()).toBe(auditsBefore);
  });

  it("answers another shop's case id exactly like a missing one", async () => {
    const { caseId } = await ipCase();
    for (const intent of ["block", "dismiss", "revoke"]) {
      const foreign = await post(intent, { caseId: String(caseId) }, OTHER_SHOP);
      const missing = await post(intent, { caseId: "999999" }, OTHER_SHOP);
      expect(foreign.status).toBe(404);
      expect(await foreign.json()).toEqual(await missing.json());
    }
    const blocked = await prisma.blockedCustomer.create({ data: { shopDomain: TEST_SHOP, customerId: "gid://shopify/Customer/424242", reason: "test" } });
    expect((await post("unblock", { blockedId: String(blocked.id) }, OTHER_SHOP)).status).toBe(404);
    expect((await prisma.fraudCase.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("open");
    expect(await prisma.blockedCustomer.count({ where: { id: blocked.id } })).toBe(1);
  });

  it("dismisses with an audit entry", async () => {
    const { caseId } = await ipCase();
    expect((await post("dismiss", { caseId: String(caseId), reason: "Office network" })).status).toBe(200);
    expect((await prisma.fraudCase.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("dismissed");
    expect(await prisma.auditEntry.findFirst({ where: { action: "fraud.dismiss", entityId: String(caseId) } })).toMatchObject({ reason: "Office network" });
  });

  it("revokes the unused codes handed to the case's addresses, leaving used ones alone", async () => {
    const store = poolStore();
    const pool = await createPool(store, TEST_SHOP, "Fraud pool");
    for (const code of ["FR-1", "FR-2", "FR-3"]) await addCoupon(store, pool, { code });
    const used = (await assignCoupon(store, pool, { email: "mia@example.com", source: "api" })).assignment;
    const unused = (await assignCoupon(store, pool, { email: "mia@example.com", source: "api" })).assignment;
    const someoneElse = (await assignCoupon(store, pool, { email: "other@example.com", source: "api" })).assignment;
    await prisma.coupon.update({ where: { id: used.couponId }, data: { redeemedAt: new Date("2026-11-10T10:00:00Z") } });
    const { caseId } = await ipCase();

    const response = await post("revoke", { caseId: String(caseId) });
    expect(await response.json()).toMatchObject({ ok: true, message: expect.stringContaining(unused.code) });
    const revokedAt = async (id: number) => (await prisma.couponAssignment.findUniqueOrThrow({ where: { id } })).revokedAt;
    expect(await revokedAt(unused.id)).not.toBeNull();
    expect(await revokedAt(used.id)).toBeNull();
    expect(await revokedAt(someoneElse.id)).toBeNull();
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { action: "fraud.revoke", entityId: String(caseId) } });
    expect(audit.diff).toEqual({ revokedCodes: { before: [], after: [unused.code] } });
  });
});

describe("the automatic blocking setting", () => {
  it("is changed by the owner only, with a clear message for a bad size", async () => {
    const bad = await post("settings", { enabled: "true", minClusterSize: "1" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: { minClusterSize: 'Cluster size must be a whole number from 2 to 100, got "1".' } });
    expect((await post("settings", { enabled: "true", minClusterSize: "2" })).status).toBe(200);
    const { settings } = await prisma.shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } });
    expect(JSON.parse(settings)).toEqual({ fraudAutoBlock: { enabled: true, minClusterSize: 2 } });
    expect(await prisma.auditEntry.count({ where: { action: "fraud.auto-block.settings" } })).toBeGreaterThan(0);
  });

  it("is checked in the browser with the schema the action reads it with: same message, same field", async () => {
    for (const minClusterSize of ["1", "two", "101", ""]) {
      const inBrowser = readAutoBlockSettings({ enabled: "true", minClusterSize });
      expect(inBrowser.ok).toBe(false);
      const answer = (await (await post("settings", { enabled: "true", minClusterSize })).json()) as { errors: Record<string, string> };
      expect(answer.errors).toEqual(!inBrowser.ok && inBrowser.errors);
    }
    expect(readAutoBlockSettings({ enabled: "", minClusterSize: "5" })).toEqual({ ok: true, value: { enabled: false, minClusterSize: 5 } });
  });
});

describe("the page itself", () => {
  it("renders the open cases with the evidence and the decisions", async () => {
    await ipCase();
    const response = await send("/app/analytics/fraud");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Fraud review");
    expect(html).toContain("Same IP address");
    expect(html).toContain("m***@example.com");
    expect(html).toContain("Block customers");
    expect(html).not.toContain("mia@example.com");
  });
});
