import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { isDisposableEmail, maskEmail, normaliseEmail } from "~/domain/analytics/email-patterns";
import { fraudJobHandlers, FRAUD_REFRESH_JOB, refreshFraudCases } from "~/domain/analytics/fraud/refresh.server";
import { type FraudEvidence } from "~/domain/analytics/fraud/signals.server";
import { customerDataOf, redactCustomer } from "~/domain/privacy.server";
import { simulatedClock } from "~/lib/clock";
import type { ShopifyEmulator } from "../../dev/emulator";
import { adminFor, startShopify } from "../campaigns/support";
import { OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { redeem } from "./fraud-support";

// Fraud clustering over hand-made redemptions with hand-checked clusters, and automatic blocking
// from the refresh job against the emulator's customers (tagsAdd).
const NOW = new Date("2026-11-20T12:00:00Z");
let emulator: ShopifyEmulator;
let stop: () => void;

beforeAll(async () => {
  ({ emulator, stop } = await startShopify({ withFunction: false }));
});
afterAll(() => stop());
beforeEach(async () => {
  await prisma.blockedCustomer.deleteMany();
  await prisma.fraudCase.deleteMany();
  await prisma.redemption.deleteMany();
  await prisma.shop.updateMany({ data: { settings: "{}" } });
});

const refresh = (shop = TEST_SHOP) => refreshFraudCases(prisma, shop, { now: NOW });
const cases = (shop = TEST_SHOP) => prisma.fraudCase.findMany({ where: { shopDomain: shop }, orderBy: { id: "asc" } });
const evidenceOf = (row: { evidence: string }) => JSON.parse(row.evidence) as FraudEvidence;

describe("email patterns", () => {
  it("reads dotted Gmail and googlemail variants, plus-addressing and case as one inbox", () => {
    expect(normaliseEmail("John.Smith+promo@GoogleMail.com")).toBe("johnsmith@gmail.com");
    expect(normaliseEmail("j.o.h.n.smith@gmail.com")).toBe("johnsmith@gmail.com");
    // Plus-addressing is stripped for every domain; dots only matter to Gmail.
    expect(normaliseEmail("Ann.Lee+2@Outlook.com")).toBe("ann.lee@outlook.com");
    expect(normaliseEmail("not-an-email")).toBeNull();
  });

  it("knows throwaway inbox services, subdomains included, and masks addresses for the review", () => {
    expect(isDisposableEmail("x@mailinator.com")).toBe(true);
    expect(isDisposableEmail("x@eu.mailinator.com")).toBe(true);
    expect(isDisposableEmail("x@gmail.com")).toBe(false);
    expect(maskEmail("jane@gmail.com")).toBe("j***@gmail.com");
    expect(maskEmail("redacted:abc")).toBe("(redacted)");
  });
});

describe("clustering first-order and single-use redemptions", () => {
  it("opens an IP case when two different customers redeem first-order codes from one IP", async () => {
    const a = await redeem({ customerId: "gid://shopify/Customer/1", email: "alice@example.com", clientIp: "203.0.113.7", codeDiscount: "10.00" });
    const b = await redeem({ customerId: "gid://shopify/Customer/2", email: "bob@example.net", clientIp: "203.0.113.7", codeDiscount: "12.50" });
    await redeem({ customerId: "gid://shopify/Customer/3", email: "carol@example.org", clientIp: "198.51.100.1" });

    const result = await refresh();
    expect(result).toMatchObject({ clusters: 1, created: 1 });
    const [row] = await cases();
    expect(row).toMatchObject({ signal: "ip", status: "open" });
    // The IP is personal data: the key is a hash, the evidence shows the network part only.
    expect(row.clusterKey).not.toContain("203.0.113");
    expect(JSON.parse(row.redemptionIds)).toEqual([a.id, b.id]);
    const evidence = evidenceOf(row);
    expect(evidence).toMatchObject({
      shared: "203.0.113.***",
      distinct: 2,
      redemptions: 2,
      discount: "22.50",
      customerIds: ["gid://shopify/Customer/1", "gid://shopify/Customer/2"],
    });
    expect(evidence.orders.map((order) => order.email)).toEqual(["a***@example.com", "b***@example.net"]);
    expect(row.evidence).not.toContain("alice@");
  });

  it("opens an address case and a device case on a shared shipping address hash and user-agent hash", async () => {
    await redeem({ email: "one@example.com", shippingAddressHash: "addr-1", userAgentHash: "ua-1" });
    await redeem({ email: "two@example.com", shippingAddressHash: "addr-1", userAgentHash: "ua-2" });
    await redeem({ email: "three@example.com", shippingAddressHash: "addr-2", userAgentHash: "ua-2" });

    await refresh();
    const rows = await cases();
    expect(rows.map((row) => [row.signal, row.clusterKey, evidenceOf(row).distinct])).toEqual([
      ["address", "addr-1", 2],
      ["device", "ua-2", 2],
    ]);
  });

  it("clusters dotted Gmail variants and plus-addressed variants as one inbox each", async () => {
    await redeem({ email: "john.smith@gmail.com" });
    await redeem({ email: "johnsmith@googlemail.com" });
    await redeem({ email: "j.ohnsmith+deal@gmail.com" });
    await redeem({ email: "ann+1@outlook.com" });
    await redeem({ email: "ann+2@outlook.com" });
    await redeem({ email: "solo@outlook.com" });

    await refresh();
    const rows = await cases();
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.signal === "email_pattern")).toBe(true);
    expect(rows.map((row) => [evidenceOf(row).shared, evidenceOf(row).distinct])).toEqual([
      ["j***@gmail.com", 3],
      ["a***@outlook.com", 2],
    ]);
  });

  it("groups addresses at throwaway inbox services into one case", async () => {
    await redeem({ email: "first@mailinator.com" });
    await redeem({ email: "second@yopmail.com" });
    await redeem({ email: "real@example.com" });

    await refresh();
    const [row, ...others] = await cases();
    expect(others).toHaveLength(0);
    expect(row).toMatchObject({ signal: "email_pattern", clusterKey: "disposable" });
    expect(evidenceOf(row).orders.map((order) => order.email)).toEqual(["f***@mailinator.com", "s***@yopmail.com"]);
  });

  it("opens nothing for different people, one person's repeat orders, or shared codes bought by returning customers", async () => {
    // Two different people: nothing in common.
    await redeem({
      customerId: "gid://shopify/Customer/1",
      email: "alice@example.com",
      clientIp: "203.0.113.1",
      shippingAddressHash: "a1",
      userAgentHash: "u1",
    });
    await redeem({ customerId: "gid://shopify/Customer/2", email: "bob@example.com", clientIp: "203.0.113.2", shippingAddressHash: "a2", userAgentHash: "u2" });
    // The same customer twice from one IP is one person.
    await redeem({
      customerId: "gid://shopify/Customer/3",
      email: "carol@example.com",
      clientIp: "198.51.100.9",
      code: "VIP-1",
      couponId: 5,
      newCustomer: false,
    });
    await redeem({
      customerId: "gid://shopify/Customer/3",
      email: "carol@example.com",
      clientIp: "198.51.100.9",
      code: "VIP-2",
      couponId: 6,
      newCustomer: false,
    });
    // A shared code used by returning customers is neither first-order nor single-use.
    await redeem({ customerId: "gid://shopify/Customer/4", code: "LOYALTY15", newCustomer: false, clientIp: "192.0.2.5" });
    await redeem({ customerId: "gid://shopify/Customer/5", code: "LOYALTY15", newCustomer: false, clientIp: "192.0.2.5" });
    // Outside the 90-day lookback.
    await redeem({ customerId: "gid://shopify/Customer/6", clientIp: "192.0.2.9", processedAt: new Date("2026-06-01T00:00:00Z") });
    await redeem({ customerId: "gid://shopify/Customer/7", clientIp: "192.0.2.9", processedAt: new Date("2026-06-02T00:00:00Z") });

    expect(await refresh()).toMatchObject({ clusters: 0, created: 0 });
    expect(await cases()).toEqual([]);
  });

  it("counts single-use pool codes of returning customers, honours the threshold, and upserts by signal and key", async () => {
    await redeem({ customerId: "gid://shopify/Customer/1", couponId: 1, code: "VIP-1", newCustomer: false, clientIp: "203.0.113.50" });
    await redeem({ customerId: "gid://shopify/Customer/2", couponId: 2, code: "VIP-2", newCustomer: false, clientIp: "203.0.113.50" });
    expect(await refreshFraudCases(prisma, TEST_SHOP, { now: NOW, minClusterSize: 3 })).toMatchObject({ clusters: 0 });

    expect(await refresh()).toMatchObject({ created: 1 });
    expect(await refresh()).toMatchObject({ created: 0, updated: 0 });
    const [row] = await cases();
    await prisma.fraudCase.update({ where: { id: row.id }, data: { status: "dismissed" } });
    expect(await refresh()).toMatchObject({ created: 0, reopened: 0 });
    expect((await cases())[0].status).toBe("dismissed");

    // A new customer joins the cluster: the dismissed case opens again with three customers.
    await redeem({ customerId: "gid://shopify/Customer/3", couponId: 3, code: "VIP-3", newCustomer: false, clientIp: "203.0.113.50" });
    expect(await refresh()).toMatchObject({ created: 0, reopened: 1 });
    const [reopened, ...none] = await cases();
    expect(none).toHaveLength(0);
    expect(reopened).toMatchObject({ id: row.id, status: "open" });
    expect(evidenceOf(reopened).distinct).toBe(3);
  });

  it("creates each case once when two refreshes run at the same time", async () => {
    await redeem({ customerId: "gid://shopify/Customer/1", clientIp: "203.0.113.7" });
    await redeem({ customerId: "gid://shopify/Customer/2", clientIp: "203.0.113.7" });
    await Promise.all([refresh(), refresh(), refresh()]);
    expect(await cases()).toHaveLength(1);
  });

  it("keeps every shop's clusters to itself", async () => {
    await redeem({ customerId: "gid://shopify/Customer/1", clientIp: "203.0.113.7" });
    await redeem({ shop: OTHER_SHOP, customerId: "gid://shopify/Customer/2", clientIp: "203.0.113.7" });
    await refresh();
    await refresh(OTHER_SHOP);
    expect(await prisma.fraudCase.count()).toBe(0);
  });
});

const tagsOf = (customerId: string) => emulator.store(TEST_SHOP).customers.get(customerId)!.tags;

describe("automatic blocking", () => {
  it("blocks clusters at the threshold from the refresh job, audited as PromoGuard with the reason", async () => {
    await prisma.shop.update({ where: { domain: TEST_SHOP }, data: { settings: JSON.stringify({ fraudAutoBlock: { enabled: true, minClusterSize: 3 } }) } });
    const seed = emulator.seedFor(TEST_SHOP);
    const people = [seed.customer({ email: "p1@example.com" }), seed.customer({ email: "p2@example.com" })];
    for (const person of people) await redeem({ customerId: person.id, email: person.email, shippingAddressHash: "same-door" });

    const clock = simulatedClock(NOW.getTime());
    const run = fraudJobHandlers({ adminFor })[FRAUD_REFRESH_JOB];
    const job = { id: 1, shopDomain: TEST_SHOP, type: FRAUD_REFRESH_JOB, payload: null, attempts: 1, maxAttempts: 5, lease: "test" };
    await run({ db: prisma, job, clock, heartbeat: async () => {} });
    // Two customers: below the threshold of three, the case waits for a person.
    expect((await cases())[0].status).toBe("open");
    expect(await prisma.blockedCustomer.count()).toBe(0);

    const third = seed.customer({ email: "p3@example.com" });
    await redeem({ customerId: third.id, email: third.email, shippingAddressHash: "same-door" });
    await run({ db: prisma, job, clock, heartbeat: async () => {} });
    const [row] = await cases();
    expect(row.status).toBe("blocked");
    for (const person of [...people, third]) expect(tagsOf(person.id)).toContain("promoguard-blocked");
    expect(await prisma.blockedCustomer.count({ where: { blockedById: null } })).toBe(3);
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { action: "fraud.auto-block", entityId: String(row.id) } });
    expect(audit).toMatchObject({ actorId: null, actorName: "PromoGuard" });
    expect(audit.reason).toContain("threshold of 3");
  });
});

describe("the emulator's tagsAdd and tagsRemove on customers", () => {
  const TAGS_ADD = `mutation ($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { node { id } userErrors { field message } } }`;
  const TAGS_REMOVE = `mutation ($id: ID!, $tags: [String!]!) { tagsRemove(id: $id, tags: $tags) { node { id } userErrors { field message } } }`;

  it("adds each tag once (commas split, case ignored) and removes them", async () => {
    const customer = emulator.seedFor(TEST_SHOP).customer({ tags: ["VIP"] });
    const added = await emulator.graphql(TEST_SHOP, TAGS_ADD, { id: customer.id, tags: ["vip, promoguard-blocked", " promoguard-blocked "] });
    expect(added).toMatchObject({ data: { tagsAdd: { node: { id: customer.id }, userErrors: [] } } });
    expect(tagsOf(customer.id)).toEqual(["VIP", "promoguard-blocked"]);
    await emulator.graphql(TEST_SHOP, TAGS_REMOVE, { id: customer.id, tags: ["PROMOGUARD-BLOCKED", "never-there"] });
    expect(tagsOf(customer.id)).toEqual(["VIP"]);
  });

  it("answers a missing customer with a user error and another resource type as not implemented", async () => {
    const missing = await emulator.graphql(TEST_SHOP, TAGS_ADD, { id: "gid://shopify/Customer/999999", tags: ["x"] });
    expect(missing).toMatchObject({ data: { tagsAdd: { node: null, userErrors: [{ field: ["id"] }] } } });
    const order = (await emulator.graphql(TEST_SHOP, TAGS_ADD, { id: "gid://shopify/Order/1", tags: ["x"] })) as {
      errors?: { extensions?: { code?: string } }[];
    };
    expect(order.errors?.[0]?.extensions?.code).toBe("NOT_IMPLEMENTED_BY_EMULATOR");
  });
});

describe("customers/redact and data requests", () => {
  it("hands over a blocked customer's block, then removes it and their id and email from every case's evidence, keeping the others", async () => {
    const gone = { id: "gid://shopify/Customer/7101", email: "leaving@example.com" };
    const stays = { id: "gid://shopify/Customer/7102", email: "staying@example.com" };
    for (const who of [gone, stays])
      await redeem({ customerId: who.id, email: who.email, clientIp: "198.51.100.23", processedAt: new Date("2026-11-18T10:00:00Z") });
    await refresh();
    const [fraudCase] = await cases();
    for (const who of [gone, stays])
      await prisma.blockedCustomer.create({ data: { shopDomain: TEST_SHOP, customerId: who.id, reason: "Same IP", fraudCaseId: fraudCase.id } });
    await prisma.blockedCustomer.create({ data: { shopDomain: OTHER_SHOP, customerId: gone.id, reason: "Another shop's block" } });

    const data = await customerDataOf(prisma, TEST_SHOP, "7101", gone.email);
    expect(data.fraudBlocks).toEqual([{ reason: "Same IP", blockedAt: expect.any(Date) }]);

    await redactCustomer(prisma, TEST_SHOP, "7101", gone.email);
    expect((await prisma.blockedCustomer.findMany({ orderBy: { id: "asc" } })).map((row) => [row.shopDomain, row.customerId])).toEqual([
      [TEST_SHOP, stays.id],
      [OTHER_SHOP, gone.id],
    ]);
    const evidence = evidenceOf((await cases())[0]);
    expect(evidence.customerIds).toEqual([stays.id]);
    expect(evidence.orders.map((order) => [order.customerId, order.email])).toEqual([
      [null, "(redacted)"],
      [stays.id, maskEmail(stays.email)],
    ]);
    expect(JSON.stringify(evidence)).not.toContain("7101");
    expect(evidence.redemptions).toBe(2);
  });
});
