import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { listPoolAlerts } from "~/domain/pools/alerts.server";
import { assignCoupon, revokeAssignment } from "~/domain/pools/assignments.server";
import { addCoupon } from "~/domain/pools/coupons.server";
import { PoolInputError, PoolStateError } from "~/domain/pools/errors";
import { countCoupons } from "~/domain/pools/pools.server";
import { databaseUrl } from "~/database-url";
import { runAssignWorkers } from "../../bench/pools/assign-workers";
import { codeList, givenPool, importInto, testStore } from "./support";

const DAY = 24 * 60 * 60 * 1000;

describe("assignCoupon", () => {
  it("hands out a code and records who got it, from where, when, and until when it is valid", async () => {
    const store = testStore();
    const pool = await givenPool();
    await addCoupon(store, pool, { code: "VIP-1", message: "Enjoy", userExpirationDays: 14 });
    const now = new Date("2026-11-22T10:00:00Z");

    const { assignment, replayed } = await assignCoupon(store, pool, { email: "  Ada@Example.COM ", source: "manual" }, now);

    expect(replayed).toBe(false);
    expect(assignment).toMatchObject({ code: "VIP-1", message: "Enjoy", email: "ada@example.com", source: "manual", revokedAt: null });
    expect(assignment.assignedAt).toEqual(now);
    expect(assignment.expiresAt).toEqual(new Date(now.getTime() + 14 * DAY));
    const stored = await prisma.couponAssignment.findUniqueOrThrow({ where: { id: assignment.id } });
    expect(stored).toMatchObject({ email: "ada@example.com", source: "manual", code: "VIP-1", assignedAt: now });
    expect((await prisma.coupon.findUniqueOrThrow({ where: { id: assignment.couponId } })).assignedAt).toEqual(now);
  });

  it("returns the same code for a repeated idempotency key and refuses the key for another email", async () => {
    const store = testStore();
    const pool = await givenPool();
    await importInto(pool, codeList("IDEM", 3));
    const request = { email: "bob@example.com", source: "api", idempotencyKey: "order-1001" };

    const first = await assignCoupon(store, pool, request);
    const again = await assignCoupon(store, pool, request);

    expect(again.replayed).toBe(true);
    expect(again.assignment.code).toBe(first.assignment.code);
    expect(await prisma.couponAssignment.count({ where: { poolId: pool.id } })).toBe(1);
    await expect(assignCoupon(store, pool, { ...request, email: "eve@example.com" })).rejects.toMatchObject({
      reason: "IDEMPOTENCY_KEY_REUSED",
    });
    expect((await countCoupons(store, pool)).available).toBe(2);
  });

  it("never hands out an expired code, and hands out the soonest-expiring code first", async () => {
    const store = testStore();
    const pool = await givenPool();
    const now = new Date();
    const coupon = (code: string, expiresAt: Date | null) => ({ shopDomain: pool.shopDomain, poolId: pool.id, code, codeKey: code, expiresAt });
    await prisma.coupon.createMany({
      data: [
        coupon("NO-EXPIRY", null),
        coupon("EXPIRED", new Date(now.getTime() - 1000)),
        coupon("LATER", new Date(now.getTime() + 20 * DAY)),
        coupon("SOONER", new Date(now.getTime() + 2 * DAY)),
      ],
    });

    const handedOut = [];
    for (let index = 0; index < 3; index++) {
      handedOut.push((await assignCoupon(store, pool, { email: `c${index}@example.com`, source: "api" }, now)).assignment.code);
    }

    expect(handedOut).toEqual(["SOONER", "LATER", "NO-EXPIRY"]);
    await expect(assignCoupon(store, pool, { email: "late@example.com", source: "api" }, now)).rejects.toThrow(PoolStateError);
    expect(await countCoupons(store, pool, now)).toEqual({ available: 0, assigned: 3, expired: 1, total: 4 });
  });

  it("refuses with a clear error on an empty pool and raises the pool's EMPTY alert", async () => {
    const store = testStore();
    const pool = await givenPool();

    const refusal = assignCoupon(store, pool, { email: "zoe@example.com", source: "api" });

    await expect(refusal).rejects.toMatchObject({ reason: "POOL_EMPTY", message: expect.stringMatching(/no coupons left to assign/) });
    const alerts = await listPoolAlerts(store, pool);
    expect(alerts).toMatchObject([{ kind: "EMPTY", clearedAt: null }]);
  });

  it("explains every invalid field at once", async () => {
    const store = testStore();
    const pool = await givenPool();
    const failure = await assignCoupon(store, pool, { email: "not-an-email", source: "Manual Entry", idempotencyKey: "k".repeat(300) }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(PoolInputError);
    expect(Object.keys((failure as PoolInputError).fieldErrors).sort()).toEqual(["email", "idempotencyKey", "source"]);
  });
});

describe("revokeAssignment", () => {
  it("returns a never-redeemed code to the pool and keeps the assignment in history as revoked", async () => {
    const store = testStore();
    const pool = await givenPool();
    await addCoupon(store, pool, { code: "BACK-1" });
    const { assignment } = await assignCoupon(store, pool, { email: "ann@example.com", source: "manual" });

    const revoked = await revokeAssignment(store, pool, assignment.id);

    expect(revoked?.revokedAt).toBeInstanceOf(Date);
    expect((await countCoupons(store, pool)).available).toBe(1);
    expect((await prisma.couponAssignment.findUniqueOrThrow({ where: { id: assignment.id } })).revokedAt).not.toBeNull();
    const next = await assignCoupon(store, pool, { email: "ben@example.com", source: "manual" });
    expect(next.assignment.code).toBe("BACK-1");
    await expect(revokeAssignment(store, pool, assignment.id)).rejects.toMatchObject({ reason: "NOT_ASSIGNED" });
  });

  it("refuses to return a redeemed code", async () => {
    const store = testStore();
    const pool = await givenPool();
    await addCoupon(store, pool, { code: "USED-1" });
    const { assignment } = await assignCoupon(store, pool, { email: "cat@example.com", source: "manual" });
    await prisma.coupon.update({ where: { id: assignment.couponId }, data: { redeemedAt: new Date() } });

    await expect(revokeAssignment(store, pool, assignment.id)).rejects.toMatchObject({ reason: "ALREADY_REDEEMED" });
    expect((await countCoupons(store, pool)).available).toBe(0);
  });

  it("does not find another pool's assignment", async () => {
    const store = testStore();
    const pool = await givenPool();
    const other = await givenPool();
    await addCoupon(store, pool, { code: "MINE-1" });
    const { assignment } = await assignCoupon(store, pool, { email: "dan@example.com", source: "manual" });
    expect(await revokeAssignment(store, other, assignment.id)).toBeNull();
  });
});

describe("concurrent assigners in separate processes", () => {
  it("never give one code to two callers, and run the pool dry exactly", async () => {
    const pool = await givenPool();
    await importInto(pool, codeList("RACE", 800));
    const reports = await runAssignWorkers(["a", "b", "c", "d"].map((label) => ({ databaseUrl: databaseUrl(), pool, count: 250, concurrency: 10, label })));

    const codes = reports.flatMap((report) => report.codes);
    expect(codes).toHaveLength(800);
    expect(new Set(codes).size).toBe(800);
    expect(reports.reduce((sum, report) => sum + report.emptyPoolErrors, 0)).toBe(200);
    const stored = await prisma.couponAssignment.findMany({ where: { poolId: pool.id }, select: { couponId: true } });
    expect(new Set(stored.map((row) => row.couponId)).size).toBe(800);
    expect(await prisma.coupon.count({ where: { poolId: pool.id, assignedAt: null } })).toBe(0);
  }, 60_000);

  it("give each idempotency key one code even when every process sends every key", async () => {
    const pool = await givenPool();
    await importInto(pool, codeList("ONCE", 300));
    const reports = await runAssignWorkers(
      [1, 2, 3].map(() => ({ databaseUrl: databaseUrl(), pool, count: 100, concurrency: 10, label: "same", idempotent: true })),
    );

    expect(reports.map((report) => report.codes.length)).toEqual([100, 100, 100]);
    expect(reports[1].codes.slice().sort()).toEqual(reports[0].codes.slice().sort());
    expect(reports[2].codes.slice().sort()).toEqual(reports[0].codes.slice().sort());
    expect(await prisma.couponAssignment.count({ where: { poolId: pool.id } })).toBe(100);
    expect((await countCoupons(testStore(), pool)).available).toBe(200);
  }, 60_000);
});
