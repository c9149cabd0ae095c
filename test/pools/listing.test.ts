import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { assignCoupon } from "~/domain/pools/assignments.server";
import { addCoupon, listActiveCoupons } from "~/domain/pools/coupons.server";
import { PoolInputError } from "~/domain/pools/errors";
import { listAssignments } from "~/domain/pools/history.server";
import type { Page } from "~/domain/pools/keyset";
import { codeList, givenPool, importInto, testStore } from "./support";

const DAY = 24 * 60 * 60 * 1000;

/** Follows next cursors from the first page to the last, then previous cursors back. */
async function walk<T>(load: (cursor: { after?: string; before?: string }) => Promise<Page<T>>) {
  const forward: T[][] = [];
  let page = await load({});
  forward.push(page.items);
  expect(page.previousCursor).toBeNull();
  while (page.nextCursor) {
    page = await load({ after: page.nextCursor });
    forward.push(page.items);
  }
  const backward: T[][] = [page.items];
  while (page.previousCursor) {
    page = await load({ before: page.previousCursor });
    backward.unshift(page.items);
  }
  return { forward, backward };
}

describe("Active Coupons", () => {
  it("pages through available codes in hand-out order with keyset cursors, both ways", async () => {
    const store = testStore();
    const pool = await givenPool();
    const now = Date.now();
    await prisma.coupon.createMany({
      data: [
        ...Array.from({ length: 60 }, (_, index) => ({
          shopDomain: pool.shopDomain,
          poolId: pool.id,
          code: `DATED-${index}`,
          codeKey: `DATED-${index}`,
          expiresAt: new Date(now + (1 + (index % 7)) * DAY),
        })),
        { shopDomain: pool.shopDomain, poolId: pool.id, code: "STALE", codeKey: "STALE", expiresAt: new Date(now - DAY) },
      ],
    });
    await importInto(pool, codeList("OPEN", 70));
    await assignCoupon(store, pool, { email: "first@example.com", source: "api" });

    const { forward, backward } = await walk((cursor) => listActiveCoupons(store, pool, { ...cursor, limit: 25 }));

    // 59 dated codes (one of the 60 was assigned) and 70 without an expiry; the expired one is not listed.
    expect(forward.map((items) => items.length)).toEqual([25, 25, 25, 25, 25, 4]);
    expect(backward).toEqual(forward);
    const listed = forward.flat();
    expect(new Set(listed.map((coupon) => coupon.id)).size).toBe(129);
    expect(listed.map((coupon) => coupon.code)).not.toContain("STALE");
    const dated = listed.filter((coupon) => coupon.expiresAt !== null);
    expect(dated).toHaveLength(59);
    expect(dated.map((coupon) => coupon.expiresAt!.getTime())).toEqual([...dated.map((coupon) => coupon.expiresAt!.getTime())].sort((a, b) => a - b));
    expect(listed.slice(59).map((coupon) => coupon.code)).toEqual(Array.from({ length: 70 }, (_, index) => `OPEN-${index + 1}`));
  });

  it("searches codes by their beginning, whatever the case, and pages the matches", async () => {
    const store = testStore();
    const pool = await givenPool();
    const other = await givenPool(pool.shopDomain);
    await importInto(pool, ["code", ...Array.from({ length: 30 }, (_, index) => `summer-${index}`), "WINTER-1", "SUMMIT-1"].join("\n"));
    await importInto(other, "code\nSUMMER-OTHER\n");

    const { forward } = await walk((cursor) => listActiveCoupons(store, pool, { ...cursor, search: "Summer-", limit: 20 }));

    const codes = forward.flat().map((coupon) => coupon.code);
    expect(codes).toHaveLength(30);
    expect(codes.every((code) => code.startsWith("summer-"))).toBe(true);
    expect(await listActiveCoupons(store, pool, { search: "sum" }).then((page) => page.items.length)).toBe(31);
    expect(await listActiveCoupons(store, pool, { search: "autumn" }).then((page) => page.items)).toEqual([]);
  });

  it("ignores a cursor that was tampered with and starts from the first page", async () => {
    const store = testStore();
    const pool = await givenPool();
    await importInto(pool, codeList("TAMPER", 3));
    const page = await listActiveCoupons(store, pool, { after: Buffer.from('{"drop":"table"}').toString("base64url") });
    expect(page.items.map((coupon) => coupon.code)).toEqual(["TAMPER-1", "TAMPER-2", "TAMPER-3"]);
  });

  it("adds a code trimmed, refusing one that differs from an existing code only by case", async () => {
    const store = testStore();
    const pool = await givenPool();
    const other = await givenPool(pool.shopDomain, "Loyalty");
    const added = await addCoupon(store, pool, { code: "  Thanks10 ", message: " See you soon ", poolExpiration: "2099-01-31", userExpirationDays: "30" });
    expect(added).toMatchObject({ code: "Thanks10", message: "See you soon", validityDays: 30 });

    const clash = await addCoupon(store, other, { code: "THANKS10" }).catch((error: unknown) => error);
    expect(clash).toBeInstanceOf(PoolInputError);
    expect((clash as PoolInputError).fieldErrors.code).toBe(
      "This code is already in the pool “" + pool.name + "”; codes are unique across your pools, whatever their case.",
    );
  });
});

describe("Assigned History", () => {
  it("lists assignments newest first and pages through them both ways", async () => {
    const store = testStore();
    const pool = await givenPool();
    await importInto(pool, codeList("HIST", 45));
    const start = Date.now() - 60 * 60 * 1000;
    for (let index = 0; index < 45; index++) {
      await assignCoupon(store, pool, { email: `h${index}@example.com`, source: "api" }, new Date(start + index * 1000));
    }

    const { forward, backward } = await walk((cursor) => listAssignments(store, pool, { ...cursor, limit: 20 }));

    expect(forward.map((items) => items.length)).toEqual([20, 20, 5]);
    expect(backward).toEqual(forward);
    expect(forward.flat().map((assignment) => assignment.email)).toEqual(Array.from({ length: 45 }, (_, index) => `h${44 - index}@example.com`));
  });

  it("finds assignments by the start of the email or of the code", async () => {
    const store = testStore();
    const pool = await givenPool();
    await importInto(pool, "code\nGIFT-A\nGIFT-B\nPROMO-C\n");
    await assignCoupon(store, pool, { email: "alice@shop.test", source: "manual" });
    await assignCoupon(store, pool, { email: "bob@shop.test", source: "manual" });
    await assignCoupon(store, pool, { email: "gift.lover@shop.test", source: "api" });

    const emails = async (search: string) => (await listAssignments(store, pool, { search })).items.map((item) => item.email).sort();

    expect(await emails("ALICE")).toEqual(["alice@shop.test"]);
    expect(await emails("gift")).toEqual(["alice@shop.test", "bob@shop.test", "gift.lover@shop.test"]);
    expect(await emails("promo-c")).toEqual(["gift.lover@shop.test"]);
    expect(await emails("nobody")).toEqual([]);
  });
});
