import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { startShopify } from "./support";
import { startRemixApp } from "../support/remix-server";
import { adminRequest, OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { campaign } from "../analytics/overlap-support";

// The campaigns list's search, filters (status, owner, channel, type) and sort, applied by the
// loader from the URL, so a link or a reload shows the same list.
let app: Awaited<ReturnType<typeof startRemixApp>>;
let stop: () => void;

beforeAll(async () => {
  ({ stop } = await startShopify({ withFunction: false }));
  app = await startRemixApp();
});
afterAll(async () => {
  await app?.close();
  stop();
});
beforeEach(async () => {
  await prisma.campaign.deleteMany();
  const percent = { version: 1, effects: [{ type: "percentage", percentage: 10, appliesTo: "order" }] };
  const bogo = { version: 1, effects: [{ type: "buyXGetY", buyQuantity: 2, getQuantity: 1, percentage: 100 }] };
  await campaign(TEST_SHOP, { name: "Autumn sale", config: percent, startsAt: new Date("2026-09-01T00:00:00Z") });
  await campaign(TEST_SHOP, { name: "Bedroom bundle", config: bogo, startsAt: new Date("2026-08-01T00:00:00Z") });
  await campaign(TEST_SHOP, { name: "Winter draft", config: percent, status: "draft", startsAt: new Date("2026-12-01T00:00:00Z") });
  await campaign(OTHER_SHOP, { name: "Autumn elsewhere", config: percent });
  await prisma.campaign.updateMany({ where: { name: "Bedroom bundle" }, data: { ownerName: "Morgan Manager", channel: "social" } });
});

const list = async (query: string) => {
  const response = await app.fetch(await adminRequest(`/app/campaigns?${query}&_data=${encodeURIComponent("routes/app.campaigns._index")}`));
  expect(response.status).toBe(200);
  const body = (await response.json()) as { total: number; campaigns: { name: string }[]; owners: string[] };
  return { ...body, names: body.campaigns.map((row) => row.name) };
};

describe("the campaigns list", () => {
  it("lists the shop's campaigns newest first, and its owners for the filter", async () => {
    const { names, total, owners } = await list("");
    expect(names).toEqual(["Winter draft", "Bedroom bundle", "Autumn sale"]);
    expect(total).toBe(3);
    expect(owners).toEqual(["Ana Owner", "Morgan Manager"]);
  });

  it("searches names and owners, without case", async () => {
    expect((await list("q=AUTUMN")).names).toEqual(["Autumn sale"]);
    expect((await list("q=morgan")).names).toEqual(["Bedroom bundle"]);
  });

  it("filters by status, owner, channel and type, combined", async () => {
    expect((await list("status=draft")).names).toEqual(["Winter draft"]);
    expect((await list("status=draft&status=live")).names).toHaveLength(3);
    expect((await list("owner=Ana%20Owner")).names).toEqual(["Winter draft", "Autumn sale"]);
    expect((await list("channel=social")).names).toEqual(["Bedroom bundle"]);
    expect((await list("type=buyXGetY")).names).toEqual(["Bedroom bundle"]);
    expect((await list("type=percentage&channel=email&status=live")).names).toEqual(["Autumn sale"]);
  });

  it("sorts by name or start date, and ignores what it doesn't know", async () => {
    expect((await list("sort=name%20asc")).names).toEqual(["Autumn sale", "Bedroom bundle", "Winter draft"]);
    expect((await list("sort=starts%20asc")).names).toEqual(["Bedroom bundle", "Autumn sale", "Winter draft"]);
    expect((await list("sort=price%20asc&status=nonsense&channel=fax")).names).toEqual(["Winter draft", "Bedroom bundle", "Autumn sale"]);
  });
});
