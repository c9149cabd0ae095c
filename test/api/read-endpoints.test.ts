// The API's read endpoints through the whole Remix app: a pool's counts and projected run-out,
// campaigns with their caps as caps.server.ts reckons them, and the redemptions feed's pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { campaignCaps } from "~/domain/campaigns/caps.server";
import { nextLocalMidnight } from "~/domain/campaigns/local-days";
import { codeList, givenPool, importInto } from "../pools/support";
import { givenCampaign } from "../redemptions/support";
import { record } from "../analytics/core-support";
import { startRemixApp } from "../support/remix-server";
import { OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { apiKey, callApi, type App } from "./support";

let app: App;
let key: string;

beforeAll(async () => {
  app = await startRemixApp();
  key = await apiKey(["read", "assign"]);
});
afterAll(() => app.close());

const DAY = 24 * 3600 * 1000;

describe("GET /pools/{id}", () => {
  it("gives the counts, the last 24 hours' assignments and when the pool runs out at that rate", async () => {
    const pool = await givenPool(TEST_SHOP, "Run-out pool");
    await importInto(pool, codeList("RUN", 100));
    await prisma.couponPool.update({ where: { id: pool.id }, data: { lowStockAlertEnabled: true, lowStockThreshold: 95 } });
    for (let i = 0; i < 10; i++) {
      expect((await callApi(app, `/api/v1/pools/${pool.id}/assignments`, { method: "POST", key, json: { email: `r${i}@example.com` } })).status).toBe(201);
    }
    const before = Date.now();
    const answer = await callApi(app, `/api/v1/pools/${pool.id}`, { key });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: pool.id,
      name: "Run-out pool",
      available: 90,
      assigned: 10,
      expired: 0,
      total: 100,
      assignedLast24Hours: 10,
      projectedRunOut: { days: 9 },
      lowStockAlert: { enabled: true, threshold: 95 },
      openAlerts: [expect.objectContaining({ kind: "BELOW_THRESHOLD", detail: "90 coupons left, below your alert threshold of 95." })],
    });
    const runsOut = Date.parse((answer.body.projectedRunOut as { at: string }).at);
    expect(Math.abs(runsOut - (before + 9 * DAY))).toBeLessThan(60_000);
    const list = await callApi(app, "/api/v1/pools", { key });
    expect(list.body.pools).toContainEqual({ ...answer.body, projectedRunOut: { days: 9, at: expect.any(String) } });
  });

  it("says nothing runs out when nothing was assigned", async () => {
    const pool = await givenPool(TEST_SHOP, "Quiet pool");
    await importInto(pool, codeList("QUIET", 3));
    expect((await callApi(app, `/api/v1/pools/${pool.id}`, { key })).body).toMatchObject({ available: 3, assignedLast24Hours: 0, projectedRunOut: null });
  });
});

describe("GET /campaigns", () => {
  it("shows each cap, how much is used, a reached budget, a daily-cap pause and when it resumes, as the caps module reckons them", async () => {
    const now = new Date();
    const capped = await givenCampaign(TEST_SHOP, { name: "Capped", codeSource: "shared", sharedCode: "CAPPED5" });
    await prisma.campaign.update({
      where: { id: capped.id },
      data: {
        budgetDiscount: 100,
        budgetRedemptions: 2,
        dailyCap: 5,
        budgetReachedAt: now,
        budgetReachedBy: "redemptions",
        status: "paused",
        pauseReason: "budget",
        usageLimit: 300,
        oncePerCustomer: true,
      },
    });
    const daily = await givenCampaign(TEST_SHOP, { name: "Daily", codeSource: "shared", sharedCode: "DAILY5" });
    const resumesAt = nextLocalMidnight(now, "America/New_York");
    await prisma.campaign.update({
      where: { id: daily.id },
      data: {
        dailyCap: 1,
        status: "paused",
        pauseReason: "dailyCap",
        pausedUntil: resumesAt,
        config: JSON.stringify({ version: 1, maxUsesPerCustomer: 3, effects: [{ type: "percentage", percentage: 5, appliesTo: "order" }] }),
      },
    });
    await givenCampaign(TEST_SHOP, { name: "Plain", codeSource: "shared", sharedCode: "PLAIN5" });
    for (const [id, code] of [
      [1, "CAPPED5"],
      [2, "CAPPED5"],
      [3, "DAILY5"],
    ] as const) {
      await record(TEST_SHOP, {
        id,
        at: now.toISOString(),
        email: `buyer${id}@example.com`,
        lines: [{ variant: null, quantity: 1, price: "80.00" }],
        discounts: [{ code, level: "order", amounts: ["8.00"] }],
      });
    }

    const answer = await callApi(app, "/api/v1/campaigns", { key });
    expect(answer.status).toBe(200);
    const byName = new Map((answer.body.campaigns as { name: string }[]).map((campaign) => [campaign.name, campaign as Record<string, unknown>]));
    expect(byName.get("Capped")).toMatchObject({
      status: "paused",
      codes: { count: 1, sharedCode: "CAPPED5", poolId: null },
      pause: { reason: "budget", resumesAt: null },
      limits: { usageLimit: 300, oncePerCustomer: true, maxUsesPerCustomer: null },
      caps: {
        currency: "USD",
        budgets: [
          { kind: "discount", cap: 100, used: 16, reached: false, overshoot: 0 },
          { kind: "redemptions", cap: 2, used: 2, reached: true, overshoot: 0 },
        ],
        budgetReached: { at: now.toISOString(), kind: "redemptions" },
        dailyCap: { cap: 5, today: 2 },
      },
    });
    expect(byName.get("Daily")).toMatchObject({
      pause: { reason: "dailyCap", resumesAt: resumesAt.toISOString() },
      limits: { maxUsesPerCustomer: 3 },
      caps: { budgets: [], budgetReached: null, dailyCap: { cap: 1, today: 1 } },
    });
    expect(byName.get("Plain")).toMatchObject({ status: "live", pause: null, caps: null });
    // The same figures as the campaign page's caps card: reused, not recomputed.
    const view = (await campaignCaps(prisma, await prisma.campaign.findUniqueOrThrow({ where: { id: capped.id } })))!;
    expect((byName.get("Capped")!.caps as { budgets: unknown }).budgets).toEqual(view.budgets);
  });
});

describe("GET /redemptions", () => {
  const base = Date.parse("2026-11-10T10:00:00Z");
  const order = (id: number, updatedAt?: string) =>
    record(OTHER_SHOP, {
      id,
      at: new Date(base + id * 60_000).toISOString(),
      updatedAt,
      email: `feed${id}@example.com`,
      lines: [{ variant: null, quantity: 1, price: "20.00" }],
      discounts: [{ code: "FEED10", level: "order", amounts: ["2.00"] }],
    });

  it("pages through every redemption recorded or changed since an instant, each once, and brings an edited order again", async () => {
    const otherKey = await apiKey(["read"], OTHER_SHOP);
    for (let id = 1; id <= 5; id++) await order(id);
    const seen: { orderName: string; updatedAt: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof callApi>> = await callApi(app, `/api/v1/redemptions?limit=2${cursor ? `&cursor=${cursor}` : ""}`, {
        key: otherKey,
      });
      expect(page.status).toBe(200);
      seen.push(...(page.body.redemptions as { orderName: string; updatedAt: string }[]));
      cursor = page.body.nextCursor as string | null;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((row) => row.orderName)).toEqual(["#1001", "#1002", "#1003", "#1004", "#1005"]);
    expect(seen[0]).toMatchObject({
      code: "FEED10",
      email: "feed1@example.com",
      subtotal: "18.00",
      codeDiscount: "2.00",
      currency: "USD",
      influence: "applied",
    });

    const lastSeen = seen.at(-1)!.updatedAt;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await order(2, "2026-11-12T00:00:00Z"); // the order was edited
    const since = await callApi(app, `/api/v1/redemptions?since=${encodeURIComponent(new Date(Date.parse(lastSeen) + 1).toISOString())}`, { key: otherKey });
    expect((since.body.redemptions as { orderName: string }[]).map((row) => row.orderName)).toEqual(["#1002"]);
    // This shop's key sees none of them.
    expect(JSON.stringify((await callApi(app, "/api/v1/redemptions", { key })).body)).not.toContain("FEED10");
  });

  it("refuses a since, cursor or limit that is not one", async () => {
    for (const query of ["since=yesterday", "cursor=bm90LWEtY3Vyc29y", "limit=0", "limit=501", "limit=ten"]) {
      const answer = await callApi(app, `/api/v1/redemptions?${query}`, { key });
      expect({ query, status: answer.status, type: answer.body.type }).toEqual({ query, status: 400, type: "urn:promoguard:problem:invalid-input" });
      expect(Object.keys(answer.body.errors as object)).toEqual([query.split("=")[0]]);
    }
  });
});
