// The portfolio's isolation matrix: Shopify users × stores × role changes. A user sees exactly the
// stores where they are staff with a role that may read analytics now — whichever store they are
// signed in to, whatever the request names — and a store disappears the moment its Owner removes
// their access (or the app is uninstalled there). The figures are the store's own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { portfolio } from "~/domain/agency/portfolio.server";
import { sumEstimates } from "~/domain/analytics/stats";
import { WHOLE_SHOP_KEY } from "~/domain/analytics/rollups.server";
import { createCampaign } from "~/domain/campaigns/campaigns.server";
import type { Role } from "~/domain/governance/roles";
import * as portfolioRoute from "~/routes/app.portfolio";
import * as exportRoute from "~/routes/app.portfolio.export";
import * as staffRoute from "~/routes/app.settings_.staff";
import { campaignInput } from "../campaigns/support";
import { OTHER_SHOP, TEST_SHOP, adminRequest } from "../support/shopify-app";
import { EURO_SHOP, outsider, requestAs, startAgencyShops } from "./support";

let stop: () => void;
const A = TEST_SHOP;
const B = OTHER_SHOP;
const C = EURO_SHOP;
const NAMES: Record<string, string> = { [A]: "test-shop", [B]: "other-shop", [C]: "Nordlys Home" };

/** Who is staff where, with which role (the matrix's starting point). */
const STAFF: Record<number, Partial<Record<string, Role>>> = {
  78_001: { [A]: "manager", [C]: "requester" },
  78_002: { [B]: "approver" },
  78_003: { [A]: "requester", [B]: "requester", [C]: "owner" },
};
const USERS = Object.keys(STAFF).map(Number);

type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, never> }) => Promise<Response>;

async function call(handler: Handler, request: Request): Promise<Response> {
  try {
    return await handler({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

interface PortfolioBody {
  rows: { store: { domain: string; name: string }; role: string; link: string; figures: { influencedRevenue: string }; playbooks: { name: string }[] }[];
}

/** The stores of the user's portfolio, signed in to `shop`, with the query the request carries. */
async function seen(userId: number, shop: string, query = ""): Promise<string[]> {
  const response = await call(portfolioRoute.loader as Handler, await requestAs(userId, shop, `/app/portfolio${query}`));
  expect(response.status).toBe(200);
  return ((await response.json()) as PortfolioBody).rows.map((row) => row.store.domain).sort();
}

const staffOf = async (userId: number, shop: string) =>
  prisma.staffMember.findUnique({ where: { shopDomain_userId: { shopDomain: shop, userId: String(userId) } } });

/** What the matrix expects: the stores where the user is staff, not removed, app installed. */
async function expected(userId: number): Promise<string[]> {
  const rows = await prisma.staffMember.findMany({ where: { userId: String(userId), accessRemovedAt: null, shop: { uninstalledAt: null } } });
  return rows.map((row) => row.shopDomain).sort();
}

async function setAccess(shop: string, userId: number, removed: boolean) {
  const staff = (await staffOf(userId, shop))!;
  const response = await call(
    staffRoute.action as Handler,
    await adminRequest(
      "/app/settings/staff?intent=access",
      { method: "POST", body: new URLSearchParams({ staffId: String(staff.id), removed: removed ? "true" : "false" }) },
      shop,
      "owner",
    ),
  );
  expect(response.status).toBe(200);
}

/** Every user, signed in to every store where they may open the app: the portfolio is exactly `expected`. */
async function checkMatrix() {
  for (const userId of USERS) {
    const want = await expected(userId);
    for (const shop of want) expect(await seen(userId, shop), `user ${userId} signed in to ${shop}`).toEqual(want);
  }
}

beforeAll(async () => {
  ({ stop } = await startAgencyShops());
  for (const userId of USERS) await outsider(userId, `User ${userId}`, STAFF[userId] as Record<string, Role>);
});
afterAll(() => stop());

describe("the portfolio isolation matrix", () => {
  it("shows each user exactly the stores they are staff in, from whichever of them they are signed in to", async () => {
    await checkMatrix();
    expect(await expected(78_001)).toEqual([C, A].sort());
    expect(await expected(78_002)).toEqual([B]);
  });

  it("ignores crafted store names: they only narrow the user's own stores", async () => {
    expect(await seen(78_001, A, `?store=${B}`)).toEqual([]);
    expect(await seen(78_001, A, `?store=${B}&store=${A}`)).toEqual([A]);
    expect(await seen(78_002, B, `?store=${A}&store=${C}&store=victim.myshopify.com`)).toEqual([]);
  });

  it("follows role changes: every role may read analytics, and the role shown is the current one", async () => {
    const row = await prisma.staffMember.findUniqueOrThrow({ where: { shopDomain_userId: { shopDomain: C, userId: "78001" } } });
    await prisma.staffMember.update({ where: { id: row.id }, data: { role: "approver" } });
    const response = await call(portfolioRoute.loader as Handler, await requestAs(78_001, A, "/app/portfolio"));
    const body = (await response.json()) as PortfolioBody;
    expect(body.rows.map((entry) => [entry.store.name, entry.role])).toEqual([
      ["Nordlys Home", "Approver"],
      ["test-shop", "Manager"],
    ]);
    await checkMatrix();
  });

  it("drops a store the moment its Owner removes the user's access, mid-way between two requests, and brings it back when restored", async () => {
    expect(await seen(78_003, A)).toEqual([A, B, C].sort());
    await setAccess(B, 78_003, true);
    expect(await seen(78_003, A)).toEqual([A, C].sort());
    expect(await seen(78_003, C)).toEqual([A, C].sort());
    // Signed in to the store that removed them, they get nothing at all.
    const there = await call(portfolioRoute.loader as Handler, await requestAs(78_003, B, "/app/portfolio"));
    expect(there.status).toBe(403);
    const csv = await (await call(exportRoute.loader as Handler, await requestAs(78_003, A, "/app/portfolio/export"))).text();
    expect(csv).toContain(NAMES[A]);
    expect(csv).not.toContain(NAMES[B]);
    await checkMatrix();

    await setAccess(B, 78_003, false);
    expect(await seen(78_003, A)).toEqual([A, B, C].sort());
    await checkMatrix();
  });

  it("drops a store that uninstalled PromoGuard", async () => {
    await prisma.shop.update({ where: { domain: C }, data: { uninstalledAt: new Date() } });
    expect(await seen(78_001, A)).toEqual([A]);
    await checkMatrix();
    await prisma.shop.update({ where: { domain: C }, data: { uninstalledAt: null } });
    expect(await seen(78_001, A)).toEqual([A, C].sort());
  });

  it("exports only the user's stores, and each store records the export in its own audit log", async () => {
    const before = await prisma.auditEntry.groupBy({ by: ["shopDomain"], where: { action: "analytics.export" }, _count: true });
    const response = await call(exportRoute.loader as Handler, await requestAs(78_001, A, "/app/portfolio/export"));
    const csv = await response.text();
    expect(csv.split("\r\n")[0]).toContain("Influenced revenue");
    expect(csv).toContain(NAMES[A]);
    expect(csv).toContain(NAMES[C]);
    expect(csv).not.toContain(NAMES[B]);
    const after = await prisma.auditEntry.groupBy({ by: ["shopDomain"], where: { action: "analytics.export" }, _count: true });
    const count = (rows: typeof before, shop: string) => rows.find((entry) => entry.shopDomain === shop)?._count ?? 0;
    expect([A, B, C].map((shop) => count(after, shop) - count(before, shop))).toEqual([1, 0, 1]);
  });
});

describe("the portfolio's figures", () => {
  it("are the store's own, per store and per playbook, in its currency", async () => {
    const agency = await prisma.agency.create({ data: { name: "Figures agency" } });
    const playbook = await prisma.playbook.create({ data: { agencyId: agency.id, name: "Winter", nameKey: "winter" } });
    const campaign = await createCampaign(
      prisma,
      C,
      campaignInput({ startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() + 86_400_000 * 10) }),
    );
    await prisma.campaign.update({
      where: { id: campaign.id },
      data: { status: "live", playbookId: playbook.id, playbookEntry: "winter", playbookVersion: 3 },
    });
    const other = await createCampaign(prisma, C, campaignInput());
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
    const cell = (dimension: string, key: string, values: Record<string, number>) =>
      prisma.analyticsRollup.create({ data: { shopDomain: C, dimension, key, day: today, ...values } });
    await cell("shop", WHOLE_SHOP_KEY, { redemptions: 10, leaked: 2, influencedRevenue: 900, lineDiscount: 40, orderDiscount: 20, shippingDiscount: 5 });
    await cell("campaign", String(campaign.id), { redemptions: 4, leaked: 1, influencedRevenue: 300, lineDiscount: 12, orderDiscount: 0, shippingDiscount: 3 });
    await cell("campaign", String(other.id), { redemptions: 6, leaked: 1, influencedRevenue: 600, lineDiscount: 28, orderDiscount: 20, shippingDiscount: 2 });
    await prisma.approvalRequest.create({ data: { shopDomain: C, campaignId: campaign.id, kind: "revision", proposed: "{}", requestedById: 1 } });

    const [store] = await portfolio(prisma, "78001", () => ({ from: today, to: today }), { only: [C] });
    expect(store.store).toMatchObject({ name: "Nordlys Home", currencyCode: "EUR" });
    expect(store.figures).toMatchObject({
      influencedRevenue: "900.00",
      discountCost: "65.00",
      redemptions: 10,
      leaked: 2,
      leakRate: 0.2,
      liveCampaigns: 1,
      openApprovals: 1,
      incrementalProfit: null,
    });
    expect(store.playbooks).toHaveLength(1);
    expect(store.playbooks[0]).toMatchObject({ name: "Winter", versions: [3], campaigns: 1 });
    expect(store.playbooks[0].figures).toMatchObject({
      influencedRevenue: "300.00",
      discountCost: "15.00",
      redemptions: 4,
      leaked: 1,
      leakRate: 0.25,
      liveCampaigns: 1,
      openApprovals: 1,
    });
  });

  it("adds campaigns' incremental profit with their intervals in quadrature", () => {
    expect(sumEstimates([])).toBeNull();
    // 100 ± 30 and 50 ± 40: 150 ± 50.
    expect(
      sumEstimates([
        { value: "100.00", low: "70.00", high: "130.00" },
        { value: "50.00", low: "10.00", high: "90.00" },
      ]),
    ).toEqual({ value: "150.00", low: "100.00", high: "200.00" });
  });
});
