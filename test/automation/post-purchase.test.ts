// Post-purchase codes, driven as they happen: a rule saved as the page saves it, orders placed in
// the emulated shop with their orders/create webhooks delivered signed (and repeated) to the app,
// the job queue run on a simulated clock by workers that come and go (a restart, a worker that dies
// holding the job), and what the customer gets: one code, the metafield the thank-you block reads,
// the Coupon assigned trigger, and an email through a local SMTP server.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { savePostPurchaseRule, setPostPurchaseRuleStatus } from "~/domain/automation/post-purchase-rules.server";
import { POST_PURCHASE_JOB } from "~/domain/automation/post-purchase.server";
import { holdoutBucket } from "~/domain/pools/assignments.server";
import { addCoupon } from "~/domain/pools/coupons.server";
import { createPool, type Pool } from "~/domain/pools/pools.server";
import { poolStore } from "~/domain/pools/store.server";
import { toStaff } from "~/domain/governance/staff.server";
import { handleComplianceRequest } from "~/domain/privacy.server";
import { redactedEmail } from "~/domain/pools/redaction.server";
import { simulatedClock } from "~/lib/clock";
import { claimJob } from "~/jobs/queue.server";
import { throttledAdmin } from "~/shopify/admin-graphql.server";
import { legacyId } from "../../dev/emulator/admin/ids";
import { customersDataRequestPayload, customersRedactPayload, type ShopifyEmulator } from "../../dev/emulator";
import { adminFor, appNamespace, startShopify } from "../campaigns/support";
import { orderPayload, sendOrderWebhook } from "../redemptions/support";
import { TEST_SHOP, testStaff } from "../support/shopify-app";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { runAppJobs } from "./support";

const DAY_MS = 86_400_000;
let emulator: ShopifyEmulator;
let stop: () => void;
let kettle: { product: string; variant: string };
let mug: { product: string; variant: string };
let kitchen: string;
let counter = 0;

let sink: SmtpSink;
let received: SmtpSink["received"];

beforeAll(async () => {
  ({ emulator, stop } = await startShopify({ withFunction: false }));
  const seed = emulator.seedFor(TEST_SHOP);
  kitchen = seed.collection({ title: "Kitchen", handle: "kitchen" }).id;
  const product = (title: string, price: string, collectionIds: string[] = []) => {
    const record = seed.product({ title, collectionIds, variants: [{ sku: title.toUpperCase().replace(/\W/g, "-"), price, cost: "10.00" }] });
    return { product: record.id, variant: record.variantIds[0] };
  };
  kettle = product("Pour-over kettle", "95.00", [kitchen]);
  mug = product("Stoneware mug", "24.00");
  sink = await startSmtpSink();
  received = sink.received;
});
afterAll(async () => {
  stop();
  await sink.close();
});
beforeEach(async () => {
  // Each test's rules alone answer its orders.
  await prisma.postPurchaseRule.deleteMany();
});
afterEach(() => {
  delete process.env.SMTP_URL;
  received.length = 0;
});

async function poolWith(count: number): Promise<Pool> {
  const pool = await createPool(poolStore(), TEST_SHOP, `Thank-you codes ${++counter}`);
  for (let index = 0; index < count; index++) await addCoupon(poolStore(), pool, { code: `THANKS-${counter}-${index}` });
  return pool;
}

/** Saves a rule as the rules page does (form fields, as the Owner). */
async function rule(fields: Record<string, string>) {
  const owner = toStaff(await testStaff("owner"));
  const call = throttledAdmin(await adminFor(TEST_SHOP), { clock: simulatedClock(Date.now()) }).call;
  const saved = await savePostPurchaseRule(prisma, call, TEST_SHOP, owner, null, {
    name: `Kettle buyers ${++counter}`,
    triggerProducts: JSON.stringify([kettle.product]),
    codeSource: "pool",
    validityDays: "14",
    offerProducts: JSON.stringify([mug.product]),
    message: "15% off mugs to go with your kettle",
    delayDays: "0",
    ...fields,
  });
  if (!saved?.ok) throw new Error(`The rule was refused: ${JSON.stringify(saved)}`);
  return saved.rule;
}

/** A customer's order of `lines`, delivered to the app as orders/create. */
async function order(email: string, lines: { variantId: string; quantity?: number }[], options: { processedAt?: Date; webhookId?: string } = {}) {
  const customer = emulator.seedFor(TEST_SHOP).customer({ firstName: "Kai", email });
  const placed = emulator.seedFor(TEST_SHOP).order({
    customerId: customer.id,
    email,
    lines,
    ...(options.processedAt ? { processedAt: options.processedAt.toISOString(), createdAt: options.processedAt.toISOString() } : {}),
  });
  expect(await sendOrderWebhook("orders/create", orderPayload(emulator, placed), { webhookId: options.webhookId ?? `create-${placed.id}` })).toBe(200);
  return { customer, placed };
}

const nextCodeOf = (customerId: string) => {
  const record = emulator.store(TEST_SHOP).findMetafield(customerId, appNamespace(emulator), "next-code");
  return record ? JSON.parse(record.value) : null;
};

describe("post-purchase codes", () => {
  it("assign one code per order after the rule's delay, across a restart and a worker that died holding the job, however often the webhook repeats", async () => {
    const pool = await poolWith(3);
    const saved = await rule({ poolId: String(pool.id), delayDays: "3" });
    const placedAt = new Date(Date.now() - 60_000);
    const { customer, placed } = await order("kai.kettle@example.com", [{ variantId: kettle.variant }, { variantId: mug.variant, quantity: 2 }], {
      processedAt: placedAt,
      webhookId: "kettle-order",
    });
    // Shopify repeats the delivery, and sends orders/updated for an edit.
    expect(await sendOrderWebhook("orders/create", orderPayload(emulator, placed), { webhookId: "kettle-order" })).toBe(200);
    expect(await sendOrderWebhook("orders/updated", orderPayload(emulator, placed))).toBe(200);

    // The queue's clock starts now: the webhooks' jobs are due.
    const clock = simulatedClock(Date.now());
    await runAppJobs(clock);
    const answered = await prisma.postPurchaseOrder.findMany({ where: { orderId: placed.id } });
    expect(answered).toEqual([
      expect.objectContaining({ ruleId: saved.id, status: "scheduled", email: "kai.kettle@example.com", sendAt: new Date(placedAt.getTime() + 3 * DAY_MS) }),
    ]);
    expect(await prisma.couponAssignment.count({ where: { poolId: pool.id } })).toBe(0);

    // The app restarts a day later: a new worker, a new database connection for the pools. Not due yet.
    poolStore().close();
    clock.advance(DAY_MS);
    await runAppJobs(clock);
    expect(await prisma.couponAssignment.count({ where: { poolId: pool.id } })).toBe(0);

    // Due: a worker takes the job and dies before finishing it; after its lease, another one does it.
    clock.advance(2 * DAY_MS);
    const taken = await claimJob(prisma, { workerId: "worker-that-died", leaseMs: 60_000, now: clock.now() });
    expect(taken).toMatchObject({ type: POST_PURCHASE_JOB, payload: { id: answered[0].id } });
    clock.advance(2 * 60_000);
    const runsBefore = emulator.flow.triggerRuns().length;
    await runAppJobs(clock);
    // A late duplicate of the webhook (Shopify retries for 48 hours) changes nothing.
    expect(await sendOrderWebhook("orders/create", orderPayload(emulator, placed), { webhookId: "kettle-order-again" })).toBe(200);
    await runAppJobs(clock);

    const assignments = await prisma.couponAssignment.findMany({ where: { poolId: pool.id } });
    expect(assignments).toEqual([
      expect.objectContaining({
        email: "kai.kettle@example.com",
        source: "post_purchase",
        idempotencyKey: `post-purchase:${placed.id}`,
        assignedAt: clock.now(),
        expiresAt: new Date(clock.epochMs + 14 * DAY_MS),
      }),
    ]);
    expect(await prisma.postPurchaseOrder.findUniqueOrThrow({ where: { id: answered[0].id } })).toMatchObject({
      status: "assigned",
      assignmentId: assignments[0].id,
    });
    expect(nextCodeOf(customer.id)).toEqual({
      code: assignments[0].code,
      message: "15% off mugs to go with your kettle",
      expiresAt: assignments[0].expiresAt!.toISOString(),
    });
    expect(
      emulator.flow
        .triggerRuns()
        .slice(runsBefore)
        .filter((run) => run.handle === "coupon-assigned")
        .map((run) => run.payload),
    ).toEqual([
      expect.objectContaining({ customer_id: legacyId(customer.id), Code: assignments[0].code, "Assigned by": "Post-purchase rule", "Pool name": pool.name }),
    ]);
  });

  it("with no delay, gives the code at once — on the customer for the thank-you page, and by email when SMTP is configured", async () => {
    process.env.SMTP_URL = sink.url;
    const pool = await poolWith(1);
    await rule({ poolId: String(pool.id) });
    const { customer } = await order("lea.now@example.com", [{ variantId: kettle.variant }]);
    await runAppJobs();

    const [assignment] = await prisma.couponAssignment.findMany({ where: { poolId: pool.id } });
    expect(nextCodeOf(customer.id)).toMatchObject({ code: assignment.code, message: "15% off mugs to go with your kettle" });
    expect(received).toHaveLength(1);
    expect(received[0].to).toEqual(["lea.now@example.com"]);
    expect(received[0].data).toContain(`Your code: ${assignment.code}`);
    expect(received[0].data).toContain("For: Stoneware mug");
    expect(received[0].data).toMatch(/Subject: A code for your next order at test-shop/);
  });

  it("answers only the orders a rule describes: its collections, a minimum subtotal, first orders", async () => {
    const pool = await poolWith(5);
    await rule({ poolId: String(pool.id), triggerProducts: "", triggerCollections: JSON.stringify([kitchen]), minimumSubtotal: "100", firstOrderOnly: "true" });
    await order("small.basket@example.com", [{ variantId: kettle.variant }]); // $95: under $100
    await order("no.kettle@example.com", [{ variantId: mug.variant, quantity: 5 }]); // $120, not from Kitchen
    const returning = emulator.seedFor(TEST_SHOP).customer({ firstName: "Ren", email: "returning@example.com" });
    emulator.seedFor(TEST_SHOP).order({
      customerId: returning.id,
      email: "returning@example.com",
      lines: [{ variantId: mug.variant }],
      createdAt: new Date(Date.now() - 40 * DAY_MS).toISOString(),
    });
    const again = emulator
      .seedFor(TEST_SHOP)
      .order({ customerId: returning.id, email: "returning@example.com", lines: [{ variantId: kettle.variant, quantity: 2 }] });
    expect(await sendOrderWebhook("orders/create", orderPayload(emulator, again))).toBe(200);
    const { placed: first } = await order("first.kettles@example.com", [{ variantId: kettle.variant, quantity: 2 }]); // $190 from Kitchen, first order
    await runAppJobs();

    const answered = await prisma.postPurchaseOrder.findMany({
      where: { email: { in: ["small.basket@example.com", "no.kettle@example.com", "returning@example.com", "first.kettles@example.com"] } },
    });
    expect(answered.map((row) => [row.orderId, row.status])).toEqual([[first.id, "assigned"]]);
  });

  it("holds out the pool campaign's share, and sends nothing for a rule paused before the code was due", async () => {
    const pool = await poolWith(4);
    const campaign = await prisma.campaign.create({
      data: {
        shopDomain: TEST_SHOP,
        name: "Thank-you holdout",
        ownerName: "Sofia",
        ownerEmail: "sofia@example.com",
        purpose: "Measure thank-you codes",
        channel: "post_purchase",
        config: "{}",
        codeSource: "pool",
        poolId: pool.id,
        startsAt: new Date(Date.now() - DAY_MS),
        status: "live",
        holdoutPercent: 50,
      },
    });
    const emails = Array.from({ length: 40 }, (_, index) => `buyer${counter}.${index}@example.com`);
    const heldOut = emails.find((email) => holdoutBucket(campaign.id, email) < 5000)!;
    await rule({ poolId: String(pool.id) });
    const { placed } = await order(heldOut, [{ variantId: kettle.variant }]);
    await runAppJobs();
    expect(await prisma.postPurchaseOrder.findFirstOrThrow({ where: { orderId: placed.id } })).toMatchObject({ status: "held_out", assignmentId: null });
    expect(await prisma.holdoutAssignment.findFirstOrThrow({ where: { campaignId: campaign.id, email: heldOut } })).toMatchObject({ source: "post_purchase" });
    expect(await prisma.couponAssignment.count({ where: { poolId: pool.id } })).toBe(0);

    const other = await poolWith(1);
    const owner = toStaff(await testStaff("owner"));
    const delayed = await rule({ poolId: String(other.id), triggerProducts: JSON.stringify([mug.product]), delayDays: "7" });
    const { placed: mugOrder } = await order("mug.buyer@example.com", [{ variantId: mug.variant }]);
    await runAppJobs();
    await setPostPurchaseRuleStatus(prisma, TEST_SHOP, owner, delayed.id, "paused");
    const clock = simulatedClock(Date.now() + 8 * DAY_MS);
    await runAppJobs(clock);
    expect(await prisma.postPurchaseOrder.findFirstOrThrow({ where: { orderId: mugOrder.id } })).toMatchObject({
      status: "skipped",
      note: "The rule was paused before the code was due.",
    });
    expect(await prisma.couponAssignment.count({ where: { poolId: other.id } })).toBe(0);
  });

  it("lists a customer's post-purchase codes on a data request, and after a redaction forgets them and sends nothing still waiting", async () => {
    process.env.SMTP_URL = sink.url;
    const pool = await poolWith(1);
    await rule({ poolId: String(pool.id), delayDays: "2" });
    const { customer, placed } = await order("Forget.Me@example.com", [{ variantId: kettle.variant }]);
    await runAppJobs();
    const store = emulator.store(TEST_SHOP);

    const request = await handleComplianceRequest(prisma, {
      shop: TEST_SHOP,
      topic: "CUSTOMERS_DATA_REQUEST",
      webhookId: `pp-data-${placed.id}`,
      payload: customersDataRequestPayload(store, customer.id, 7001),
    });
    expect(request.customerData?.postPurchaseCodes).toEqual([{ orderName: placed.name, status: "scheduled", sendAt: expect.any(Date) }]);

    await handleComplianceRequest(prisma, {
      shop: TEST_SHOP,
      topic: "CUSTOMERS_REDACT",
      webhookId: `pp-redact-${placed.id}`,
      payload: customersRedactPayload(store, customer.id),
    });
    expect(await prisma.postPurchaseOrder.findFirstOrThrow({ where: { orderId: placed.id } })).toMatchObject({
      email: redactedEmail(TEST_SHOP, "forget.me@example.com"),
      customerId: null,
    });
    await runAppJobs(simulatedClock(Date.now() + 3 * DAY_MS));
    expect(await prisma.postPurchaseOrder.findFirstOrThrow({ where: { orderId: placed.id } })).toMatchObject({ status: "skipped" });
    expect(await prisma.couponAssignment.count({ where: { poolId: pool.id } })).toBe(0);
    expect(received).toEqual([]);
  });

  it("refuses a rule form with one reason per field and saves nothing: ranges, amounts, products gone from the store, another shop's pool", async () => {
    const owner = toStaff(await testStaff("owner"));
    const call = throttledAdmin(await adminFor(TEST_SHOP), { clock: simulatedClock(Date.now()) }).call;
    const save = (fields: Record<string, string>) =>
      savePostPurchaseRule(prisma, call, TEST_SHOP, owner, null, {
        name: "Broken",
        codeSource: "pool",
        validityDays: "30",
        message: "Hi",
        delayDays: "0",
        ...fields,
      });
    const otherShopPool = await createPool(poolStore(), "other-shop.myshopify.com", `Theirs ${++counter}`);
    const before = await prisma.postPurchaseRule.count();

    expect(await save({ name: " ", delayDays: "61", validityDays: "0", minimumSubtotal: "12,50", message: "" })).toEqual({
      ok: false,
      errors: {
        name: "Enter a name for the rule.",
        delayDays: "Enter the delay in days as a whole number from 0 to 60.",
        validityDays: "Enter how many days the code works as a whole number from 1 to 365.",
        minimumSubtotal: "Enter the minimum subtotal as an amount such as 50 or 49.90, or leave it empty.",
        message: "Write what the customer reads beside the code, such as “15% off our kettles for your next order”.",
      },
    });
    expect(await save({ poolId: String(otherShopPool.id), triggerProducts: JSON.stringify([kettle.product, "gid://shopify/Product/999999"]) })).toEqual({
      ok: false,
      errors: { triggerProducts: "One of these products is no longer in the store: choose them again.", poolId: "Choose the pool the codes come from." },
    });
    expect(await save({ codeSource: "campaign", campaignId: "12", offerProducts: "not json" })).toEqual({
      ok: false,
      errors: { offerProducts: "Choose the products again with the picker." },
    });
    expect(await prisma.postPurchaseRule.count()).toBe(before);
  });
});
