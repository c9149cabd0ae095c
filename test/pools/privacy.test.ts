import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { assignCoupon } from "~/domain/pools/assignments.server";
import { handleComplianceRequest } from "~/domain/privacy.server";
import { OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { codeList, givenPool, importInto, testStore } from "./support";

describe("privacy webhooks and coupon pools", () => {
  it("customers/redact replaces the customer's email in Assigned History with an irreversible hash, in that shop only", async () => {
    const store = testStore();
    const mine = await givenPool(TEST_SHOP);
    const theirs = await givenPool(OTHER_SHOP);
    await importInto(mine, codeList("MINE", 2));
    await importInto(theirs, codeList("THEIRS", 1));
    await assignCoupon(store, mine, { email: "Forget.Me@example.com", source: "api" });
    await assignCoupon(store, mine, { email: "keep.me@example.com", source: "api" });
    await assignCoupon(store, theirs, { email: "forget.me@example.com", source: "api" });

    await handleComplianceRequest(prisma, {
      shop: TEST_SHOP,
      topic: "CUSTOMERS_REDACT",
      webhookId: "redact-1",
      payload: { customer: { id: 42, email: "FORGET.ME@example.com" } },
    });

    const emails = await prisma.couponAssignment.findMany({ select: { shopDomain: true, email: true }, orderBy: { id: "asc" } });
    const redacted = emails.filter((row) => row.shopDomain === TEST_SHOP)[0].email;
    expect(redacted).toMatch(/^redacted:[0-9a-f]{32}$/);
    expect(redacted).not.toContain("forget");
    expect(emails.map((row) => row.email)).toEqual([redacted, "keep.me@example.com", "forget.me@example.com"]);
  });

  it("customers/data_request and customers/redact cover the customer id and metadata an API caller gave", async () => {
    const store = testStore();
    const pool = await givenPool(TEST_SHOP, "Named customers");
    await importInto(pool, codeList("NAMED", 3));
    // Named by customer id only under another email, and by email: both are this customer's.
    await assignCoupon(store, pool, { email: "old.address@example.com", source: "klaviyo", customerId: 77, metadata: { flow: "welcome" } });
    await assignCoupon(store, pool, { email: "named@example.com", source: "klaviyo", metadata: { flow: "winback" } });
    await assignCoupon(store, pool, { email: "someone.else@example.com", source: "klaviyo", customerId: 78, metadata: { flow: "vip" } });

    const request = await handleComplianceRequest(prisma, {
      shop: TEST_SHOP,
      topic: "CUSTOMERS_DATA_REQUEST",
      webhookId: "data-77",
      payload: { customer: { id: 77, email: "named@example.com" } },
    });
    expect(request.customerData?.couponAssignments.map((row) => [row.code, row.customerId, row.metadata])).toEqual([
      ["NAMED-1", "gid://shopify/Customer/77", '{"flow":"welcome"}'],
      ["NAMED-2", null, '{"flow":"winback"}'],
    ]);

    await handleComplianceRequest(prisma, {
      shop: TEST_SHOP,
      topic: "CUSTOMERS_REDACT",
      webhookId: "redact-77",
      payload: { customer: { id: 77, email: "named@example.com" } },
    });
    const rows = await prisma.couponAssignment.findMany({ where: { poolId: pool.id }, orderBy: { id: "asc" }, select: { customerId: true, metadata: true } });
    expect(rows).toEqual([
      { customerId: null, metadata: null },
      { customerId: null, metadata: null },
      { customerId: "gid://shopify/Customer/78", metadata: '{"flow":"vip"}' },
    ]);
  });

  it("shop/redact deletes the shop's pools with their coupons, assignments, alerts and imports", async () => {
    const store = testStore();
    const doomed = await givenPool(TEST_SHOP, "Doomed");
    const kept = await givenPool(OTHER_SHOP, "Kept");
    await importInto(doomed, codeList("GONE", 1));
    await importInto(kept, codeList("STAYS", 1));
    await assignCoupon(store, doomed, { email: "x@example.com", source: "api" });
    await expect(assignCoupon(store, doomed, { email: "y@example.com", source: "api" })).rejects.toThrow(/no coupons left/);
    const where = { shopDomain: TEST_SHOP };
    const counts = async () => [
      await prisma.couponPool.count({ where }),
      await prisma.coupon.count({ where }),
      await prisma.couponAssignment.count({ where }),
      await prisma.poolAlert.count({ where }),
      await prisma.couponImport.count({ where }),
    ];
    expect((await counts()).every((count) => count > 0)).toBe(true);

    await handleComplianceRequest(prisma, { shop: TEST_SHOP, topic: "SHOP_REDACT", webhookId: "shop-redact-1", payload: {} });

    expect(await counts()).toEqual([0, 0, 0, 0, 0]);
    expect(await prisma.coupon.count({ where: { poolId: kept.id } })).toBe(1);
  });
});
