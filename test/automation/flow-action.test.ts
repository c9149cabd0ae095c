// The Flow action "Assign a coupon from a pool" through its real route: Flow's signed request
// (built and signed by the emulator's Flow), authenticate.flow, the assignment, and the delivery
// (customer metafield + Coupon assigned trigger, received by the emulator's Flow).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { addCoupon } from "~/domain/pools/coupons.server";
import { createPool, type Pool } from "~/domain/pools/pools.server";
import { poolStore } from "~/domain/pools/store.server";
import { holdoutBucket } from "~/domain/pools/assignments.server";
import { legacyId } from "../../dev/emulator/admin/ids";
import type { ShopifyEmulator } from "../../dev/emulator";
import { appNamespace, startShopify } from "../campaigns/support";
import { OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { runAppJobs, runAssignStep, sendToFlowRoute } from "./support";

let emulator: ShopifyEmulator;
let stop: () => void;
let counter = 0;

beforeAll(async () => {
  ({ emulator, stop } = await startShopify({ withFunction: false }));
});
afterAll(() => stop());

async function poolWith(codes: string[], validityDays?: number): Promise<Pool> {
  const pool = await createPool(poolStore(), TEST_SHOP, `Welcome series ${++counter}`);
  for (const code of codes) await addCoupon(poolStore(), pool, { code, userExpirationDays: validityDays === undefined ? "" : String(validityDays) });
  return pool;
}

function customer(email: string | null, shop = TEST_SHOP) {
  return emulator.seedFor(shop).customer({ firstName: "Ada", lastName: `Shopper ${++counter}`, email });
}

const nextCodeOf = (customerId: string) => {
  const record = emulator.store(TEST_SHOP).findMetafield(customerId, appNamespace(emulator), "next-code");
  return record ? JSON.parse(record.value) : null;
};

describe("the Flow action Assign a coupon from a pool", () => {
  it("refuses a request whose signature is wrong, or whose body was changed after signing, and changes nothing", async () => {
    const pool = await poolWith([`FLOW-A${counter}`]);
    const ada = customer("ada.forged@example.com");
    const [jobsBefore, deliveriesBefore] = [await prisma.job.count(), await prisma.codeDelivery.count()];

    const forged = await runAssignStep(emulator, { customerId: ada.id, pool: pool.name, secret: "not-the-app-secret", retries: 3 });
    const altered = await runAssignStep(emulator, {
      customerId: ada.id,
      pool: pool.name,
      send: async (request) => {
        const body = (await request.text()).replace(pool.name, "Another pool");
        return sendToFlowRoute(new Request(request.url, { method: "POST", headers: request.headers, body }));
      },
    });

    // 400 is a client error Flow does not resend: the step fails once.
    expect(forged.attempts.map((attempt) => attempt.status)).toEqual([400]);
    expect(altered.status).toBe(400);
    expect(await prisma.couponAssignment.count({ where: { poolId: pool.id } })).toBe(0);
    expect(await prisma.codeDelivery.count()).toBe(deliveriesBefore);
    expect(await prisma.job.count()).toBe(jobsBefore);
    expect(nextCodeOf(ada.id)).toBeNull();
  });

  it("assigns once per action run however often Flow resends it, saves the code on the customer and fires Coupon assigned once", async () => {
    const pool = await poolWith([`FLOW-B${counter}-1`, `FLOW-B${counter}-2`], 30);
    const ada = customer("Ada.Flow@Example.com");
    const runsBefore = emulator.flow.triggerRuns().length;

    const first = await runAssignStep(emulator, { customerId: ada.id, pool: pool.name });
    expect(first.status).toBe(200);
    const answer = JSON.parse(first.attempts[0].body) as { outcome: string; code: string; validUntil: string; replayed: boolean };
    expect(answer).toMatchObject({ outcome: "assigned", replayed: false });
    // Flow resends the same run (a timeout on its side): the same code, nothing new.
    for (let resend = 0; resend < 3; resend++) {
      const again = await runAssignStep(emulator, { customerId: ada.id, pool: pool.name, actionRunId: first.actionRunId });
      expect(JSON.parse(again.attempts[0].body)).toEqual({ ...answer, replayed: true });
    }
    const assignments = await prisma.couponAssignment.findMany({ where: { poolId: pool.id } });
    expect(assignments).toHaveLength(1);
    expect(assignments[0]).toMatchObject({ code: answer.code, email: "ada.flow@example.com", source: "flow", idempotencyKey: `flow:${first.actionRunId}` });

    await runAppJobs();
    // Again after the delivery: still one assignment, and the delivery is not repeated.
    await runAssignStep(emulator, { customerId: ada.id, pool: pool.name, actionRunId: first.actionRunId });
    await runAppJobs();

    expect(nextCodeOf(ada.id)).toEqual({ code: answer.code, expiresAt: answer.validUntil });
    // (The pool's own alert may start "Coupon pool running low" too: only Coupon assigned is this step's.)
    const runs = emulator.flow
      .triggerRuns()
      .slice(runsBefore)
      .filter((run) => run.handle === "coupon-assigned");
    expect(runs).toEqual([
      expect.objectContaining({
        handle: "coupon-assigned",
        payload: {
          customer_id: legacyId(ada.id),
          Code: answer.code,
          "Valid until": answer.validUntil,
          Message: "",
          "Pool name": pool.name,
          "Assigned by": "Shopify Flow",
        },
      }),
    ]);
    expect(await prisma.couponAssignment.count({ where: { poolId: pool.id } })).toBe(1);
    expect(await prisma.codeDelivery.findUniqueOrThrow({ where: { assignmentId: assignments[0].id } })).toMatchObject({
      metafieldAt: expect.any(Date),
      triggerAt: expect.any(Date),
      emailAt: null,
    });
  });

  it("holds out the share of customers the pool's live campaign measures, with no code and no trigger", async () => {
    const pool = await poolWith(Array.from({ length: 12 }, (_, index) => `FLOW-C${counter}-${index}`));
    const campaign = await prisma.campaign.create({
      data: {
        shopDomain: TEST_SHOP,
        name: "Welcome back",
        ownerName: "Sofia",
        ownerEmail: "sofia@example.com",
        purpose: "Win back",
        channel: "email",
        config: "{}",
        codeSource: "pool",
        poolId: pool.id,
        startsAt: new Date(Date.now() - 86_400_000),
        status: "live",
        holdoutPercent: 50,
      },
    });
    const emails = Array.from({ length: 10 }, (_, index) => `holdout${counter}.${index}@example.com`);
    const expectedHeldOut = emails.filter((email) => holdoutBucket(campaign.id, email) < 5000);
    expect(expectedHeldOut.length).toBeGreaterThan(0);
    expect(expectedHeldOut.length).toBeLessThan(emails.length);
    const runsBefore = emulator.flow.triggerRuns().length;

    const outcomes = new Map<string, string>();
    for (const email of emails) {
      const result = await runAssignStep(emulator, { customerId: customer(email).id, pool: pool.name });
      outcomes.set(email, (JSON.parse(result.attempts[0].body) as { outcome: string }).outcome);
    }
    await runAppJobs();

    expect(emails.filter((email) => outcomes.get(email) === "held_out")).toEqual(expectedHeldOut);
    expect(await prisma.holdoutAssignment.count({ where: { campaignId: campaign.id, source: "flow" } })).toBe(expectedHeldOut.length);
    expect(await prisma.couponAssignment.count({ where: { poolId: pool.id } })).toBe(emails.length - expectedHeldOut.length);
    expect(
      emulator.flow
        .triggerRuns()
        .slice(runsBefore)
        .filter((run) => run.handle === "coupon-assigned"),
    ).toHaveLength(emails.length - expectedHeldOut.length);
  });

  it("fails the step with the reason when the pool, the customer or a code is missing, and only finds the shop's own pools", async () => {
    const pool = await poolWith([]);
    const message = async (customerId: string, poolName: string, shop = TEST_SHOP) => {
      const result = await runAssignStep(emulator, { customerId, pool: poolName, shop, retries: 2 });
      expect(result.attempts).toHaveLength(1);
      return { status: result.status, ...(JSON.parse(result.attempts[0].body) as { message: string }) };
    };
    expect(await message(customer("bea@example.com").id, "No such pool")).toEqual({
      status: 422,
      message: expect.stringContaining("no coupon pool named “No such pool”"),
    });
    expect(await message(customer(null).id, pool.name)).toEqual({ status: 422, message: expect.stringContaining("has no email address") });
    expect(await message(customer("cy@example.com").id, pool.name)).toEqual({
      status: 422,
      message: "This pool has no coupons left to assign. Import more codes to continue.",
    });
    expect(await message(customer("dee@example.com", OTHER_SHOP).id, pool.name, OTHER_SHOP)).toEqual({
      status: 422,
      message: expect.stringContaining(`no coupon pool named “${pool.name}”`),
    });
  });
});
