import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { createCampaign } from "~/domain/campaigns/campaigns.server";
import type { ShopifyEmulator } from "../../dev/emulator";
import { adminRequest, OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { startRemixApp } from "../support/remix-server";
import { campaignInput, startShopify } from "./support";
import { problemsBeforePosting } from "~/components/campaigns/submit";

// The campaign screens through the whole app in-process: real session tokens, Remix routing,
// and the emulator behind the Admin API.
let app: Awaited<ReturnType<typeof startRemixApp>>;
let emulator: ShopifyEmulator;
let stop: () => void;

beforeAll(async () => {
  ({ emulator, stop } = await startShopify());
  app = await startRemixApp();
});
afterAll(async () => {
  await app.close();
  stop();
});

const send = async (path: string, init: RequestInit = {}, shop = TEST_SHOP) => app.fetch(await adminRequest(path, init, shop));
// The intent travels in the URL (the action authorizes it before reading the form).
const post = (path: string, { intent, ...fields }: Record<string, string>, shop = TEST_SHOP) =>
  send(intent ? `${path}${path.includes("?") ? "&" : "?"}intent=${intent}` : path, { method: "POST", body: new URLSearchParams(fields) }, shop);
const data = (path: string, routeId: string) => `${path}${path.includes("?") ? "&" : "?"}_data=${encodeURIComponent(routeId)}`;

const validForm = {
  name: "Spring email",
  ownerName: "Ana Owner",
  ownerEmail: "ana@example.com",
  purpose: "Spring newsletter",
  channel: "email",
  "effect.type": "percentage",
  "effect.percentage": "15",
  "effect.appliesTo": "order",
  "cond.minimumSubtotal": "30.00",
  codeSource: "shared",
  sharedCode: "SPRING15",
  startsAt: "2026-03-01T09:00",
  endsAt: "2026-12-31T23:59",
  usageLimit: "",
  stackingCategory: "joint",
  priority: "3",
  combinesWithShipping: "true",
};

describe("creating a campaign from the form", () => {
  it("shows the function validator's and the form's errors next to their fields", async () => {
    const response = await post(data("/app/campaigns/new", "routes/app.campaigns.new"), {
      ...validForm,
      name: "",
      "effect.percentage": "150",
      "cond.minimumSubtotal": "fifty",
      "cond.weekdays": "mon,funday",
      endsAt: "2026-02-01T00:00",
      priority: "5000",
    });
    expect(response.status).toBe(400);
    const { errors } = (await response.json()) as { errors: Record<string, string> };
    expect(errors).toEqual({
      name: "Enter a campaign name.",
      endsAt: "The campaign must end after it starts.",
      priority: "Enter a whole number from 0 to 1,000.",
      "effect.percentage": "Enter a percentage between 0.01 and 100, with at most 2 decimals.",
      "cond.minimumSubtotal": "Enter an amount above zero, like 50.00.",
      "cond.weekdays": "Choose Monday, Tuesday, Wednesday, Thursday, Friday, Saturday or Sunday.",
    });
    expect(await prisma.campaign.count()).toBe(0);
  });

  it("finds in the browser, before posting, the same problems on the same fields as the action", async () => {
    // The page's own loader data: the shop's time zone and the fields its policy requires.
    const { timeZone, required } = (await (await send(data("/app/campaigns/new", "routes/app.campaigns.new"))).json()) as {
      timeZone: string;
      required: { owner: boolean; purpose: boolean; channel: boolean };
    };
    const form = {
      ...validForm,
      ownerName: "",
      purpose: "",
      usageLimit: "0",
      budgetDiscount: "lots",
      "effect.percentage": "150",
      sharedCode: "SPRING 15",
      endsAt: "2026-02-01T00:00",
    };
    const inBrowser = problemsBeforePosting(form, "publish", { timeZone, required });
    expect(inBrowser).toEqual({
      ownerStaffId: "Your store's policy requires an owner: choose the staff member accountable for this campaign.",
      purpose: "Say what this campaign is for, so whoever reviews it later knows.",
      usageLimit: "Enter a total number of uses above 0, or leave it empty for no limit.",
      budgetDiscount: "Enter the most the codes may take off in total as an amount above 0 like 500.00, or leave it empty for no such budget.",
      sharedCode: "Code contains a space, line break or invisible character.",
      endsAt: "The campaign must end after it starts.",
      "effect.percentage": "Enter a percentage between 0.01 and 100, with at most 2 decimals.",
    });
    const response = await post(data("/app/campaigns/new", "routes/app.campaigns.new"), { ...form, intent: "publish" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Record<string, string> }).errors).toEqual(inBrowser);
    // Buttons that don't save the form (pause, archive, …) are never held back by it.
    expect(problemsBeforePosting(form, "pause", { timeZone, required })).toBeNull();
    expect(problemsBeforePosting(validForm, "publish", { timeZone, required })).toBeNull();
    expect(await prisma.campaign.count()).toBe(0);
  });

  it("saves and publishes, dates read in the shop's time zone, then shows the campaign in the list", async () => {
    const response = await post("/app/campaigns/new", { ...validForm, intent: "publish" });
    expect(response.status).toBe(302);
    const id = Number(/\/app\/campaigns\/(\d+)$/.exec(response.headers.get("location")!)![1]);
    const campaign = await prisma.campaign.findUniqueOrThrow({ where: { id } });
    expect(campaign).toMatchObject({ shopDomain: TEST_SHOP, status: "live", sharedCode: "SPRING15" });
    // The test shop is in America/New_York: 09:00 on 1 March is 14:00 UTC.
    expect(campaign.startsAt.toISOString()).toBe("2026-03-01T14:00:00.000Z");
    expect(JSON.parse(campaign.config)).toEqual({
      version: 1,
      minimumSubtotal: "30.00",
      effects: [{ type: "percentage", percentage: 15, appliesTo: "order" }],
    });
    expect(emulator.store(TEST_SHOP).redeemCodeByCode("SPRING15")?.discountId).toBe(campaign.shopifyDiscountId);

    const list = await (await send("/app/campaigns")).text();
    expect(list).toContain("Spring email");
    expect(list).toContain(`href="/app/campaigns/${id}"`);
    const page = await (await send(`/app/campaigns/${id}`)).text();
    for (const words of ["Spring email", "Live", "Pause", "Archive", "SPRING15"]) expect(page).toContain(words);
  });

  it("shows a Shopify refusal next to the code field on the campaign page", async () => {
    emulator.seedFor(TEST_SHOP).discount({ title: "Native", codes: ["TAKEN"], summary: "5% off" });
    const response = await post("/app/campaigns/new", { ...validForm, name: "Taken", sharedCode: "TAKEN", intent: "publish" });
    const page = await (await send(response.headers.get("location")!)).text();
    expect(page).toContain("The last publish didn");
    expect(page).toContain("Another discount in your store already uses this code. Choose a different code.");
  });
});

describe("the campaign page's actions", () => {
  it("pauses and resumes through the page", async () => {
    const campaign = (await prisma.campaign.findFirst({ where: { name: "Spring email" } }))!;
    const path = data(`/app/campaigns/${campaign.id}`, "routes/app.campaigns.$id");
    expect(await (await post(path, { intent: "pause" })).json()).toEqual({ ok: true, done: "Campaign paused", errors: {} });
    expect(emulator.store(TEST_SHOP).discounts.get(campaign.shopifyDiscountId!)!.endsAt).not.toBe("2027-01-01T04:59:00.000Z");
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe("paused");
    expect(await (await post(path, { intent: "resume" })).json()).toEqual({ ok: true, done: "Campaign resumed", errors: {} });
    expect(emulator.store(TEST_SHOP).discounts.get(campaign.shopifyDiscountId!)!.endsAt).toBe("2027-01-01T04:59:00.000Z");
  });
});

describe("caps on the form and the page", () => {
  it("saves budgets and a daily cap from the form, refusing bad ones by field, and shows what is used", async () => {
    const refused = await post(data("/app/campaigns/new", "routes/app.campaigns.new"), {
      ...validForm,
      sharedCode: "CAPS1",
      budgetDiscount: "-5",
      budgetRedemptions: "0",
      dailyCap: "lots",
    });
    expect((await refused.json()).errors).toMatchObject({
      budgetDiscount: "Enter the most the codes may take off in total as an amount above 0 like 500.00, or leave it empty for no such budget.",
      budgetRedemptions: "Enter how many redemptions the campaign may have in total (above 0), or leave it empty.",
      dailyCap: "Enter how many redemptions a day the campaign may have (above 0), or leave it empty for no daily cap.",
    });
    const response = await post("/app/campaigns/new", {
      ...validForm,
      name: "Capped email",
      sharedCode: "CAPS1",
      budgetDiscount: "250",
      budgetRevenue: "1000.5",
      dailyCap: "40",
      intent: "publish",
    });
    const id = Number(/\/app\/campaigns\/(\d+)$/.exec(response.headers.get("location")!)![1]);
    const campaign = await prisma.campaign.findUniqueOrThrow({ where: { id } });
    expect([String(campaign.budgetDiscount), String(campaign.budgetRevenue), campaign.budgetRedemptions, campaign.dailyCap]).toEqual([
      "250",
      "1000.5",
      null,
      40,
    ]);

    const page = await (await send(`/app/campaigns/${id}`)).text();
    for (const words of ["Discounts given", "$0.00 of $250.00", "Revenue goal", "$0.00 of $1,000.50", "Redemptions today", "0 of 40"])
      expect(page).toContain(words);
    expect(page).toContain('value="250.00"');

    // Once a budget stopped it, the page says so and Resume explains what to do.
    await prisma.campaign.update({
      where: { id },
      data: { status: "paused", pauseReason: "budget", budgetDiscount: "0.01", budgetReachedAt: new Date(), budgetReachedBy: "discount" },
    });
    await prisma.redemption.create({
      data: {
        shopDomain: TEST_SHOP,
        orderId: "gid://shopify/Order/1",
        orderName: "#1001",
        orderUpdatedAt: new Date(),
        processedAt: new Date(),
        code: "CAPS1",
        codeKey: "CAPS1",
        campaignId: id,
        currency: "USD",
        presentmentCurrency: "USD",
        subtotal: "90",
        total: "95",
        totalDiscount: "10",
        codeDiscount: "10",
        shippingDiscount: "0",
        presentmentTotal: "95",
        recordedFrom: "webhook",
      },
    });
    const stopped = await (await send(`/app/campaigns/${id}`)).text();
    expect(stopped).toContain("Budget reached");
    expect(stopped).toContain("$9.99 over");
    const resume = await (await post(data(`/app/campaigns/${id}`, "routes/app.campaigns.$id"), { intent: "resume" })).json();
    expect(resume.errors.general).toBe(
      "This campaign reached its budget of $0.01 in discounts. Raise it (edit the campaign and publish), and the campaign resumes.",
    );
  });
});

describe("shop isolation", () => {
  it("answers another shop's campaign id with 404, for the page and its actions, and lists only the shop's own", async () => {
    const theirs = await createCampaign(prisma, OTHER_SHOP, campaignInput({ name: "Their secret sale" }));
    expect((await send(`/app/campaigns/${theirs.id}`)).status).toBe(404);
    expect((await post(`/app/campaigns/${theirs.id}`, { intent: "archive" })).status).toBe(404);
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("draft");
    expect(await (await send("/app/campaigns")).text()).not.toContain("Their secret sale");
    expect((await send("/app/campaigns/not-a-number")).status).toBe(404);
  });

  it("refuses a pool of another shop", async () => {
    const { createPool } = await import("~/domain/pools/pools.server");
    const { poolStore } = await import("~/domain/pools/store.server");
    const pool = await createPool(poolStore(), OTHER_SHOP, "Other shop's pool");
    const response = await post(data("/app/campaigns/new", "routes/app.campaigns.new"), {
      ...validForm,
      codeSource: "pool",
      sharedCode: "",
      poolId: String(pool.id),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: { poolId: "Choose one of this store's coupon pools." } });
  });
});

describe("the Not governed by PromoGuard list", () => {
  it("imports on demand and shows codes, status and usage", async () => {
    emulator.seedFor(TEST_SHOP).discount({ title: "Staff 30", codes: ["STAFF30"], summary: "30% off", asyncUsageCount: 4, usageLimit: 10 });
    const imported = await post(data("/app/campaigns/ungoverned", "routes/app.campaigns.ungoverned"), {});
    // The page's import action (now governed: ?intent=import by default) answers ok; the list shows the rest.
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({ ok: true });
    const html = await (await send("/app/campaigns/ungoverned")).text();
    for (const words of ["Not governed by PromoGuard", "Staff 30", "STAFF30", "4 of 10", "Native", "TAKEN"]) expect(html).toContain(words);
    expect(html).not.toContain("Spring email");
  });
});
