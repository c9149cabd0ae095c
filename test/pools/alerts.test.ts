import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { listOpenAlerts, listPoolAlerts, refreshPoolAlerts } from "~/domain/pools/alerts.server";
import { assignCoupon } from "~/domain/pools/assignments.server";
import { updateAlertSettings } from "~/domain/pools/pools.server";
import { codeList, givenPool, importInto, testStore } from "./support";

const HOUR = 60 * 60 * 1000;

type Pool = Awaited<ReturnType<typeof givenPool>>;

async function assignMany(pool: Pool, count: number) {
  for (let index = 0; index < count; index++) {
    await assignCoupon(testStore(), pool, { email: `buyer${index}-${Math.random()}@example.com`, source: "api" });
  }
}

/**
 * Assignment history written directly (a factory): assignCoupon re-evaluates alerts on its own
 * schedule, which would make the moment an alert fires — and the figures it records — vary.
 */
async function givenAssignments(pool: Pool, count: number, at: Date) {
  const coupons = await prisma.coupon.findMany({ where: { poolId: pool.id, assignedAt: null }, take: count, orderBy: { id: "asc" } });
  await prisma.coupon.updateMany({ where: { id: { in: coupons.map((coupon) => coupon.id) } }, data: { assignedAt: at } });
  await prisma.couponAssignment.createMany({
    data: coupons.map((coupon, index) => ({
      shopDomain: pool.shopDomain,
      poolId: pool.id,
      couponId: coupon.id,
      code: coupon.code,
      email: `past${index}@example.com`,
      source: "api",
      assignedAt: at,
    })),
  });
}

const alertRows = (poolId: number, kind?: string) => prisma.poolAlert.findMany({ where: { poolId, kind }, orderBy: { id: "asc" } });

describe("pool availability alerts", () => {
  it("fire once when the pool drops below the threshold, clear when restocked, and fire again on the next crossing", async () => {
    const store = testStore();
    const pool = await givenPool();
    await updateAlertSettings(store, pool, { enabled: true, threshold: 3 });
    await importInto(pool, codeList("LOW", 5));
    await refreshPoolAlerts(store, pool);
    expect(await alertRows(pool.id)).toEqual([]);

    await givenAssignments(pool, 3, new Date());
    await refreshPoolAlerts(store, pool);
    await refreshPoolAlerts(store, pool);
    const fired = await alertRows(pool.id, "BELOW_THRESHOLD");
    expect(fired).toMatchObject([{ kind: "BELOW_THRESHOLD", available: 2, clearedAt: null, detail: "2 coupons left, below your alert threshold of 3." }]);
    expect(fired[0].firedAt).toBeInstanceOf(Date);

    await importInto(pool, codeList("MORE", 5));
    await refreshPoolAlerts(store, pool);
    expect((await alertRows(pool.id, "BELOW_THRESHOLD"))[0].clearedAt).toBeInstanceOf(Date);

    await givenAssignments(pool, 6, new Date());
    await refreshPoolAlerts(store, pool);
    expect((await alertRows(pool.id, "BELOW_THRESHOLD")).map((alert) => [alert.kind, alert.clearedAt === null])).toEqual([
      ["BELOW_THRESHOLD", false],
      ["BELOW_THRESHOLD", true],
    ]);
  });

  it("keep an open alert's count current, written with thousands separators", async () => {
    const store = testStore();
    const pool = await givenPool();
    await updateAlertSettings(store, pool, { enabled: true, threshold: 2000 });
    await importInto(pool, codeList("MANY", 1999));
    await refreshPoolAlerts(store, pool);
    expect(await alertRows(pool.id, "BELOW_THRESHOLD")).toMatchObject([
      { available: 1999, detail: "1,999 coupons left, below your alert threshold of 2,000." },
    ]);
    // 20 more go out: the same alert (fired once) now says 1,979, not the 1,999 it fired with.
    await givenAssignments(pool, 20, new Date(Date.now() - 2 * 86_400_000));
    await refreshPoolAlerts(store, pool);
    expect(await alertRows(pool.id, "BELOW_THRESHOLD")).toMatchObject([
      { available: 1979, clearedAt: null, detail: "1,979 coupons left, below your alert threshold of 2,000." },
    ]);
  });

  it("raise the threshold alert from the assignment that crosses it", async () => {
    const store = testStore();
    const pool = await givenPool();
    await updateAlertSettings(store, pool, { enabled: true, threshold: 3 });
    await importInto(pool, codeList("CROSS", 3));
    await assignCoupon(store, pool, { email: "crosser@example.com", source: "api" });
    const alerts = await listPoolAlerts(store, pool);
    expect(alerts.find((alert) => alert.kind === "BELOW_THRESHOLD")).toMatchObject({ available: 2, clearedAt: null });
  });

  it("stay quiet below the threshold while the threshold alert is switched off", async () => {
    const store = testStore();
    const pool = await givenPool();
    await importInto(pool, codeList("OFF", 2));
    await updateAlertSettings(store, pool, { enabled: false, threshold: 50 });
    await refreshPoolAlerts(store, pool);
    expect(await alertRows(pool.id)).toEqual([]);
  });

  it("project running out within 7 days from the last 24 hours' assignments", async () => {
    const store = testStore();
    const pool = await givenPool();
    await importInto(pool, codeList("RATE", 100));
    // Yesterday's busy day is outside the window and does not count.
    await givenAssignments(pool, 30, new Date(Date.now() - 30 * HOUR));
    await refreshPoolAlerts(store, pool);
    expect(await alertRows(pool.id)).toEqual([]);

    // 20 in the last day: 50 left ÷ 20 a day = 2.5 days < 7.
    await givenAssignments(pool, 20, new Date(Date.now() - HOUR));
    await refreshPoolAlerts(store, pool);
    expect(await alertRows(pool.id)).toMatchObject([
      {
        kind: "RUNNING_OUT",
        available: 50,
        detail: "20 coupons assigned in the last 24 hours: at that rate the 50 left last about 2.5 days.",
      },
    ]);
  });

  it("raise EMPTY when the last code goes, not for a pool that never had codes, and show it on the dashboard", async () => {
    const store = testStore();
    const pool = await givenPool();
    await refreshPoolAlerts(store, pool);
    expect(await alertRows(pool.id)).toEqual([]);

    await importInto(pool, codeList("LAST", 1));
    await assignMany(pool, 1);
    await refreshPoolAlerts(store, pool);

    const open = await listOpenAlerts(store, pool.shopDomain);
    expect(open.filter((alert) => alert.poolId === pool.id)).toMatchObject([{ kind: "EMPTY", poolName: pool.name, detail: "No coupons left to assign." }]);
  });

  it("fire once however many evaluations run at the same time", async () => {
    const store = testStore();
    const pool = await givenPool();
    await importInto(pool, codeList("ONCE", 1));
    await assignMany(pool, 1);
    await Promise.all(Array.from({ length: 10 }, () => refreshPoolAlerts(store, pool)));
    expect(await prisma.poolAlert.count({ where: { poolId: pool.id, kind: "EMPTY" } })).toBe(1);
  });
});
